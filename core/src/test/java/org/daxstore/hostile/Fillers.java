package org.daxstore.hostile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Threads that fill a store at once, for the tests of this package that race fills against removals. */
final class Fillers {
    private Fillers() {
    }

    /** What thread {@code thread} of the run does. */
    @FunctionalInterface
    interface Task {
        void run(int thread) throws Exception;
    }

    /**
     * Runs {@code task} on {@code count} threads named {@code filler-<n>}, and waits at most
     * {@code joinMillis} for each (failing the test if one is still running); the first thing a
     * task threw, or null.
     */
    static Throwable run(int count, long joinMillis, Task task) throws InterruptedException {
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            int id = t;
            threads.add(new Thread(() -> {
                try {
                    task.run(id);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "filler-" + t));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join(joinMillis);
            assertTrue(!thread.isAlive(), thread.getName() + " did not finish");
        }
        return failures.peek();
    }
}
