package org.daxstore.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;

import jdk.nio.mapmode.ExtendedMapMode;

import org.daxstore.StoreIOException;
import org.daxstore.nativebridge.FileMapping;
import org.daxstore.nativebridge.LibC;
import org.daxstore.nativebridge.MediaProbe;
import org.daxstore.nativebridge.NativeCallException;
import org.daxstore.nativebridge.NativeFile;

/**
 * The pure-Java medium: the container mapped with {@link FileChannel#map} in chunks of 1 GiB
 * (a {@code MappedByteBuffer} cannot span more than 2 GiB; {@link MappedChunk} says how each is
 * mapped and unmapped on each JDK). A chunk holds whole blocks, so no block
 * straddles two chunks and a block's address is its chunk's base plus its offset in the chunk.
 *
 * <p>Storage (preallocation, punching) is {@link ContainerStorage}'s.
 */
public final class MappedMedium implements Medium {
    /** log2 of the chunk size: 1 GiB, a multiple of every block size daxstore allows. */
    public static final int CHUNK_SHIFT = 30;
    private static final long CHUNK_MASK = (1L << CHUNK_SHIFT) - 1;

    private final ContainerFile container;
    private final long size;
    /** The JDK's mappings, or null when the container is mapped natively at an aligned address. */
    private final MappedChunk[] chunks;
    /** The native mapping of the whole container, when the JDK's was not aligned as asked; else null. */
    private final FileMapping alignedMapping;
    private final long[] chunkAddresses;
    private final ContainerStorage storage;
    /** tmpfs keeps nothing across a power loss, and a killed process loses nothing it stored: msync would only cost. */
    private final boolean volatileFileSystem;

    /** How the mapping persists, when it is not the plain msync of a shared mapping, or null. */
    private final String syncNote;

    private MappedMedium(ContainerFile container, long size, MappedChunk[] chunks, String syncNote) {
        this(container, size, chunks, null, syncNote);
    }

    private MappedMedium(ContainerFile container, long size, MappedChunk[] chunks, FileMapping alignedMapping,
                         String syncNote) {
        this.syncNote = syncNote;
        this.container = container;
        this.size = size;
        this.chunks = chunks;
        this.alignedMapping = alignedMapping;
        this.chunkAddresses = new long[(int) ((size + CHUNK_MASK) >>> CHUNK_SHIFT)];
        for (int i = 0; i < chunkAddresses.length; i++) {
            chunkAddresses[i] = chunks != null ? chunks[i].address()
                    : alignedMapping.address() + ((long) i << CHUNK_SHIFT);
        }
        this.storage = new ContainerStorage(container, this::address);
        this.volatileFileSystem = storage.isTmpfs();
    }

    /**
     * Maps the whole container as {@link #map(ContainerFile, long)} does, at an address that is a
     * multiple of {@code alignment} (2 MiB blocks need it to be huge-page mappings). The JDK
     * chooses its own addresses; when it chose a misaligned one, the container is mapped again
     * with {@code mmap} into an aligned part of a reserved range. Without the native bridge the
     * JDK's mapping stays, and the description says it is not aligned.
     */
    public static MappedMedium map(ContainerFile container, long size, long alignment) {
        MappedMedium medium = map(container, size);
        if (medium.chunks == null || isAligned(medium, alignment) || container.nativeFile() == null
                || medium.syncNote != null) {
            return medium;
        }
        FileMapping aligned = mapAligned(container.nativeFile(), size, alignment);
        medium.close();
        return new MappedMedium(container, size, null, aligned, null);
    }

    private static boolean isAligned(MappedMedium medium, long alignment) {
        for (long address : medium.chunkAddresses) {
            if (address % alignment != 0) {
                return false;
            }
        }
        return true;
    }

    /** Reserves {@code size + alignment} bytes of address space, maps the file at its aligned part, frees the rest. */
    private static FileMapping mapAligned(NativeFile file, long size, long alignment) {
        long reservation = LibC.reserveAddressSpace(size + alignment);
        long aligned = (reservation + alignment - 1) / alignment * alignment;
        FileMapping mapping;
        try {
            mapping = file.mapFixed(aligned, 0, size, 0);
        } catch (RuntimeException e) {
            LibC.munmap(reservation, size + alignment);
            throw new StoreIOException(file.path() + ": cannot map the container at an aligned address: " + e.getMessage(), e);
        }
        if (aligned > reservation) {
            LibC.munmap(reservation, aligned - reservation);
        }
        long tail = reservation + size + alignment - (aligned + size);
        if (tail > 0) {
            LibC.munmap(aligned + size, tail);
        }
        return mapping;
    }

    /**
     * Maps the whole container, whose length must already be {@code size}: with {@code MAP_SYNC}
     * ({@link ExtendedMapMode#READ_WRITE_SYNC}) when the probe finds a DAX file, so that a flush
     * is a cache-line write-back; with a plain shared mapping, flushed by msync, otherwise or when
     * the kernel refuses {@code MAP_SYNC}.
     */
    public static MappedMedium map(ContainerFile container, long size) {
        Memory.checkUsable(container.path());
        String dax = daxReason(container);
        if (dax != null) {
            try {
                return new MappedMedium(container, size, mapChunks(container, size, ExtendedMapMode.READ_WRITE_SYNC),
                        "MAP_SYNC (" + dax + "), so persist writes back cache lines");
            } catch (IOException | UnsupportedOperationException e) {
                return new MappedMedium(container, size, mapChunks(container, size),
                        "MAP_SYNC refused (" + e.getMessage() + ") although " + dax);
            }
        }
        return new MappedMedium(container, size, mapChunks(container, size), null);
    }

    /** Why the container is a DAX file, or null if it is not (or the probe cannot tell). Never touches the file. */
    private static String daxReason(ContainerFile container) {
        if (!LibC.isAvailable()) {
            return null;
        }
        try {
            MediaProbe probe = MediaProbe.of(container.path());
            return probe.isDax() ? probe.reason() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static MappedChunk[] mapChunks(ContainerFile container, long size) {
        try {
            return mapChunks(container, size, FileChannel.MapMode.READ_WRITE);
        } catch (IOException e) {
            throw new StoreIOException(container.path() + ": cannot map the container: " + e.getMessage(), e);
        }
    }

    private static MappedChunk[] mapChunks(ContainerFile container, long size, FileChannel.MapMode mode)
            throws IOException {
        int count = (int) ((size + CHUNK_MASK) >>> CHUNK_SHIFT);
        MappedChunk[] chunks = new MappedChunk[count];
        try {
            for (int i = 0; i < count; i++) {
                long position = (long) i << CHUNK_SHIFT;
                long length = Math.min(1L << CHUNK_SHIFT, size - position);
                chunks[i] = container.file().map(mode, position, length);
            }
            return chunks;
        } catch (IOException | RuntimeException e) {
            for (MappedChunk chunk : chunks) {
                if (chunk != null) {
                    chunk.close();
                }
            }
            throw e;
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long address(long offset) {
        return chunkAddresses[(int) (offset >>> CHUNK_SHIFT)] + (offset & CHUNK_MASK);
    }

    /**
     * msync is synchronous: the range is durable when this returns, so {@link #drain} has nothing
     * to wait for.
     *
     * @throws StoreIOException if msync fails (an I/O error writing the pages back, say): the
     *     range may not be durable, and the message names the container and the range
     */
    @Override
    public void flush(long offset, long length) {
        if (volatileFileSystem) {
            return;
        }
        try {
            if (chunks == null) {
                long page = LibC.pageSize();
                long start = offset / page * page;
                LibC.msync(address(start), offset + length - start, LibC.MS_SYNC);
                return;
            }
            long at = offset;
            long end = offset + length;
            while (at < end) {
                int chunk = (int) (at >>> CHUNK_SHIFT);
                long index = at & CHUNK_MASK;
                long count = Math.min(end - at, chunks[chunk].length() - index);
                chunks[chunk].force(index, count);
                at += count;
            }
        } catch (NativeCallException | UncheckedIOException e) {
            throw Medium.flushFailed(container.path(), offset, length, e);
        }
    }

    @Override
    public void drain() {
    }

    @Override
    public void preallocate(long offset, long length) {
        storage.preallocate(offset, length);
    }

    @Override
    public void prefault(long offset, long length) {
        storage.prefault(offset, length);
    }

    @Override
    public boolean punch(long offset, long length) {
        return storage.punch(offset, length);
    }

    @Override
    public long allocatedBytes() {
        return storage.allocatedBytes();
    }

    @Override
    public Persistence persistence() {
        return volatileFileSystem ? Persistence.NONE : mapSync() ? Persistence.CACHE_LINES : Persistence.MSYNC;
    }

    /** True if the container is mapped with MAP_SYNC, so that persist writes back cache lines. */
    private boolean mapSync() {
        return syncNote != null && syncNote.startsWith("MAP_SYNC (");
    }

    @Override
    public String description() {
        String mapping = chunks != null
                ? "FileChannel.map in " + chunks.length + " chunk(s) of at most 1 GiB"
                : "mmap of the whole container at an address aligned for the block size (the JDK's was not)";
        String persistence = mapSync() ? syncNote
                : volatileFileSystem ? "on tmpfs, so persist is a no-op (tmpfs survives no power loss; a killed"
                        + " process loses nothing it stored)"
                : "persisted with msync" + (syncNote == null ? "" : "; " + syncNote);
        return "mapped: " + mapping + ", " + persistence + storage.describe();
    }

    @Override
    public void close() {
        if (chunks == null) {
            alignedMapping.close();
            return;
        }
        for (MappedChunk chunk : chunks) {
            chunk.close();
        }
    }
}
