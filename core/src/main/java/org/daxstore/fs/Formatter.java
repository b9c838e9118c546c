package org.daxstore.fs;

import java.nio.file.Path;
import java.util.UUID;

import org.daxstore.format.Layout;
import org.daxstore.format.Superblock;
import org.daxstore.media.ContainerFile;
import org.daxstore.media.Medium;
import org.daxstore.media.MediumSelector;
import org.daxstore.media.Memory;

/**
 * Lays a new, empty store into an empty container file: sizes the file (sparse), backs the
 * metadata region with storage, marks the metadata blocks in use, and writes the superblocks
 * last, so that a format interrupted at any point leaves no valid store behind.
 */
final class Formatter {
    private Formatter() {
    }

    /**
     * The layout {@code options} give a store at {@code path}, or an {@link IllegalArgumentException}
     * that names the path, the options and what is wrong with them (the smallest capacity, if
     * the capacity is too small).
     */
    static Layout layout(Path path, VolumeOptions options) {
        try {
            return options.layout();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": cannot format a store with " + options + ": " + e.getMessage(), e);
        }
    }

    static void format(ContainerFile container, VolumeOptions options) {
        Layout layout = layout(container.path(), options);
        container.setLength(layout.containerSize());
        Medium medium = null;
        try {
            medium = MediumSelector.map(container, layout.containerSize(), layout.blockSize(), options.medium()).medium();
            medium = options.hooks().mediumDecorator().apply(medium);
            medium.preallocate(0, layout.metadataBytes());
            medium.prefault(0, layout.metadataBytes()); // zeroed next: mapped in one call, not a fault a page
            Memory.fill(medium.address(0), layout.metadataBytes(), (byte) 0);
            markMetadataBlocks(medium, layout);
            medium.persist(0, layout.metadataBytes());
            Volume.writeSuperblock(medium, new Superblock(layout.blockShift(), layout.blockCount(),
                    layout.inodeCount(), layout.journalBytes(), UUID.randomUUID(), options.clock().millis(), true));
        } catch (RuntimeException | Error e) {
            container.setLength(0);
            throw e;
        } finally {
            if (medium != null) {
                medium.close();
            }
        }
    }

    private static void markMetadataBlocks(Medium medium, Layout layout) {
        long metadataBlocks = layout.firstDataBlock();
        for (long block = 0; block < metadataBlocks; block += 64) {
            long bits = metadataBlocks - block >= 64 ? -1L : (1L << (metadataBlocks - block)) - 1;
            Memory.putLong(medium.address(layout.bitmapWordOffset(block)), bits);
        }
    }
}
