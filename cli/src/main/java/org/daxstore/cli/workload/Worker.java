package org.daxstore.cli.workload;

import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

import org.HdrHistogram.Histogram;
import org.daxstore.cli.workload.targets.ThreadAccess;

/**
 * One thread's loop: pick an offset, read or write the block there, persist as asked, record
 * the operation's latency. Everything it touches is made before it runs (its access and buffer,
 * its generator, its histogram, the array of a batch's offsets), so an operation allocates
 * nothing and shares nothing with other threads.
 *
 * <p>Timing: one {@link System#nanoTime} per operation, chained, so each latency is the time
 * from the end of the previous operation to the end of this one. It therefore includes the
 * loop's own work (the next offset, the read-or-write draw, the histogram record) and one
 * {@code nanoTime} call, about 20 ns on this VM ({@link TimerCost} measures it for every run);
 * at 64 B that is a good part of a view's read, and the report says so. Two calls per operation
 * (start and end) would time the same span less the loop and cost throughput a second call.
 *
 * <p>Each job runs its own copy of this class ({@link LoopLoader}): it may use only the public
 * members of the classes around it, which the copy, in another runtime package, can reach.
 */
final class Worker implements Loop {
    /** A stop (Ctrl-C) is looked at every this many operations plus one, not on every one. */
    private static final int STOP_CHECK_MASK = 1023;

    private final ThreadAccess access;
    private final SplittableRandom random;
    private final Histogram histogram = new Histogram(HIGHEST_NANOS, DIGITS);
    private final int blockSize;
    private final long blocks;
    /** Where a sequential thread wraps to offset 0: the end of the last whole block. */
    private final long end;
    private final boolean randomOffsets;
    private final int readPercent;
    private final Persistence.Mode persist;
    private final long[] staged;
    private int stagedCount;
    private long position;
    private long done;

    Worker(ThreadAccess access, SplittableRandom random, WorkloadSpec spec, int blockSize) {
        this.access = access;
        this.random = random;
        this.blockSize = blockSize;
        this.blocks = spec.size() / blockSize;
        this.end = blocks * blockSize;
        this.randomOffsets = spec.pattern().isRandom();
        this.readPercent = spec.readPercent();
        this.persist = spec.persistence().mode();
        this.staged = new long[Math.max(1, spec.persistence().every())];
    }

    @Override
    public Histogram histogram() {
        return histogram;
    }

    @Override
    public long run(long from, long deadline, long limit, BooleanSupplier stop) {
        long done = 0;
        long last = from;
        while (true) {
            long offset = nextOffset();
            if (readPercent == 100 || (readPercent != 0 && random.nextInt(100) < readPercent)) {
                access.read(offset);
            } else {
                access.write(offset);
                if (persist != Persistence.Mode.NONE) {
                    persist(offset);
                }
            }
            long now = System.nanoTime();
            histogram.recordValue(Math.min(now - last, HIGHEST_NANOS));
            last = now;
            done++;
            if (done == limit || now - deadline >= 0 || ((done & STOP_CHECK_MASK) == 0 && stop.getAsBoolean())) {
                this.done = done;
                return last;
            }
        }
    }

    @Override
    public long done() {
        return done;
    }

    @Override
    public void finish() {
        if (stagedCount > 0) {
            access.persist(staged, stagedCount);
            stagedCount = 0;
        }
    }

    private long nextOffset() {
        if (randomOffsets) {
            return random.nextLong(blocks) * blockSize;
        }
        long offset = position;
        position = position + blockSize < end ? position + blockSize : 0;
        return offset;
    }

    private void persist(long offset) {
        if (persist == Persistence.Mode.EACH) {
            access.persist(offset);
            return;
        }
        staged[stagedCount++] = offset;
        if (stagedCount == staged.length) {
            access.persist(staged, stagedCount);
            stagedCount = 0;
        }
    }
}
