package org.daxstore.cli.workload;

/**
 * One thread of a Java job while it was measured.
 *
 * @param index   the thread's number in its job, from 0
 * @param ops     operations it completed
 * @param nanos   how long it was measured
 * @param latency its latencies
 */
public record ThreadResult(int index, long ops, long nanos, LatencySummary latency) {
    /** Its operations per second. */
    public double iops() {
        return nanos == 0 ? 0 : ops * 1e9 / nanos;
    }

    /** Its bandwidth in decimal GB per second, for operations of {@code blockSize} bytes. */
    public double gigabytesPerSecond(int blockSize) {
        return nanos == 0 ? 0 : ops * (double) blockSize / nanos;
    }
}
