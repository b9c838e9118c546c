package org.daxstore.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.daxstore.format.Layout;
import org.daxstore.nativebridge.NativeFile;

/**
 * The holes of a container file (by {@code SEEK_DATA} / {@code SEEK_HOLE}) under its metadata
 * or under a block its bitmap marks in use, page by page: what a store must never load or
 * store through a mapping. Found independently of the code under test ({@code fs/InUseStorage}).
 */
public final class InUseHoles {
    private static final int PAGE = 4096;

    private InUseHoles() {
    }

    /** The offset of each such hole page ({@value #PAGE} bytes), in order; empty when everything in use is backed. */
    public static List<Long> of(Path path, Layout layout) throws IOException {
        ImageFile image = new ImageFile(path);
        List<Long> holes = new ArrayList<>();
        try (NativeFile file = new NativeFile(path)) {
            for (long at = 0; at < layout.containerSize(); ) {
                long data = file.nextData(at);
                long end = data < 0 ? layout.containerSize() : data;
                for (long offset = at; offset < end; offset += PAGE) {
                    long block = offset / layout.blockSize();
                    boolean inUse = (image.getLong(layout.bitmapWordOffset(block)) >>> (block & 63) & 1) != 0;
                    if (offset < layout.metadataBytes() || inUse) {
                        holes.add(offset);
                    }
                }
                if (data < 0) {
                    break;
                }
                at = file.nextHole(data);
            }
        }
        return holes;
    }

    /** Bytes of storage the file holds (st_blocks). */
    public static long allocatedBytes(Path path) {
        try (NativeFile file = new NativeFile(path)) {
            return file.allocatedBytes();
        }
    }
}
