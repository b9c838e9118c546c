package org.daxstore.cli.workload.targets;

/**
 * One thread's way of doing one operation on a {@link Target}: a read or a write of one block
 * at an offset, and the persistence the run asks for after writes. Made before the measurement
 * with everything an operation needs (its buffer above all), so that no operation allocates.
 * Not thread-safe: one per worker thread.
 */
public abstract class ThreadAccess implements AutoCloseable {
    /** The bytes of one operation. */
    protected final int blockSize;

    protected ThreadAccess(int blockSize) {
        this.blockSize = blockSize;
    }

    /**
     * Reads the block at {@code offset} (a multiple of the block size inside the target).
     *
     * @param offset where the block starts
     * @throws RuntimeException as the target's read throws it (an I/O error, a closed store)
     */
    public abstract void read(long offset);

    /**
     * Writes the block at {@code offset}.
     *
     * @param offset where the block starts
     * @throws RuntimeException as the target's write throws it
     */
    public abstract void write(long offset);

    /**
     * Makes the block written at {@code offset} durable ({@code --persist each}).
     *
     * @param offset where the block starts
     * @throws RuntimeException as the target's persist, msync or fsync throws it
     */
    public abstract void persist(long offset);

    /**
     * Makes the blocks written at {@code offsets[0..count)} durable together
     * ({@code --persist batch:N}). By default one {@link #persist} each; targets with a cheaper
     * way (a daxstore {@code PersistBatch}, one fsync) override it.
     *
     * @param offsets where the blocks start
     * @param count   how many of them
     * @throws RuntimeException as {@link #persist} does
     */
    public void persist(long[] offsets, int count) {
        for (int i = 0; i < count; i++) {
            persist(offsets[i]);
        }
    }

    /** Ends the access, on the thread that opened it (a scope must close there). */
    @Override
    public void close() {
    }
}
