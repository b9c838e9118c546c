package org.daxstore.harness.exercise;

import java.util.Arrays;

/**
 * The model of one file: a growable byte array, zeros past what was written. A mapped access is
 * a positional one here, and durability is invisible.
 */
final class FileModel implements OracleFile {
    private byte[] bytes = new byte[0];
    private long size;

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(long position, byte[] dst, int length) {
        if (length == 0) {
            return 0;
        }
        long count = Math.min(length, size - position);
        if (count <= 0) {
            return -1;
        }
        mappedRead(position, dst, (int) count);
        return (int) count;
    }

    /** Copies the expected bytes of {@code [position, position + length)} into {@code dst}. */
    @Override
    public void mappedRead(long position, byte[] dst, int length) {
        int stored = (int) Math.max(0, Math.min(length, bytes.length - position));
        if (stored > 0) {
            System.arraycopy(bytes, (int) position, dst, 0, stored);
        }
        Arrays.fill(dst, stored, length, (byte) 0);
    }

    @Override
    public void write(long position, byte[] src, int length) {
        if (length == 0) {
            return;
        }
        ensureCapacity(position + length);
        System.arraycopy(src, 0, bytes, (int) position, length);
        size = Math.max(size, position + length);
    }

    @Override
    public void mappedWrite(long position, byte[] src, int length) {
        write(position, src, length);
    }

    @Override
    public void truncate(long newSize) {
        if (newSize < size && newSize < bytes.length) {
            Arrays.fill(bytes, (int) newSize, (int) Math.min(bytes.length, size), (byte) 0);
        }
        size = newSize;
    }

    @Override
    public void punch(long offset, long length) {
        long end = Math.min(offset + length, size);
        zero(offset, end);
    }

    @Override
    public void zeroRange(long offset, long length) {
        zero(offset, offset + length);
        allocate(offset, length);
    }

    /** Grows the size to cover the range: there is no storage to back in memory. */
    @Override
    public void allocate(long offset, long length) {
        if (length > 0) {
            size = Math.max(size, offset + length);
        }
    }

    @Override
    public void persist(long offset, long length) {
        // durability is invisible in memory
    }

    @Override
    public void force() {
        // as above
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
