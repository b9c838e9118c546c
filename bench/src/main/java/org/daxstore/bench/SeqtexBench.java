package org.daxstore.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

import org.daxstore.sync.AccessSections;
import org.daxstore.sync.Seqtex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An uncontended read section of the seqtex against the JDK's read-side primitives, in one run;
 * and what every single access through a view adds on top: its access section (a thread-local
 * lookup, a volatile store on entry and a release store on exit), measured alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SeqtexBench {
    private final Seqtex seqtex = new Seqtex();
    private final AccessSections sections = new AccessSections();
    private final StampedLock stamped = new StampedLock();
    private final ReentrantReadWriteLock rwLock = new ReentrantReadWriteLock();
    private final Object monitor = new Object();
    private long data = 42;

    @Benchmark
    public long seqtexRead() {
        long value;
        long s;
        do {
            s = seqtex.readLock();
            value = data;
        } while (seqtex.readUnlock(s));
        return value;
    }

    /** The seqtex read of a view access, inside the access section every view access opens. */
    @Benchmark
    public long accessSectionRead() {
        AccessSections.Slot slot = sections.enter();
        try {
            return seqtexRead();
        } finally {
            sections.leave(slot);
        }
    }

    @Benchmark
    public long stampedOptimisticRead() {
        long stamp = stamped.tryOptimisticRead();
        long value = data;
        if (!stamped.validate(stamp)) {
            stamp = stamped.readLock();
            try {
                value = data;
            } finally {
                stamped.unlockRead(stamp);
            }
        }
        return value;
    }

    @Benchmark
    public long stampedReadLock() {
        long stamp = stamped.readLock();
        try {
            return data;
        } finally {
            stamped.unlockRead(stamp);
        }
    }

    @Benchmark
    public long reentrantReadWriteLock() {
        rwLock.readLock().lock();
        try {
            return data;
        } finally {
            rwLock.readLock().unlock();
        }
    }

    @Benchmark
    public long synchronizedRead() {
        synchronized (monitor) {
            return data;
        }
    }
}
