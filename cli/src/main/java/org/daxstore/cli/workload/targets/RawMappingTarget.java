package org.daxstore.cli.workload.targets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;

import org.daxstore.media.MappedChunk;
import org.daxstore.media.Memory;

/**
 * The physical limit: a plain file mapped read-write by the JDK, in chunks of 1 GiB, and read
 * and written by address with core's {@link Memory} (a copy between the mapping and the thread's
 * buffer), the way the bench's {@code RawMapping} anchors its ratios. Persistence is the
 * chunk's {@code force} of the block (msync).
 */
public final class RawMappingTarget implements Target {
    /** Chunks of 1 GiB: a block (a power of two up to 2 MiB, at a multiple of itself) never crosses one. */
    static final int CHUNK_SHIFT = 30;
    static final long CHUNK_MASK = (1L << CHUNK_SHIFT) - 1;

    private final PlainFile file;
    private final MappedChunk[] chunks;
    private final long[] addresses;

    private RawMappingTarget(PlainFile file, MappedChunk[] chunks) {
        this.file = file;
        this.chunks = chunks;
        this.addresses = new long[chunks.length];
        for (int i = 0; i < chunks.length; i++) {
            addresses[i] = chunks[i].address();
        }
    }

    /**
     * Maps all of {@code file}; the target owns it from then on.
     *
     * @param file the plain file
     * @return the target; closing it unmaps and removes the file
     * @throws UncheckedIOException if the mapping fails
     */
    public static RawMappingTarget map(PlainFile file) {
        int count = (int) ((file.size() + CHUNK_MASK) >>> CHUNK_SHIFT);
        MappedChunk[] chunks = new MappedChunk[count];
        try {
            for (int i = 0; i < count; i++) {
                long at = (long) i << CHUNK_SHIFT;
                chunks[i] = MappedChunk.map(file.channel(), FileChannel.MapMode.READ_WRITE, at,
                        Math.min(1L << CHUNK_SHIFT, file.size() - at));
            }
        } catch (IOException e) {
            closeAll(chunks);
            file.close();
            throw new UncheckedIOException("cannot map " + file.path() + ": " + e.getMessage(), e);
        }
        return new RawMappingTarget(file, chunks);
    }

    @Override
    public ThreadAccess open(int blockSize, boolean writes) {
        return new Access(blockSize);
    }

    @Override
    public void pretouch() {
        for (MappedChunk chunk : chunks) {
            Memory.fill(chunk.address(), chunk.length(), Pieces.FILL);
        }
    }

    @Override
    public void close() {
        closeAll(chunks);
        file.close();
    }

    private static void closeAll(MappedChunk[] chunks) {
        for (MappedChunk chunk : chunks) {
            if (chunk != null) {
                chunk.close();
            }
        }
    }

    private final class Access extends ThreadAccess {
        private final byte[] buffer;

        Access(int blockSize) {
            super(blockSize);
            this.buffer = new byte[blockSize];
        }

        @Override
        public void read(long offset) {
            Memory.copyToHeap(addresses[(int) (offset >>> CHUNK_SHIFT)] + (offset & CHUNK_MASK), buffer, 0, blockSize);
        }

        @Override
        public void write(long offset) {
            Memory.copyFromHeap(buffer, 0, addresses[(int) (offset >>> CHUNK_SHIFT)] + (offset & CHUNK_MASK), blockSize);
        }

        @Override
        public void persist(long offset) {
            chunks[(int) (offset >>> CHUNK_SHIFT)].force(offset & CHUNK_MASK, blockSize);
        }
    }
}
