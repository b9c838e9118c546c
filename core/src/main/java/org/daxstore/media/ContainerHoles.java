package org.daxstore.media;

import org.daxstore.nativebridge.NativeFile;

/**
 * The holes of a container file: the ranges the file system holds no storage for (a sparse copy
 * of a container, the free blocks of a thin store, a repaired truncation). Found with
 * {@code lseek(SEEK_DATA)} and {@code lseek(SEEK_HOLE)}, which walk the file's extents, so a scan
 * costs two calls per hole, not one per block: a fully backed container is one extent, and its
 * scan is two calls whatever its size.
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
