package org.daxstore.hostile.fence;

import java.lang.reflect.Field;
import java.util.List;

import org.daxstore.DaxStore;
import org.daxstore.fs.Volume;
import org.daxstore.nativebridge.Membarrier;
import org.daxstore.sync.AccessSections;

/**
 * What these tests look at below the public API, by reflection, to check that a run exercised
 * what it was meant to (barriers skipped, threads fenced and unfenced, slots dropped). Nothing
 * here changes the store's behaviour.
 */
final class Internals {
    private Internals() {
    }

    /** The access sections of {@code store}'s views. */
    static AccessSections sections(DaxStore store) {
        try {
            Field field = DaxStore.class.getDeclaredField("volume");
            field.setAccessible(true);
            return ((Volume) field.get(store)).sections();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("DaxStore no longer keeps its Volume in the field 'volume': update this helper", e);
        }
    }

    /** Something a test does with a store, which may throw. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /**
     * Runs {@code work} on a thread of its own and waits for it to end, rethrowing what it threw:
     * for positional I/O, which enters access sections since issue 14, so registers a slot for
     * the thread that calls it; on the test's thread that slot would stay live, idle and unfenced.
     */
    static void onAThreadThatEnds(Work work) throws InterruptedException {
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "positional-io");
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    /** How many threads' slots {@code sections} keeps. */
    static int slotCount(AccessSections sections) {
        try {
            Field field = AccessSections.class.getDeclaredField("slots");
            field.setAccessible(true);
            return ((List<?>) field.get(sections)).size();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("AccessSections no longer keeps its slots in the list 'slots': update this helper", e);
        }
    }

    /** True if removers issue membarrier and entries can be fenced on request (the mode under test). */
    static boolean asymmetric() {
        return Membarrier.isAvailable();
    }

    static String whyNotAsymmetric() {
        return "fenced entries exist only in the asymmetric mode, and membarrier is unavailable here: "
                + Membarrier.unavailableReason();
    }
}
