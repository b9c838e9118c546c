package org.daxstore.cli.workload.targets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A plain file as the JDK's {@link MappedByteBuffer}s, 1 GiB each (a buffer holds at most
 * 2 GiB), shared by every thread through the absolute bulk {@code get} and {@code put}, which
 * touch no buffer position. Persistence is {@link MappedByteBuffer#force(int, int)} of the block.
 * The JDK has no public unmap: the buffers go when the collector finds them, after the file is
 * removed.
 */
public final class MappedBufferTarget implements Target {
    private final PlainFile file;
    private final MappedByteBuffer[] buffers;

    private MappedBufferTarget(PlainFile file, MappedByteBuffer[] buffers) {
        this.file = file;
        this.buffers = buffers;
    }

    /**
     * Maps all of {@code file}; the target owns it from then on.
     *
     * @param file the plain file
     * @return the target; closing it removes the file
     * @throws UncheckedIOException if the mapping fails
     */
    public static MappedBufferTarget map(PlainFile file) {
        int count = (int) ((file.size() + RawMappingTarget.CHUNK_MASK) >>> RawMappingTarget.CHUNK_SHIFT);
        MappedByteBuffer[] buffers = new MappedByteBuffer[count];
        try {
            for (int i = 0; i < count; i++) {
                long at = (long) i << RawMappingTarget.CHUNK_SHIFT;
                buffers[i] = file.channel().map(FileChannel.MapMode.READ_WRITE, at,
                        Math.min(1L << RawMappingTarget.CHUNK_SHIFT, file.size() - at));
            }
        } catch (IOException e) {
            file.close();
            throw new UncheckedIOException("cannot map " + file.path() + ": " + e.getMessage(), e);
        }
        return new MappedBufferTarget(file, buffers);
    }

    @Override
    public ThreadAccess open(int blockSize, boolean writes) {
        return new Access(blockSize);
    }

    @Override
    public void pretouch() {
        for (MappedByteBuffer buffer : buffers) {
            Pieces.cover(file.path().toString(), buffer.capacity(), (at, piece, length) -> buffer.put((int) at, piece, 0, length));
        }
    }

    @Override
    public void close() {
        file.close();
    }

    private final class Access extends ThreadAccess {
        private final byte[] buffer;

        Access(int blockSize) {
            super(blockSize);
            this.buffer = new byte[blockSize];
        }

        @Override
        public void read(long offset) {
            buffers[(int) (offset >>> RawMappingTarget.CHUNK_SHIFT)].get((int) (offset & RawMappingTarget.CHUNK_MASK), buffer, 0, blockSize);
        }

        @Override
        public void write(long offset) {
            buffers[(int) (offset >>> RawMappingTarget.CHUNK_SHIFT)].put((int) (offset & RawMappingTarget.CHUNK_MASK), buffer, 0, blockSize);
        }

        @Override
        public void persist(long offset) {
            buffers[(int) (offset >>> RawMappingTarget.CHUNK_SHIFT)].force((int) (offset & RawMappingTarget.CHUNK_MASK), blockSize);
        }
    }
}
