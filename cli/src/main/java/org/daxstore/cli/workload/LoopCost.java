package org.daxstore.cli.workload;

import java.util.SplittableRandom;

import org.daxstore.cli.workload.targets.ThreadAccess;

/**
 * What the measured loop costs by itself, which every Java job's latencies and IOPS include once
 * an operation: the loop run for a moment on an access that does nothing, with the run's own
 * pattern (so the same offset and read-or-write draws), its median latency. It is the loop's
 * work, one {@code System.nanoTime} ({@link TimerCost}) and the histogram's record: about 29 ns
 * on this project's VM, of which 20 are the clock. The median, because on a busy machine the
 * mean of so short an operation is mostly the times the thread was descheduled.
 */
public final class LoopCost {
    private static final long MEASURE_NANOS = 300_000_000L;

    private LoopCost() {
    }

    /** Nanoseconds an operation; takes about 0.3 s. */
    public static long measure(WorkloadSpec spec) {
        Loop loop = new LoopLoader().newLoop(new Nothing(spec.blockSizes().get(0)), new SplittableRandom(spec.seed()), spec,
                spec.blockSizes().get(0));
        long start = System.nanoTime();
        loop.run(start, start + MEASURE_NANOS / 2, Long.MAX_VALUE, () -> false); // compiled by the end of this half
        loop.histogram().reset();
        start = System.nanoTime();
        loop.run(start, start + MEASURE_NANOS / 2, Long.MAX_VALUE, () -> false);
        return loop.histogram().getValueAtPercentile(50);
    }

    /** An access that does nothing the JIT could leave out. */
    private static final class Nothing extends ThreadAccess {
        /** A field of an object that escapes: its stores stay. */
        private long sink;

        Nothing(int blockSize) {
            super(blockSize);
        }

        @Override
        public void read(long offset) {
            sink += offset;
        }

        @Override
        public void write(long offset) {
            sink -= offset;
        }

        @Override
        public void persist(long offset) {
            sink ^= offset;
        }
    }
}
