package org.daxstore.cli.workload.targets;

/**
 * One thing a job measures: a daxstore file through one kind of access, or a baseline on a plain
 * file. Many threads share it; each gets its own {@link ThreadAccess}.
 */
public interface Target extends AutoCloseable {
    /**
     * The per-thread access for operations of {@code blockSize} bytes. Called on the thread that
     * will use it, before its measurement starts: a scope opens there and belongs to that thread.
     *
     * @param blockSize the bytes of one operation, a power of two up to 2 MiB
     * @param writes    whether the job writes (a scope then opens read-write)
     * @return the access, to be closed on the same thread
     * @throws org.daxstore.DaxStoreException as the store's map or scope throws it
     */
    ThreadAccess open(int blockSize, boolean writes);

    /**
     * Writes every byte of the target through its own path, so that the page faults of a first
     * touch (and on this VM the hypervisor's) fall before the measurement.
     *
     * @throws java.io.UncheckedIOException if a write to a plain file fails
     * @throws org.daxstore.DaxStoreException if a store write fails (no space, say)
     */
    void pretouch();

    /** Closes what the target opened and removes the files it made; idempotent. */
    @Override
    void close();
}
