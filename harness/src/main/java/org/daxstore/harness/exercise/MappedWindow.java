package org.daxstore.harness.exercise;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A {@link MappedByteBuffer} over the start of a plain file, never reaching past the file's end.
 * Touching a page of a mapping beyond the end of the file raises SIGBUS, which the JVM turns into
 * an asynchronous {@link InternalError} at best; and {@link FileChannel#map} grows a file that is
 * shorter than the range asked. So the window maps {@code [0, size)} only, is mapped again when
 * an access needs more than it covers, and is dropped (never touched again) as soon as the file
 * shrinks below it. A dropped buffer is unmapped when the garbage collector reclaims it.
 *
 * <p>On tmpfs a load through a shared mapping allocates the page it touches, even in a hole or
 * a punched range: the kernel file can then hold more storage than the store's file, which is
 * one reason fsx does not compare allocated space (see {@link KernelOracle}).
 */
final class MappedWindow {
    private final FileChannel channel;
    private MappedByteBuffer buffer;

    MappedWindow(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * A buffer whose index {@code i} is file offset {@code i}, covering at least {@code [0, end)}.
     *
     * @param end  where the access ends; at most {@code size}
     * @param size the file's current size
     */
    MappedByteBuffer covering(long end, long size) {
        if (end > size || size > Integer.MAX_VALUE) {
            throw new IllegalStateException("a mapped access up to " + end + " of a " + size
                    + "-byte file would touch the mapping past the file's end (SIGBUS), or cannot be one buffer");
        }
        if (buffer == null || buffer.capacity() < end) {
            try {
                buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return buffer;
    }

    /** The file is about to become {@code newSize} bytes: a mapping past that is dropped. */
    void shrinkingTo(long newSize) {
        if (buffer != null && buffer.capacity() > newSize) {
            buffer = null;
        }
    }

    void drop() {
        buffer = null;
    }
}
