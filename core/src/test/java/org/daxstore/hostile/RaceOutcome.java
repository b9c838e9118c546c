package org.daxstore.hostile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.List;

/** Starting, stopping and judging the threads of a seeded race, for the tests of this package that race accesses against removals. */
final class RaceOutcome {
    private RaceOutcome() {
    }

    /** Starts {@code threads}, each reporting what it dies of to {@code untyped}. */
    static void start(List<Thread> threads, Collection<Throwable> untyped) {
        for (Thread thread : threads) {
            thread.setUncaughtExceptionHandler((th, e) -> untyped.add(e));
            thread.start();
        }
    }

    /** Waits up to 30 s for each of {@code threads}, failing the test if one is still running. */
    static void joinAll(List<Thread> threads) throws InterruptedException {
        for (Thread thread : threads) {
            thread.join(30_000);
            assertTrue(!thread.isAlive(), thread.getName() + " did not stop");
        }
    }

    /** Fails the test, naming {@code seed}, if a thread died ({@code untyped}, with its stack) or saw a violation. */
    static void assertClean(Collection<Throwable> untyped, Collection<String> violations, long seed) {
        assertTrue(untyped.isEmpty(), "untyped failures (seed " + seed + "): " + untyped.stream().map(e -> {
            java.io.StringWriter w = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(w));
            return w.toString();
        }).limit(3).toList());
        assertTrue(violations.isEmpty(), violations.size() + " violations (seed " + seed + "), first: "
                + violations.stream().limit(5).toList());
    }
}
