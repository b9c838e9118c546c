package org.daxstore.cli.workload;

/**
 * One point of a run's grid: the block size of every operation and the number of threads.
 * A run without {@code --sweep} has one.
 *
 * @param blockSize bytes per operation ({@code --bs})
 * @param threads   threads per job ({@code --threads})
 */
public record GridPoint(int blockSize, int threads) {
}
