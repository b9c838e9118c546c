package org.daxstore.cli.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import org.daxstore.cli.workload.targets.ThreadAccess;
import org.junit.jupiter.api.Test;

/**
 * Each job's loop is a class of its own (so the JIT compiles it for that job's target alone),
 * the same class for every thread of the job, and it runs like {@link Worker}.
 */
class LoopLoaderTest {
    @Test
    void everyJobHasItsOwnLoopClassAndItRuns() {
        WorkloadSpec spec = new WorkloadSpec(Pattern.RANDRW, 50, List.of(64), List.of(1), 4096, null, 100, Duration.ZERO,
                Persistence.parse("batch:3"), List.of(JobKind.VIEW), 4096, true, 1);
        Counting access = new Counting();
        LoopLoader job = new LoopLoader();
        Loop first = job.newLoop(access, new SplittableRandom(1), spec, 64);
        Loop second = job.newLoop(access, new SplittableRandom(2), spec, 64);
        Loop otherJob = new LoopLoader().newLoop(access, new SplittableRandom(3), spec, 64);
        assertSame(first.getClass(), second.getClass());
        assertNotSame(first.getClass(), otherJob.getClass());
        assertNotSame(Worker.class, first.getClass());
        assertEquals(Worker.class.getName(), first.getClass().getName());

        long now = System.nanoTime();
        first.run(now, now + Long.MAX_VALUE / 2, 100, () -> false);
        first.finish();
        assertEquals(100, first.done());
        assertEquals(100, first.histogram().getTotalCount());
        assertEquals(100, access.reads + access.writes);
        assertEquals(access.writes, access.persisted, "every write persisted, in batches of 3 and the rest at the end");
    }

    /** An access that only counts. */
    private static final class Counting extends ThreadAccess {
        int reads;
        int writes;
        int persisted;

        Counting() {
            super(64);
        }

        @Override
        public void read(long offset) {
            reads++;
        }

        @Override
        public void write(long offset) {
            writes++;
        }

        @Override
        public void persist(long offset) {
            persisted++;
        }
    }
}
