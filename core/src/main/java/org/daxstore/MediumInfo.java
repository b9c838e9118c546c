package org.daxstore;

/**
 * The medium a store runs on, as values a program can test: which one maps the container, what
 * its persist does, and why it was chosen. {@link StoreInfo#medium()} says the same, and more,
 * in one line for people.
 *
 * @param kind        the medium: {@link MediumChoice#PMEM} (libpmem) or {@link MediumChoice#MAPPED}
 *                    (the JDK's or the kernel's mapping), never {@link MediumChoice#AUTO}
 * @param persistence what {@link DaxMapping#persist} and {@link DaxFile#force} do on it
 * @param reason      why it was chosen: forced by the options, or what {@code AUTO} found
 */
public record MediumInfo(MediumChoice kind, Persistence persistence, String reason) {
    /** What makes stores to the container durable on a medium. */
    public enum Persistence {
        /**
         * The cache lines are written back from user space, with no system call: libpmem where
         * {@code pmem_is_pmem} says the mapping is persistent memory, or a mapping made with
         * {@code MAP_SYNC} on a DAX file system.
         */
        CACHE_LINES,
        /** The kernel writes the pages back ({@code msync}, or libpmem's {@code pmem_msync}). */
        MSYNC,
        /**
         * Nothing: the container is on a file system that survives no power loss (tmpfs). A
         * process killed loses nothing it stored; a machine that loses power loses everything.
         */
        NONE
    }
}
