package org.daxstore;

import java.nio.ByteBuffer;

/**
 * Copies between the store and a {@link ByteBuffer} whose bytes have no accessible array (a
 * direct or read-only buffer) through a heap buffer of at most {@value #CHUNK} bytes, so that
 * the heap a copy takes does not grow with the buffer: a 2 GiB direct buffer needs no 2 GiB
 * array. Each step runs even for an empty buffer, once, so that a closed handle refuses a copy
 * of nothing too.
 */
final class BufferStaging {
    /** The most a copy stages on the heap at a time: one access section's worth. */
    static final int CHUNK = 256 << 10;

    private BufferStaging() {
    }

    /** Reads up to {@code length} bytes at {@code position} into {@code chunk}: the count, or -1 at the end. */
    interface Source {
        int read(long position, byte[] chunk, int length);
    }

    /** Writes {@code chunk[0, length)} at {@code position}. */
    interface Sink {
        void write(long position, byte[] chunk, int length);
    }

    /**
     * Fills {@code dst}'s remaining space from {@code source}, starting at {@code position},
     * advancing its position; returns the bytes copied, or the source's first result if that
     * was 0 or -1.
     */
    static int fill(ByteBuffer dst, long position, Source source) {
        byte[] chunk = new byte[Math.min(dst.remaining(), CHUNK)];
        int total = 0;
        do {
            int n = source.read(position + total, chunk, Math.min(dst.remaining(), chunk.length));
            if (n <= 0) {
                return total > 0 ? total : n;
            }
            dst.put(chunk, 0, n);
            total += n;
        } while (dst.hasRemaining());
        return total;
    }

    /**
     * Copies {@code src}'s remaining bytes to {@code sink}, starting at {@code position}. The
     * position advances by each step written, so after a failed step it says how far the copy got.
     */
    static void drain(ByteBuffer src, long position, Sink sink) {
        byte[] chunk = new byte[Math.min(src.remaining(), CHUNK)];
        long done = 0;
        do {
            int n = Math.min(src.remaining(), chunk.length);
            src.duplicate().get(chunk, 0, n);
            sink.write(position + done, chunk, n);
            src.position(src.position() + n);
            done += n;
        } while (src.hasRemaining());
    }
}
