package org.daxstore.hostile.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.daxstore.DaxFile;
import org.daxstore.DaxMapping;
import org.daxstore.DaxStore;
import org.daxstore.StoreOptions;
import org.daxstore.sync.AccessSections;
import org.junit.jupiter.api.Test;

/**
 * A thread that has a slot and then waits (here the test's own thread, which wrote the file
 * through a view before starting the workers: what an application's main thread does) is
 * never fenced, so every removal must issue the barrier. Then fencing the busy threads buys
 * nothing, and they must not be kept fenced: each of their accesses would pay the fence and
 * the barrier's interrupt too, where before "fenced on request" they paid the interrupt only.
 */
class IdleThreadTest {
    private static final int PAGE = 4096;
    private static final int ENTRIES = 6 << 20; // six times AccessSections.FENCED_ENTRIES
    private static final int SAMPLE_EVERY = 4096;

    @Test
    void busyThreadsAreNotKeptFencedWhileAnIdleThreadKeepsEveryRemovalOnTheBarrier() throws Exception {
        assumeTrue(Internals.asymmetric(), Internals.whyNotAsymmetric());
        Path path = Files.createTempFile(Path.of("/dev/shm"), "idle-thread-", ".dax");
        Files.delete(path);
        try (DaxStore store = DaxStore.create(path, StoreOptions.capacity(8L << 20))) {
            AccessSections sections = Internals.sections(store);
            DaxFile read = store.create("read");
            read.truncate(PAGE);
            DaxFile punched = store.create("punched");
            punched.truncate(PAGE);
            try (DaxMapping view = read.map(0, PAGE)) {
                view.putLong(0, 42); // this thread now has a slot, and will wait below: idle, not fenced
            }
            AtomicLong fencedSamples = new AtomicLong();
            AtomicLong removals = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread accessor = new Thread(() -> {
                try (DaxMapping view = read.map(0, PAGE)) {
                    long sum = 0;
                    for (int i = 1; i <= ENTRIES; i++) {
                        sum += view.getLong(0);
                        if (i % SAMPLE_EVERY == 0 && sections.fencedForTesting()) {
                            fencedSamples.incrementAndGet();
                        }
                    }
                    assertEquals(42L * ENTRIES, sum);
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "accessor");
            Thread remover = new Thread(() -> {
                byte[] data = new byte[PAGE];
                try {
                    while (accessor.isAlive()) {
                        punched.punchHole(0, PAGE); // positional I/O only: the remover has no slot
                        punched.write(0, data);
                        removals.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "remover");
            long barriersBefore = sections.barriersIssued();
            accessor.start();
            remover.start();
            accessor.join();
            remover.join();
            if (failure.get() != null) {
                throw new AssertionError(failure.get());
            }
            long barriers = sections.barriersIssued() - barriersBefore;
            long samples = ENTRIES / SAMPLE_EVERY;
            String what = removals.get() + " removals issued " + barriers + " barriers; the accessor was fenced in "
                    + fencedSamples.get() + " of " + samples + " samples";
            System.out.println("IdleThreadTest: " + what);
            assertTrue(removals.get() > 1000, "too few removals to mean anything: " + what);
            assertEquals(removals.get(), barriers, "the idle thread keeps every removal on the barrier: " + what);
            assertTrue(fencedSamples.get() <= samples / 3,
                    "the accessor was kept fenced although every removal issued the barrier anyway: " + what);
        } finally {
            Files.deleteIfExists(path);
        }
    }
}
