package org.daxstore.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

import org.daxstore.StoreFullException;
import org.daxstore.StoreIOException;
import org.daxstore.nativebridge.LibC;
import org.daxstore.nativebridge.NativeCallException;
import org.daxstore.nativebridge.NativeFile;

/**
 * The pure-Java medium: the container mapped with {@link FileChannel#map} in chunks of 1 GiB
 * (the JDK cannot map more than 2 GiB at once). A chunk holds whole blocks, so no block
 * straddles two chunks and a block's address is its chunk's base plus its offset in the chunk.
 *
 * <p>Storage is managed with {@code posix_fallocate} and {@code fallocate(PUNCH_HOLE)} when the
 * native bridge is available. Without it, preallocation writes zeros through the channel (which
 * reports a full file system as an {@link IOException}, never as SIGBUS) and punching does
 * nothing, so the store stays correct but does not return freed storage.
 */
public final class MappedMedium implements Medium {
    /** log2 of the chunk size: 1 GiB, a multiple of every block size daxstore allows. */
    public static final int CHUNK_SHIFT = 30;
    private static final long CHUNK_MASK = (1L << CHUNK_SHIFT) - 1;
    private static final int ZERO_WRITE_SIZE = 1 << 20;

    private final ContainerFile container;
    private final long size;
    private final MappedByteBuffer[] chunks;
    private final long[] chunkAddresses;
    private volatile boolean punchSupported;
    private volatile boolean prefaultSupported;
    /** tmpfs keeps nothing across a power loss, and a killed process loses nothing it stored: msync would only cost. */
    private final boolean volatileFileSystem;

    private MappedMedium(ContainerFile container, long size, MappedByteBuffer[] chunks) {
        this.container = container;
        this.size = size;
        this.chunks = chunks;
        this.chunkAddresses = new long[chunks.length];
        for (int i = 0; i < chunks.length; i++) {
            chunkAddresses[i] = Memory.addressOf(chunks[i]);
        }
        this.punchSupported = container.nativeFile() != null;
        this.prefaultSupported = punchSupported;
        this.volatileFileSystem = isTmpfs(container);
    }

    private static boolean isTmpfs(ContainerFile container) {
        if (!LibC.isAvailable()) {
            return false;
        }
        try {
            return LibC.statfs(container.path().toString()).type() == LibC.TMPFS_MAGIC;
        } catch (NativeCallException e) {
            return false;
        }
    }

    /** Maps the whole container, whose length must already be {@code size}. */
    public static MappedMedium map(ContainerFile container, long size) {
        Memory.checkPlatform();
        int count = (int) ((size + CHUNK_MASK) >>> CHUNK_SHIFT);
        MappedByteBuffer[] chunks = new MappedByteBuffer[count];
        try {
            for (int i = 0; i < count; i++) {
                long position = (long) i << CHUNK_SHIFT;
                long length = Math.min(1L << CHUNK_SHIFT, size - position);
                chunks[i] = container.channel().map(FileChannel.MapMode.READ_WRITE, position, length);
            }
        } catch (IOException e) {
            for (MappedByteBuffer chunk : chunks) {
                if (chunk != null) {
                    Memory.unmap(chunk);
                }
            }
            throw new StoreIOException(container.path() + ": cannot map the container: " + e.getMessage(), e);
        }
        return new MappedMedium(container, size, chunks);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long address(long offset) {
        return chunkAddresses[(int) (offset >>> CHUNK_SHIFT)] + (offset & CHUNK_MASK);
    }

    /** msync is synchronous: the range is durable when this returns, so {@link #drain} has nothing to wait for. */
    @Override
    public void flush(long offset, long length) {
        if (volatileFileSystem) {
            return;
        }
        long end = offset + length;
        while (offset < end) {
            int chunk = (int) (offset >>> CHUNK_SHIFT);
            int index = (int) (offset & CHUNK_MASK);
            int count = (int) Math.min(end - offset, chunks[chunk].capacity() - index);
            chunks[chunk].force(index, count);
            offset += count;
        }
    }

    @Override
    public void drain() {
    }

    @Override
    public void preallocate(long offset, long length) {
        NativeFile nativeFile = container.nativeFile();
        if (nativeFile != null) {
            try {
                nativeFile.posixFallocate(offset, length);
            } catch (NativeCallException e) {
                if (e.errno() == LibC.ENOSPC) {
                    throw new StoreFullException(container.path() + ": the file system has no room to back "
                            + length + " bytes at container offset " + offset, e);
                }
                throw new StoreIOException(e.getMessage(), e);
            }
            prefault(offset, length);
        } else {
            writeZeros(offset, length);
        }
    }

    private void writeZeros(long offset, long length) {
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(length, ZERO_WRITE_SIZE));
        try {
            for (long done = 0; done < length; ) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), length - done));
                done += container.channel().write(zeros, offset + done);
            }
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("No space left")) {
                throw new StoreFullException(container.path() + ": the file system has no room to back "
                        + length + " bytes at container offset " + offset, e);
            }
            throw new StoreIOException(container.path() + ": cannot preallocate " + length
                    + " bytes at container offset " + offset + ": " + e.getMessage(), e);
        }
    }

    /**
     * Maps freshly backed pages into this process now, in one system call, instead of one page
     * fault each at first touch: on tmpfs in this VM a first touch costs about 12 us a page.
     * An optimisation only: any failure turns it off.
     */
    private void prefault(long offset, long length) {
        if (!prefaultSupported) {
            return;
        }
        try {
            for (long end = offset + length; offset < end; ) {
                long piece = Math.min(end - offset, (1L << CHUNK_SHIFT) - (offset & CHUNK_MASK));
                LibC.madvise(address(offset), piece, LibC.MADV_POPULATE_WRITE);
                offset += piece;
            }
        } catch (NativeCallException e) {
            prefaultSupported = false;
        }
    }

    @Override
    public boolean punch(long offset, long length) {
        if (!punchSupported) {
            return false;
        }
        try {
            container.nativeFile().punchHole(offset, length);
            return true;
        } catch (NativeCallException e) {
            if (e.errno() != LibC.EOPNOTSUPP) {
                throw new StoreIOException(e.getMessage(), e);
            }
            punchSupported = false;
            return false;
        }
    }

    @Override
    public long allocatedBytes() {
        NativeFile nativeFile = container.nativeFile();
        return nativeFile == null ? -1 : nativeFile.allocatedBytes();
    }

    @Override
    public String description() {
        return "mapped: FileChannel.map in " + chunks.length + " chunk(s) of at most 1 GiB, "
                + (volatileFileSystem ? "on tmpfs, so persist is a no-op (tmpfs survives no power loss; a killed"
                        + " process loses nothing it stored)" : "persisted with msync")
                + (container.nativeFile() == null
                        ? "; native bridge unavailable (" + LibC.unavailableReason() + "), freed storage is kept"
                        : "");
    }

    @Override
    public void close() {
        for (MappedByteBuffer chunk : chunks) {
            Memory.unmap(chunk);
        }
    }
}
