package org.daxstore.fs;

import java.util.ArrayList;
import java.util.List;

import org.daxstore.StoreFullException;
import org.daxstore.StoreIOException;
import org.daxstore.format.Layout;
import org.daxstore.media.ContainerFile;
import org.daxstore.media.ContainerHoles;
import org.daxstore.media.ImageReader;
import org.daxstore.media.Medium;
import org.daxstore.nativebridge.NativeCallException;

/**
 * Backs with storage every hole of a container file that lies under metadata or under a block
 * the bitmap marks in use, before anything loads or stores through a mapping of it.
 *
 * <p>Why: the store hands out only blocks it has backed (docs/DESIGN.md section 3), and trusts that
 * every block in use is backed. An image can break that without breaking any rule of the
 * format: {@code cp --sparse=always} of a container turns its zeroed pages into holes, a repair
 * of a truncated container extends it with a hole, a hole punched by hand. On tmpfs the first
 * load or store through a mapping of such a hole allocates a page, and when the file system is
 * full that is SIGBUS: an asynchronous {@code InternalError} in Java, or a crash inside native
 * code. Backing the holes here, in the open (or repair) that will use the image, turns that into
 * {@link StoreFullException} before the store exists. A hole reads as zeros before and after:
 * the bytes are unchanged, only the storage under them is new (FORMAT.md, "Storage").
 *
 * <p>Cost: a container with storage for its whole length costs one {@code fstat}; otherwise the
 * holes are found by {@link ContainerHoles} (two calls per hole, whose cost on tmpfs grows with
 * the pages backed), and only the bitmap words that cover a hole are read.
 */
public final class InUseStorage {
    private final ContainerFile container;
    private final Medium medium;
    private final InUseBits inUse;
    private final Layout layout;
    /** The ranges backed so far, {start, end} each, to punch again if a later one fails. */
    private final List<long[]> backed = new ArrayList<>();

    /** Which blocks are in use: the bits of the 64 blocks from {@code firstBlock}, a multiple of 64, as the bitmap lays them out. */
    @FunctionalInterface
    public interface InUseBits {
        long word(long firstBlock);
    }

    private InUseStorage(ContainerFile container, Medium medium, InUseBits inUse, Layout layout) {
        this.container = container;
        this.medium = medium;
        this.inUse = inUse;
        this.layout = layout;
    }

    /**
     * Backs every hole under metadata or under a block in use (as {@code image}'s bitmap marks
     * it; the image must have passed the format's rules) of {@code container}, which
     * {@code medium} maps.
     *
     * @throws StoreFullException if the file system has no room, naming the container, the range
     *     and errno; the container is then as it was (what this call backed is punched again)
     * @throws StoreIOException   if another call fails, likewise leaving the container as it was
     */
    public static void back(ContainerFile container, Medium medium, ImageReader image, Layout layout) {
        back(container, medium, layout, first -> image.getLong(layout.bitmapWordOffset(first)));
    }

    /**
     * Backs every hole of {@code container} under metadata or under a block {@code inUse} marks:
     * as {@link #back(ContainerFile, Medium, ImageReader, Layout)}, for a caller that knows the
     * blocks in use before the bitmap says so (a repair, from its plan).
     */
    public static void back(ContainerFile container, Medium medium, Layout layout, InUseBits inUse) {
        if (!ContainerHoles.canScan(container)) {
            return; // a device is always backed; without the bridge there is no way to find a hole
        }
        new InUseStorage(container, medium, inUse, layout).backAll();
    }

    private void backAll() {
        if (!ContainerHoles.mayHaveHoles(container, layout.containerSize())) {
            return;
        }
        try {
            ContainerHoles.forEach(container, 0, layout.containerSize(), this::backInUseParts);
        } catch (RuntimeException e) {
            undo(e);
            throw e;
        }
    }

    /** Backs the parts of the hole {@code [start, end)} that are metadata or blocks in use. */
    private void backInUseParts(long start, long end) {
        int shift = layout.blockShift();
        long block = start >>> shift;
        long lastBlock = (end - 1) >>> shift;
        while (block <= lastBlock) {
            long runStart = nextInUse(block, lastBlock);
            if (runStart > lastBlock) {
                return;
            }
            long runEnd = nextFree(runStart, lastBlock);
            fallocate(Math.max(start, runStart << shift), Math.min(end, runEnd << shift));
            block = runEnd;
        }
    }

    /** The first block from {@code block} up to {@code last} that is in use, or {@code last + 1}. */
    private long nextInUse(long block, long last) {
        while (block <= last) {
            long word = inUseBits(block) >>> (block & 63);
            if (word != 0) {
                return Math.min(last + 1, block + Long.numberOfTrailingZeros(word));
            }
            block = (block | 63) + 1;
        }
        return last + 1;
    }

    /** The first block from {@code block} up to {@code last} that is free, or {@code last + 1}. */
    private long nextFree(long block, long last) {
        while (block <= last) {
            long word = ~inUseBits(block) >>> (block & 63);
            if (word != 0) {
                return Math.min(last + 1, block + Long.numberOfTrailingZeros(word));
            }
            block = (block | 63) + 1;
        }
        return last + 1;
    }

    /** The bitmap word of {@code block}, with the metadata blocks counted in use whatever it says. */
    private long inUseBits(long block) {
        long first = block & ~63L;
        long word = inUse.word(first);
        long metadataBlocks = layout.firstDataBlock() - first;
        if (metadataBlocks > 0) {
            word |= metadataBlocks >= 64 ? -1L : (1L << metadataBlocks) - 1;
        }
        return word;
    }

    /**
     * Backs {@code [start, end)} through the medium: {@code posix_fallocate} (fallocate mode 0),
     * then a populating write fault of the range. The fault matters on tmpfs, where a page
     * fallocate backed but nothing wrote still counts as a hole for {@code SEEK_DATA}: without it
     * every later open would find the range again.
     */
    private void fallocate(long start, long end) {
        try {
            medium.preallocate(start, end - start);
            medium.prefault(start, end - start);
        } catch (StoreFullException | StoreIOException e) {
            String what = container.path() + ": container range [" + start + ", " + end + ") (" + (end - start)
                    + " bytes) holds metadata or blocks in use but has no storage (a sparse copy of the container,"
                    + " or a repaired truncation), and backing it failed: " + causeText(e)
                    + "; the container is unchanged";
            if (e instanceof StoreFullException) {
                throw new StoreFullException(what + ": free space on its file system, or open it on a larger one", e);
            }
            throw new StoreIOException(what, e);
        }
        backed.add(new long[] {start, end});
    }

    /** The native call's own message (call, range, errno) where there is one. */
    private static String causeText(RuntimeException e) {
        return e.getCause() instanceof NativeCallException call ? call.getMessage() : e.getMessage();
    }

    /** Returns what this call backed: those ranges were holes, so the container is as it was found. */
    private void undo(RuntimeException failure) {
        for (long[] range : backed) {
            try {
                medium.punch(range[0], range[1] - range[0]);
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
