package org.daxstore.media;

import java.nio.file.Path;

import org.daxstore.CorruptStoreException;
import org.daxstore.StoreIOException;
import org.daxstore.nativebridge.NativeCallException;
import org.daxstore.nativebridge.Pmem;
import org.daxstore.nativebridge.PmemMapping;

/**
 * The container mapped by libpmem ({@code pmem_map_file}): one address for any size, and the
 * persistence libpmem chooses. {@code pmem_is_pmem} is asked once, for the whole mapping:
 * <ul>
 *   <li>true (real persistent memory mapped with {@code MAP_SYNC}, or {@code PMEM_IS_PMEM_FORCE=1}):
 *       a flush writes back the range's cache lines ({@code pmem_flush}) and the fence is
 *       {@code pmem_drain}; no system call;</li>
 *   <li>false on a disk file system: a flush is {@code pmem_msync}, synchronous, so the fence has
 *       nothing left to wait for;</li>
 *   <li>false on tmpfs: nothing survives a power loss there and a killed process loses nothing it
 *       stored, so persisting is a no-op, as on the mapped medium.</li>
 * </ul>
 * Storage (preallocation, punching) is {@link ContainerStorage}'s, as for every container file.
 */
public final class PmemMedium implements Medium {
    /** On real pmem, writing back four clean lines costs less than a second native call. */
    private static final long PMEM_MERGE_GAP = 256;

    private final PmemMapping mapping;
    private final long base;
    private final long size;
    private final boolean isPmem;
    private final boolean volatileFileSystem;
    private final ContainerStorage storage;
    private final Path containerPath;

    private PmemMedium(ContainerFile container, PmemMapping mapping, long size) {
        this.containerPath = container.path();
        this.mapping = mapping;
        this.base = mapping.address();
        this.size = size;
        this.isPmem = mapping.isPmem();
        this.storage = new ContainerStorage(container, this::address);
        this.volatileFileSystem = !isPmem && storage.isTmpfs();
    }

    /**
     * Maps the whole container, whose length must already be {@code size}.
     *
     * @throws StoreIOException if libpmem cannot map it; the message carries {@code pmem_errormsg}
     */
    public static PmemMedium map(ContainerFile container, long size) {
        Memory.checkUsable(container.path());
        PmemMapping mapping;
        try {
            mapping = Pmem.mapFile(container.path());
        } catch (NativeCallException e) {
            throw new StoreIOException(container.path() + ": libpmem cannot map the container: " + e.getMessage(), e);
        }
        try {
            // pmem_map_file opened and closed the file, which dropped this process's record lock.
            container.reassertRecordLock();
        } catch (RuntimeException e) {
            mapping.close();
            throw e;
        }
        if (mapping.length() < size) {
            mapping.close();
            throw new CorruptStoreException(container.path() + ": libpmem mapped " + mapping.length()
                    + " bytes but the store needs " + size);
        }
        return new PmemMedium(container, mapping, size);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long address(long offset) {
        return base + offset;
    }

    /**
     * @throws StoreIOException if {@code pmem_msync} fails (an I/O error writing the pages back,
     *     say): the range may not be durable, and the message names the container and the range
     */
    @Override
    public void flush(long offset, long length) {
        if (isPmem) {
            Pmem.flush(base + offset, length);
        } else if (!volatileFileSystem) {
            try {
                Pmem.msync(base + offset, length);
            } catch (NativeCallException e) {
                throw Medium.flushFailed(containerPath, offset, length, e);
            }
        }
    }

    /** True if a flush writes cache lines back (libpmem found persistent memory, or was told to). */
    boolean writesBackCacheLines() {
        return isPmem;
    }

    @Override
    public void drain() {
        if (isPmem) {
            Pmem.drain();
        }
    }

    @Override
    public long flushMergeGap() {
        return isPmem ? PMEM_MERGE_GAP : Medium.super.flushMergeGap();
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
        return isPmem ? Persistence.CACHE_LINES : volatileFileSystem ? Persistence.NONE : Persistence.MSYNC;
    }

    @Override
    public String description() {
        String persistence = isPmem
                ? "pmem_is_pmem=1, so persist writes back cache lines (pmem_flush + pmem_drain), no system call"
                : volatileFileSystem
                        ? "pmem_is_pmem=0 on tmpfs, so persist is a no-op (tmpfs survives no power loss; a killed"
                                + " process loses nothing it stored)"
                        : "pmem_is_pmem=0, so persist is pmem_msync";
        return "pmem: " + Pmem.version() + " maps the container at one address; " + persistence + storage.describe();
    }

    @Override
    public void close() {
        mapping.close();
    }
}
