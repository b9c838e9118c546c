package org.daxstore.cli.workload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything a run does, checked: the pattern, the grid of block sizes and thread counts, how
 * long each job runs, persistence, the jobs, the store's shape. Made by the command from its
 * options; a combination the run cannot do is refused here, before anything is created.
 *
 * @param pattern            the access pattern ({@code --rw})
 * @param readPercent        the percentage of operations that are reads (100, 0, or {@code --mix})
 * @param blockSizes         bytes per operation, each a power of two from 64 B to 2 MiB
 * @param threadCounts       threads per job, each from 1 to {@value #MAX_THREADS}
 * @param size               bytes of each file the jobs work on
 * @param time               how long each job is measured, or null when {@code ops} is given
 * @param opsPerThread       operations each thread does while measured, or 0 when {@code time} is given
 * @param warmup             how long each job runs unmeasured first (the JIT compiles the loop then)
 * @param persistence        what writes do to be durable
 * @param jobs               the Java jobs, in order (fio's come after them, from its side)
 * @param containerBlockSize the store's block size ({@code --block-size})
 * @param pretouch           whether every page is written through each job's own path before the
 *                           run, so that first-touch faults are not measured
 * @param seed               the seed of the threads' random offsets (thread i uses a generator
 *                           split from it)
 */
public record WorkloadSpec(Pattern pattern, int readPercent, List<Integer> blockSizes, List<Integer> threadCounts,
        long size, Duration time, long opsPerThread, Duration warmup, Persistence persistence, List<JobKind> jobs,
        int containerBlockSize, boolean pretouch, long seed) {
    public static final int MIN_BLOCK = 64;
    public static final int MAX_BLOCK = 2 << 20;
    public static final int MAX_THREADS = 1024;

    /**
     * Checks the combination.
     *
     * @throws UsageException naming the option at fault
     */
    public WorkloadSpec {
        if ((time == null) == (opsPerThread == 0)) {
            throw new UsageException(time == null ? "give --time or --ops: how long each job runs"
                    : "--time and --ops both given: each job runs for one or the other");
        }
        if (blockSizes.isEmpty() || threadCounts.isEmpty()) {
            throw new UsageException("--sweep: a list is empty");
        }
        for (int blockSize : blockSizes) {
            if (blockSize < MIN_BLOCK || blockSize > MAX_BLOCK || Integer.bitCount(blockSize) != 1) {
                throw new UsageException("--bs: " + Units.option(blockSize) + " is not a power of two from "
                        + Units.option(MIN_BLOCK) + " to " + Units.option(MAX_BLOCK));
            }
            if (size < blockSize) {
                throw new UsageException("--size: " + Units.option(size) + " is smaller than the block size "
                        + Units.option(blockSize) + " (--bs)");
            }
        }
        for (int threads : threadCounts) {
            if (threads < 1 || threads > MAX_THREADS) {
                throw new UsageException("--threads: " + threads + " is outside the accepted range, 1 to " + MAX_THREADS);
            }
        }
        if (Integer.bitCount(containerBlockSize) != 1 || containerBlockSize < 4096 || containerBlockSize > MAX_BLOCK) {
            throw new UsageException("--block-size: " + Units.option(containerBlockSize) + " is not a power of two from 4k to 2m");
        }
        if (readPercent < 0 || readPercent > 100) {
            throw new UsageException("--mix: " + readPercent + " is outside the accepted range, 0 to 100");
        }
        blockSizes = List.copyOf(blockSizes);
        threadCounts = List.copyOf(threadCounts);
        jobs = List.copyOf(jobs);
    }

    /** The grid, block sizes outer and thread counts inner, in the order given. */
    public List<GridPoint> points() {
        List<GridPoint> points = new ArrayList<>();
        for (int blockSize : blockSizes) {
            for (int threads : threadCounts) {
                points.add(new GridPoint(blockSize, threads));
            }
        }
        return Collections.unmodifiableList(points);
    }

    /** Whether the jobs write at all (a scope then opens read-write). */
    public boolean writes() {
        return readPercent < 100;
    }

    /** Whether the run is timed ({@code --time}) rather than counted ({@code --ops}). */
    public boolean timed() {
        return time != null;
    }
}
