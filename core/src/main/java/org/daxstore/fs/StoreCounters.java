package org.daxstore.fs;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a store has done since it opened, for {@code DaxStore.stats()}: counters a monitoring
 * system polls. Only slow paths count (a fault, a removal, a commit, a persist), each with a
 * {@link LongAdder}, so that threads counting together do not share one cache line; a view's
 * hit counts nothing.
 */
public final class StoreCounters {
    private final LongAdder faults = new LongAdder();
    private final LongAdder allocatingFaults = new LongAdder();
    private final LongAdder removals = new LongAdder();
    private final LongAdder gracePeriodNanos = new LongAdder();
    private final LongAdder journalCommits = new LongAdder();
    private final LongAdder persists = new LongAdder();
    private final LongAdder persistedBytes = new LongAdder();

    /** A view's fault; {@code allocating} if it allocated the page's block. */
    public void fault(boolean allocating) {
        faults.increment();
        if (allocating) {
            allocatingFaults.increment();
        }
    }

    /** A removal of blocks that waited {@code gracePeriodNanos} for the running sections. */
    public void removal(long gracePeriodNanos) {
        removals.increment();
        this.gracePeriodNanos.add(gracePeriodNanos);
    }

    /** A metadata transaction committed. */
    public void journalCommit() {
        journalCommits.increment();
    }

    /** A persist (or a batch of them) of {@code bytes}. */
    public void persist(long bytes) {
        persists.increment();
        persistedBytes.add(bytes);
    }

    public long faults() {
        return faults.sum();
    }

    public long allocatingFaults() {
        return allocatingFaults.sum();
    }

    public long removals() {
        return removals.sum();
    }

    public long gracePeriodNanos() {
        return gracePeriodNanos.sum();
    }

    public long journalCommits() {
        return journalCommits.sum();
    }

    public long persists() {
        return persists.sum();
    }

    public long persistedBytes() {
        return persistedBytes.sum();
    }
}
