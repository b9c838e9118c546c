package org.daxstore.fs;

import java.util.UUID;

import org.daxstore.StoreOptions;
import org.daxstore.format.Layout;
import org.daxstore.format.Superblock;
import org.daxstore.media.ContainerFile;
import org.daxstore.media.MediumSelector;
import org.daxstore.media.Medium;
import org.daxstore.media.Memory;

/**
 * Lays a new, empty store into an empty container file: sizes the file (sparse), backs the
 * metadata region with storage, marks the metadata blocks in use, and writes the superblocks
 * last, so that a format interrupted at any point leaves no valid store behind.
 */
final class Formatter {
    private Formatter() {
    }

    static void format(ContainerFile container, StoreOptions options) {
        Layout layout;
        try {
            layout = options.layout();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(container.path() + ": cannot format a store with " + options
                    + ": " + e.getMessage(), e);
        }
        container.setLength(layout.containerSize());
        try (Medium medium = options.mediumDecorator().apply(
                MediumSelector.map(container, layout.containerSize(), layout.blockSize(), options.medium()).medium())) {
            medium.preallocate(0, layout.metadataBytes());
            Memory.fill(medium.address(0), layout.metadataBytes(), (byte) 0);
            markMetadataBlocks(medium, layout);
            medium.persist(0, layout.metadataBytes());
            Volume.writeSuperblock(medium, new Superblock(layout.blockShift(), layout.blockCount(),
                    layout.inodeCount(), layout.journalBytes(), UUID.randomUUID(), System.currentTimeMillis(), true));
        } catch (RuntimeException e) {
            container.setLength(0);
            throw e;
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
