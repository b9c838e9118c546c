package org.daxstore.cli.workload.targets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Pretouch's walk over a whole target in pieces of 1 MiB, each written from one heap buffer of
 * {@link #FILL} bytes (so that reads return something other than a hole's zeros).
 */
final class Pieces {
    static final int SIZE = 1 << 20;
    static final byte FILL = 0x5a;

    private Pieces() {
    }

    /** Writes {@code [at, at + length)} of a target from {@code source[0..length)}. */
    @FunctionalInterface
    interface Writer {
        void write(long at, byte[] source, int length) throws IOException;
    }

    /**
     * Calls {@code writer} for every piece of {@code [0, size)}, in order.
     *
     * @throws UncheckedIOException if a write fails, naming {@code what}
     */
    static void cover(String what, long size, Writer writer) {
        byte[] piece = new byte[(int) Math.min(SIZE, Math.max(1, size))];
        Arrays.fill(piece, FILL);
        try {
            for (long at = 0; at < size; at += piece.length) {
                writer.write(at, piece, (int) Math.min(piece.length, size - at));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pretouch " + what + ": " + e.getMessage(), e);
        }
    }
}
