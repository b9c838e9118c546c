package org.daxstore.media;

import org.daxstore.nativebridge.NativeFile;

/**
 * The holes of a container file: the ranges the file system holds no storage for (a sparse copy
 * of a container, the free blocks of a thin store, a repaired truncation). Found with
 * {@code lseek(SEEK_DATA)} and {@code lseek(SEEK_HOLE)}: two calls per hole, not one per block.
 * What a call costs is the file system's: an extent file system looks up extents, but tmpfs
 * walks its page cache, so a {@code SEEK_HOLE} across data costs about 0.1 to 0.6 us per page
 * backed (measured here: 175 to 390 ms for 2 GiB at a load average of 21). So a file whose
 * storage covers its whole length ({@code st_blocks}, one {@code fstat}) is known to have no
 * hole and is not walked at all ({@link #mayHaveHoles}): a full container, a thick one.
 */
public final class ContainerHoles {
    private ContainerHoles() {
    }

    /** Receives one hole, {@code [start, end)}. */
    @FunctionalInterface
    public interface HoleVisitor {
        void visit(long start, long end);
    }

    /**
     * True if the holes of {@code container} can be found and backed: it is a file (a device is
     * always backed) opened with the native bridge. Without the bridge the JDK offers no way to
     * tell a hole from zeros.
     */
    public static boolean canScan(ContainerFile container) {
        return !container.isDevice() && container.nativeFile() != null;
    }

    /**
     * False if the file system holds storage for at least every byte of {@code container}'s
     * {@code size}, so that it has no hole (one {@code fstat}); true if it may have one. Needs
     * {@link #canScan}.
     */
    public static boolean mayHaveHoles(ContainerFile container, long size) {
        return container.nativeFile().allocatedBytes() < size;
    }

    /**
     * Visits, in order, each hole of {@code container} that overlaps {@code [from, to)}, clipped
     * to it. The visitor may back the hole it is given; the walk goes on from the hole's end.
     * Needs {@link #canScan}.
     */
    public static void forEach(ContainerFile container, long from, long to, HoleVisitor visitor) {
        NativeFile file = container.nativeFile();
        long at = from;
        while (at < to) {
            long data = file.nextData(at);
            long holeEnd = data < 0 ? to : Math.min(data, to);
            if (holeEnd > at) {
                visitor.visit(at, holeEnd);
            }
            if (data < 0 || data >= to) {
                return;
            }
            long hole = file.nextHole(data);
            if (hole < 0) {
                return;
            }
            at = hole;
        }
    }
}
