package org.daxstore.cli.workload;

/**
 * One point of a latency distribution: {@code percentile} percent of the operations took at
 * most {@code nanos}.
 *
 * @param percentile from 0 to 100
 * @param nanos      latency in nanoseconds
 */
public record CdfPoint(double percentile, long nanos) {
}
