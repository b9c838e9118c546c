package org.daxstore.nativebridge;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A whole file or device DAX mapped by {@link Pmem#mapFile}: its raw address (never a JNA
 * {@code Pointer}; access it with Unsafe or Chronicle), the length libpmem mapped, and whether
 * libpmem found it to be persistent memory, which decides how the owner persists:
 * {@link Pmem#persist} if so, {@link Pmem#msync} if not.
 *
 * <p>{@link #close()} unmaps once and does not wait for accesses: the owner must know that none is
 * in flight.
 */
public final class PmemMapping implements AutoCloseable {
    private final String path;
    private final long address;
    private final long length;
    private final boolean pmem;
    private final AtomicBoolean closed = new AtomicBoolean();

    PmemMapping(String path, long address, long length, boolean pmem) {
        this.path = path;
        this.address = address;
        this.length = length;
        this.pmem = pmem;
    }

    public long address() {
        return address;
    }

    /** The bytes mapped: the file's size, or a device DAX's whole capacity. */
    public long length() {
        return length;
    }

    /**
     * libpmem's {@code is_pmem} for the mapping: true where CPU cache flushes make stores durable
     * (a {@code MAP_SYNC} mapping on a DAX file system, device DAX, or {@code PMEM_IS_PMEM_FORCE=1}).
     */
    public boolean isPmem() {
        return pmem;
    }

    public String path() {
        return path;
    }

    /** Unmaps with {@code pmem_unmap}, once; later calls do nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Pmem.unmap(address, length);
        }
    }

    @Override
    public String toString() {
        return "PmemMapping[" + path + ", length=" + length + ", address=0x" + Long.toHexString(address)
                + (pmem ? ", pmem" : ", not pmem") + (closed.get() ? ", closed" : "") + "]";
    }
}
