package org.daxstore.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import org.daxstore.StoreIOException;

/**
 * A container file read with positional reads ({@code pread}), never through a mapping: how the
 * checks read an image that may be damaged. A damaged block pointer can lead into a block whose
 * storage the file system never allocated (a hole). On tmpfs a load through any mapping of a
 * hole, shared or private, allocates a page for it, and raises SIGBUS (an asynchronous
 * {@code InternalError} in Java) when the file system is full; {@code pread} of a hole returns
 * zeros and allocates nothing. So neither fsck nor the check at open can fill a file system or
 * fail untyped, whatever the image points at.
 *
 * <p>The checks read the bitmap and the inode table word by word and record by record, in order,
 * so small reads are served from a window of {@value #WINDOW} bytes read at once; a read as large
 * as a block-map node goes to the file directly. Reads of a mapped store's file see what its
 * mapping wrote: both go through the same page cache (or, on DAX, to the same memory).
 *
 * <p>Not thread-safe. The caller keeps reads within {@link #size()}, as {@link ImageReader} says.
 */
public final class PositionalImage implements ImageReader {
    private static final int WINDOW = 64 << 10;
    private static final int DIRECT_READ = 4 << 10;

    private final PositionalFile file;
    private final Path path;
    private final long size;
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW).order(ByteOrder.LITTLE_ENDIAN);
    private long windowStart = -1;
    private int windowLength;

    /** Reads the first {@code size} bytes of {@code file}, the container at {@code path}. */
    public PositionalImage(PositionalFile file, Path path, long size) {
        this.file = file;
        this.path = path;
        this.size = size;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long getLong(long offset) {
        // Words are 8-byte aligned and the window starts on a multiple of its length: no word straddles two.
        fill(offset);
        return window.getLong((int) (offset - windowStart));
    }

    @Override
    public void read(long offset, byte[] dst, int at, int length) {
        if (length >= DIRECT_READ) {
            readFully(ByteBuffer.wrap(dst, at, length), offset);
            return;
        }
        while (length > 0) {
            fill(offset);
            int index = (int) (offset - windowStart);
            int count = Math.min(length, windowLength - index);
            window.get(index, dst, at, count);
            offset += count;
            at += count;
            length -= count;
        }
    }

    /** Makes the window hold the aligned stretch of the file around {@code offset}. */
    private void fill(long offset) {
        if (offset >= windowStart && offset < windowStart + windowLength) {
            return;
        }
        long start = offset & -WINDOW;
        int length = (int) Math.min(WINDOW, size - start);
        windowStart = -1;
        readFully(window.clear().limit(length), start);
        windowStart = start;
        windowLength = length;
    }

    private void readFully(ByteBuffer buffer, long position) {
        int length = buffer.remaining();
        long end = position + length;
        try {
            int n = file.read(position, buffer.array(), buffer.arrayOffset() + buffer.position(), length);
            if (n < length) {
                throw new StoreIOException(path + ": the container ends at " + (position + n) + ", before the end of ["
                        + position + ", " + end + "), which the check reads");
            }
        } catch (IOException e) {
            throw new StoreIOException(path + ": cannot read [" + position + ", " + end + "): " + e.getMessage(), e);
        }
    }
}
