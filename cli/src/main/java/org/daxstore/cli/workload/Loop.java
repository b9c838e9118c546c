package org.daxstore.cli.workload;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.HdrHistogram.Histogram;

/**
 * One thread's measured loop, as {@link JobRunner} sees it. {@link Worker} is the loop; each job
 * runs its own copy of that class ({@link LoopLoader}), which is why this interface exists, and
 * why it is public: a class of another class loader can implement only a public one.
 */
public interface Loop {
    /** Latencies above this (100 s) are recorded as this, so a record can never throw. */
    long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(100);
    /** HdrHistogram precision: 3 significant digits, 0.1%. */
    int DIGITS = 3;

    /**
     * Runs operations until {@code deadline} (a {@code nanoTime}) has passed, or {@code limit}
     * operations are done, or {@code stop} says so.
     *
     * @param from the {@code nanoTime} the first latency counts from
     * @return the {@code nanoTime} at the end of the last operation; {@link #done} says how many ran
     * @throws RuntimeException as the target's access throws it
     */
    long run(long from, long deadline, long limit, BooleanSupplier stop);

    /** Operations of the last {@link #run}. */
    long done();

    /**
     * Persists the writes a batch still holds, after the measurement.
     *
     * @throws RuntimeException as the target's persist throws it
     */
    void finish();

    /** The latencies recorded so far, in nanoseconds. */
    Histogram histogram();
}
