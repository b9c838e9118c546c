package org.daxstore.hostile.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * The seeded mix of {@link FencedMix} with its readers on three kinds of thread. Each run must
 * find no foreign or stale word, must end (nothing waits for ever), and, in the asymmetric
 * mode, must have exercised what it attacks: removals that skipped the barrier because every
 * other thread was fenced, and readers that switched to fenced entries and back.
 * {@code -Ddaxstore.fence.seed=N} replays a seed, {@code -Ddaxstore.fence.seconds=S} runs longer.
 */
class FencedMixTest {
    private static final long SEED = Long.getLong("daxstore.fence.seed", 20240612L);
    private static final long NANOS = TimeUnit.MILLISECONDS.toNanos((long) (1000 * Double.parseDouble(
            System.getProperty("daxstore.fence.seconds", "3.5"))));

    /** Eight readers on two cores, with the owners and scribblers: many more threads than cores. */
    @Test
    void overCommittedPlatformThreads() throws Exception {
        run(SEED, mix -> {
            List<Thread> readers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                long taskSeed = SEED * 101 + i;
                readers.add(new Thread(() -> mix.guarded(() -> mix.readerTask(taskSeed, Integer.MAX_VALUE)), "reader-" + i));
            }
            readers.forEach(Thread::start);
            joinAll(readers);
        }, true, false);
    }

    /**
     * Readers as tasks of a pool that keeps no thread idle for more than 1 ms, fed in bursts:
     * threads are made, fenced, left idle and ended all the time, so slots come and go (and
     * must be dropped: the slot count is checked at the end).
     */
    @Test
    void poolThreadsThatComeAndGo() throws Exception {
        AtomicInteger made = new AtomicInteger();
        run(SEED + 1, m -> {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(0, 6, 1, TimeUnit.MILLISECONDS, new SynchronousQueue<>(),
                    r -> new Thread(r, "pooled-reader-" + made.incrementAndGet()));
            try {
                feed(m, pool, 6, 400, 4);
            } finally {
                shutDown(pool);
            }
        }, false, true);
        assertTrue(made.get() > 20, "the pool should have made and ended threads all along, made " + made.get());
    }

    /**
     * Readers on virtual threads (JDK 21+: run the suite on JDK 25 too), made and ended all the
     * time, up to 48 at once on the carriers of two cores; they sleep mid-stream, in scopes too.
     */
    @Test
    void virtualThreads() throws Exception {
        Method ofVirtual = virtualThreadBuilder();
        assumeTrue(ofVirtual != null, "virtual threads need JDK 21 or later; this is " + Runtime.version()
                + " (run the suite with JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64)");
        run(SEED + 2, m -> {
            try {
                ExecutorService virtual = (ExecutorService) ofVirtual.invoke(null);
                try {
                    feed(m, virtual, 48, 2000, 0);
                } finally {
                    shutDown(virtual);
                }
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }, false, true);
    }

    private static Method virtualThreadBuilder() {
        try {
            return java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /**
     * Submits reader tasks of up to {@code operations} reads, at most {@code most} running at
     * once. With {@code burstPauseMillis} above 0, in bursts: once a burst's tasks have all ended,
     * a pause of 2 to that many ms, in which idle pool threads end.
     */
    private static void feed(FencedMix mix, ExecutorService executor, int most, int operations, int burstPauseMillis) {
        java.util.concurrent.Semaphore running = new java.util.concurrent.Semaphore(most);
        java.util.SplittableRandom random = new java.util.SplittableRandom(mix.seed);
        long task = 0;
        while (!mix.stopped()) {
            if (!running.tryAcquire()) {
                if (burstPauseMillis > 0) {
                    running.acquireUninterruptibly(most); // the burst has ended
                    running.release(most);
                    FencedMix.sleepMillis(2 + random.nextInt(burstPauseMillis - 1));
                } else {
                    FencedMix.sleepMillis(1);
                }
                continue;
            }
            long taskSeed = mix.seed * 1_000_003 + task++;
            int ops = 1 + random.nextInt(operations);
            try {
                executor.execute(() -> {
                    try {
                        mix.guarded(() -> mix.readerTask(taskSeed, ops));
                    } finally {
                        running.release();
                    }
                });
            } catch (RejectedExecutionException busy) {
                running.release();
                FencedMix.sleepMillis(1);
            }
        }
    }

    private static void shutDown(ExecutorService executor) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new AssertionError("reader tasks did not end within 30 s of the stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void joinAll(List<Thread> threads) {
        for (Thread t : threads) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (t.isAlive()) {
                throw new AssertionError(t.getName() + " did not end within 30 s of the stop");
            }
        }
    }

    /**
     * Runs a mix, then fails on any failure or violation; {@code coverage}: also on a run that
     * did not exercise the fenced mode; {@code slots}: also if slots of ended threads are left.
     */
    private static void run(long seed, java.util.function.Consumer<FencedMix> readers, boolean coverage, boolean slots) throws Exception {
        FencedMix mix = new FencedMix(seed);
        try {
            long barriersBefore = mix.sections().barriersIssued();
            mix.run(NANOS, readers);
            String summary = "seed " + seed + ": " + mix.removals.sum() + " removals, " + (mix.sections().barriersIssued()
                    - barriersBefore) + " barriers, " + mix.reads.sum() + " reads, " + mix.writes.sum() + " page writes, "
                    + mix.scribbles.sum() + " scribbles; threads fenced " + mix.fencedSeen.sum() + " times, back "
                    + mix.switchedBack.sum() + " times";
            System.out.println("FencedMixTest " + summary);
            if (!mix.failures.isEmpty()) {
                AssertionError error = new AssertionError(summary + ": " + mix.failures.size() + " failure(s)", mix.failures.get(0));
                mix.failures.stream().skip(1).limit(5).forEach(error::addSuppressed);
                throw error;
            }
            if (mix.violations.count() != 0) {
                fail(summary + ": " + mix.violations);
            }
            assertTrue(mix.removals.sum() > 1000 && mix.reads.sum() > 2000, "the run did too little to mean anything: " + summary);
            if (coverage && Internals.asymmetric()) {
                long barriers = mix.sections().barriersIssued() - barriersBefore;
                assertTrue(barriers < mix.removals.sum(), "no removal skipped the barrier, so the fenced mode was not exercised: " + summary);
                assertTrue(mix.fencedSeen.sum() > 0 && mix.switchedBack.sum() > 0,
                        "threads should have been fenced and switched back: " + summary);
            }
            if (slots) {
                assertSlotsDropped(mix);
            }
        } finally {
            mix.close();
        }
    }

    /**
     * Once the readers have ended, the next thread to enter a section drops the slots of every
     * thread that has ended (none left a scope open), so slots do not pile up with thread churn:
     * only that thread's own is left.
     */
    private static void assertSlotsDropped(FencedMix mix) throws InterruptedException {
        assertEquals(1, mix.slotsAfterOneMoreThread(), "slots of ended threads were not dropped");
    }
}
