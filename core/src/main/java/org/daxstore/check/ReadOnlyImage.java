package org.daxstore.check;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

import org.daxstore.media.ImageReader;
import org.daxstore.media.Memory;

/**
 * A container file mapped read-only ({@link FileChannel.MapMode#READ_ONLY}: a private, read-only
 * mapping, so nothing done here can reach the file), in chunks of 1 GiB, read through the
 * buffers' bounds-checked accessors rather than raw addresses. The caller maps no more than
 * the file's length, so no access can fault past its end.
 */
final class ReadOnlyImage implements ImageReader, AutoCloseable {
    private static final int CHUNK_SHIFT = 30;
    private static final long CHUNK_MASK = (1L << CHUNK_SHIFT) - 1;

    private final long size;
    private final MappedByteBuffer[] chunks;

    private ReadOnlyImage(long size, MappedByteBuffer[] chunks) {
        this.size = size;
        this.chunks = chunks;
    }

    /** Maps the first {@code size} bytes of {@code channel}, which the caller has checked it holds. */
    static ReadOnlyImage map(FileChannel channel, long size) throws IOException {
        MappedByteBuffer[] chunks = new MappedByteBuffer[(int) ((size + CHUNK_MASK) >>> CHUNK_SHIFT)];
        try {
            for (int i = 0; i < chunks.length; i++) {
                long position = (long) i << CHUNK_SHIFT;
                chunks[i] = channel.map(FileChannel.MapMode.READ_ONLY, position, Math.min(size - position, 1L << CHUNK_SHIFT));
                chunks[i].order(ByteOrder.LITTLE_ENDIAN);
            }
        } catch (IOException | RuntimeException e) {
            unmap(chunks);
            throw e;
        }
        return new ReadOnlyImage(size, chunks);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long getLong(long offset) {
        // Words are 8-byte aligned and chunks are a multiple of 8 bytes: no word straddles two.
        return chunks[(int) (offset >>> CHUNK_SHIFT)].getLong((int) (offset & CHUNK_MASK));
    }

    @Override
    public void read(long offset, byte[] dst, int at, int length) {
        while (length > 0) {
            MappedByteBuffer chunk = chunks[(int) (offset >>> CHUNK_SHIFT)];
            int index = (int) (offset & CHUNK_MASK);
            int count = Math.min(length, chunk.capacity() - index);
            chunk.get(index, dst, at, count);
            offset += count;
            at += count;
            length -= count;
        }
    }

    @Override
    public void close() {
        unmap(chunks);
    }

    private static void unmap(MappedByteBuffer[] chunks) {
        for (MappedByteBuffer chunk : chunks) {
            if (chunk != null) {
                Memory.unmap(chunk);
            }
        }
    }
}
