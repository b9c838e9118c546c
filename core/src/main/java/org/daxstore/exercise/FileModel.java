package org.daxstore.exercise;

import java.util.Arrays;

/** The expected contents of one file: a growable byte array, zeros past what was written. */
final class FileModel {
    private byte[] bytes = new byte[0];
    private long size;

    long size() {
        return size;
    }


    /** Copies the expected bytes of {@code [position, position + length)} into {@code dst}. */
    void copy(long position, byte[] dst, int length) {
        int stored = (int) Math.max(0, Math.min(length, bytes.length - position));
        if (stored > 0) {
            System.arraycopy(bytes, (int) position, dst, 0, stored);
        }
        java.util.Arrays.fill(dst, stored, length, (byte) 0);
    }

    /** Writes {@code src[0, length)} at {@code position}, growing the size to cover it; an empty write changes nothing. */
    void write(long position, byte[] src, int length) {
        if (length == 0) {
            return;
        }
        ensureCapacity(position + length);
        System.arraycopy(src, 0, bytes, (int) position, length);
        size = Math.max(size, position + length);
    }

    void truncate(long newSize) {
        if (newSize < size && newSize < bytes.length) {
            Arrays.fill(bytes, (int) newSize, (int) Math.min(bytes.length, size), (byte) 0);
        }
        size = newSize;
    }

    /** Zeros in {@code [offset, end)} clipped to the size; the size does not change. */
    void punch(long offset, long length) {
        long end = Math.min(offset + length, size);
        zero(offset, end);
    }

    /** Zeros in {@code [offset, offset + length)}, growing the size to cover it; an empty range changes nothing. */
    void zeroRange(long offset, long length) {
        zero(offset, offset + length);
        allocate(offset, length);
    }

    /** Grows the size to cover {@code [offset, offset + length)}; an empty range changes nothing. */
    void allocate(long offset, long length) {
        if (length > 0) {
            size = Math.max(size, offset + length);
        }
    }

    private void zero(long from, long to) {
        long end = Math.min(to, bytes.length);
        if (from < end) {
            Arrays.fill(bytes, (int) from, (int) end, (byte) 0);
        }
    }

    private void ensureCapacity(long needed) {
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 8, 2L * bytes.length)));
        }
    }
}
