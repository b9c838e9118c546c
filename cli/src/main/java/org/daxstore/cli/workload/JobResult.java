package org.daxstore.cli.workload;

import java.util.List;

/**
 * One job's numbers: one kind of access on one target, at one grid point, all its threads
 * together (as fio's {@code group_reporting} gives them), with each thread's beside them for
 * the Java jobs.
 *
 * @param name    the job, e.g. {@code daxstore view}, {@code FileChannel}, {@code fio psync}
 * @param engine  who ran it: {@code daxstore}, {@code jdk} (the baselines) or {@code fio}
 * @param point   its block size and threads
 * @param ops     operations completed while measured
 * @param bytes   bytes read and written while measured
 * @param nanos   how long it was measured (from the first thread's start to the last one's end)
 * @param latency its latencies; null for a failed job
 * @param threads each thread's numbers (empty for fio's jobs)
 * @param failure why it failed, in one line, or null
 */
public record JobResult(String name, String engine, GridPoint point, long ops, long bytes, long nanos,
        LatencySummary latency, List<ThreadResult> threads, String failure) {
    public JobResult {
        threads = List.copyOf(threads);
    }

    /** A job that did not run to its end, and why. */
    public static JobResult failed(String name, String engine, GridPoint point, String failure) {
        return new JobResult(name, engine, point, 0, 0, 0, null, List.of(), failure);
    }

    public boolean isFailed() {
        return failure != null;
    }

    /** Operations per second. */
    public double iops() {
        return nanos == 0 ? 0 : ops * 1e9 / nanos;
    }

    /** Bandwidth in decimal gigabytes (10^9 bytes) per second, as fio's {@code bw_bytes} / 10^9. */
    public double gigabytesPerSecond() {
        return nanos == 0 ? 0 : bytes / (double) nanos;
    }
}
