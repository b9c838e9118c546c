package org.daxstore.hostile.fence;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.daxstore.DaxFile;
import org.daxstore.DaxMapping;
import org.daxstore.DaxStore;
import org.daxstore.sync.AccessSections;

/**
 * A thread that punches and rewrites one page of a scratch file as fast as it can, by
 * positional I/O only (so it has no slot of its own): removals within 1 ms of each other, which
 * ask every thread that enters sections of the store to fence its entries.
 */
final class Burst implements AutoCloseable {
    private static final int PAGE = 4096;

    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stop;

    private Burst(DaxFile scratch) {
        this.thread = new Thread(() -> {
            byte[] data = new byte[PAGE];
            try {
                while (!stop) {
                    scratch.punchHole(0, PAGE);
                    scratch.write(0, data);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "burst");
    }

    /** Starts punching a new file {@code name} of {@code store}. */
    static Burst start(DaxStore store, String name) {
        DaxFile scratch = store.create(name);
        scratch.truncate(PAGE);
        Burst burst = new Burst(scratch);
        burst.thread.start();
        return burst;
    }

    /**
     * Loads through {@code view} on the calling thread until its entries are fenced (the burst's
     * removals ask for it), and returns the number of loads it took.
     */
    static long loadUntilFenced(DaxMapping view, AccessSections sections) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (long loads = 1; ; loads++) {
            view.getLong(0);
            if ((loads & 63) == 0 && sections.fencedForTesting()) {
                return loads;
            }
            if ((loads & 0xFFFF) == 0 && System.nanoTime() > deadline) {
                throw new AssertionError("not fenced after 10 s of loads under frequent removals");
            }
        }
    }

    /** Stops the burst and rethrows what it failed with. */
    @Override
    public void close() {
        stop = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while stopping the burst", e);
        }
        if (failure.get() != null) {
            throw new AssertionError("the burst failed", failure.get());
        }
    }
}
