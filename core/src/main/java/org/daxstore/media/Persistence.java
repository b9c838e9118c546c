package org.daxstore.media;

/**
 * What a medium's {@link Medium#persist} does to make stores durable: this package's own value,
 * which the public {@code MediumInfo.Persistence} maps onto (the internal packages name nothing of
 * the public one but its exceptions).
 */
public enum Persistence {
    /** Writes the cache lines back from user space, no system call: libpmem on pmem, or a MAP_SYNC mapping. */
    CACHE_LINES,
    /** Asks the kernel to write the pages back: msync (or libpmem's pmem_msync). */
    MSYNC,
    /** Nothing: the container is on a file system that survives no power loss (tmpfs). */
    NONE
}
