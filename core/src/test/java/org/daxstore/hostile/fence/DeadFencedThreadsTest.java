package org.daxstore.hostile.fence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.daxstore.AccessScope;
import org.daxstore.ClosedException;
import org.daxstore.DaxFile;
import org.daxstore.DaxMapping;
import org.daxstore.DaxStore;
import org.daxstore.MapMode;
import org.daxstore.StoreOptions;
import org.daxstore.sync.AccessSections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Threads that end while their entries are fenced. A remover counts an ended thread as fenced
 * (it issues no barrier for it), so it must still wait for, and revoke, the scope such a thread
 * left open; and the slots of such threads must be dropped like any others. The test's own
 * thread never enters a section here, so that the only slots are the ones under test.
 */
class DeadFencedThreadsTest {
    private static final int PAGE = 4096;
    private static final long TAG = 0xDA57_0000_0000_0001L;

    private Path path;
    private DaxStore store;
    private AccessSections sections;
    private DaxFile file;

    @BeforeEach
    void open() throws Exception {
        assumeTrue(Internals.asymmetric(), Internals.whyNotAsymmetric());
        path = Files.createTempFile(Path.of("/dev/shm"), "dead-fenced-", ".dax");
        Files.delete(path);
        store = DaxStore.create(path, StoreOptions.capacity(8L << 20));
        sections = Internals.sections(store);
        file = store.create("data");
        Internals.onAThreadThatEnds(() -> file.write(0, page(TAG))); // a positional write registers a slot
    }

    @AfterEach
    void close() throws Exception {
        if (store != null) {
            store.close();
        }
        if (path != null) {
            Files.deleteIfExists(path);
        }
    }

    /**
     * A thread fenced by frequent removals opens a scope, hands it over, and ends without closing
     * it. A punch of the scope's page, with no other live slot (so no barrier), must still find
     * the scope's section, revoke the scope and go on at once; the scope then refuses, on the
     * thread that punched, and the page reads as a hole.
     */
    @Test
    void aScopeLeftOpenByAThreadThatEndedFencedIsRevokedByARemoverThatSkipsTheBarrier() throws Exception {
        AtomicReference<AccessScope> leaked = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch fenced = new CountDownLatch(1);
        CountDownLatch burstStopped = new CountDownLatch(1);
        Thread owner = new Thread(() -> {
            try {
                DaxMapping view = file.map(0, PAGE, MapMode.READ_ONLY);
                Burst.loadUntilFenced(view, sections);
                fenced.countDown();
                assertTrue(burstStopped.await(60, TimeUnit.SECONDS), "the burst did not stop"); // so that the punch below, not the burst, is the remover that finds the scope
                AccessScope scope = view.scope(0, PAGE, MapMode.READ_ONLY);
                assertEquals(TAG, scope.getLong(0));
                assertTrue(sections.fencedForTesting(), "still fenced when it ends");
                leaked.set(scope); // and end with the scope and the view open
            } catch (Throwable t) {
                failure.set(t);
                fenced.countDown();
            }
        }, "ends-with-a-scope-open");
        Burst burst = Burst.start(store, "scratch");
        try {
            owner.start();
            assertTrue(fenced.await(60, TimeUnit.SECONDS), "the owner was never asked to fence its entries");
        } finally {
            burst.close();
        }
        burstStopped.countDown();
        owner.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        long barriers = sections.barriersIssued();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> file.punchHole(0, PAGE),
                "a punch waited for the scope of a thread that has ended");
        assertEquals(barriers, sections.barriersIssued(), "the only other slot is an ended thread's: no barrier");
        ClosedException refused = assertThrows(ClosedException.class, () -> leaked.get().getLong(0));
        assertTrue(refused.getMessage().contains(path.toString()), refused.getMessage());
        byte[] back = new byte[PAGE];
        assertEquals(PAGE, file.read(0, back, 0, PAGE));
        assertArrayEquals(new byte[PAGE], back, "the punched page reads as a hole");
    }

    /**
     * 300 threads (more than the 256 of the slot cache), each fenced by frequent removals before
     * it ends, some after a scope they open fenced and close. Then the next thread to register drops every
     * ended thread's slot, and a removal (no live slot but the new thread's, which has ended
     * too) issues no barrier.
     */
    @Test
    void threadsThatEndFencedLeaveNoSlotBehind() throws Exception {
        Burst burst = Burst.start(store, "scratch");
        try {
            for (int i = 0; i < 300; i++) {
                AtomicReference<Throwable> failure = new AtomicReference<>();
                boolean inScope = i % 3 == 0;
                Thread t = new Thread(() -> {
                    try (DaxMapping view = file.map(0, PAGE, MapMode.READ_ONLY)) {
                        // Fenced outside any scope: the burst's removals wait for scopes, so a
                        // thread waiting inside one for them to fence it would wait for itself.
                        Burst.loadUntilFenced(view, sections);
                        if (inScope) {
                            try (AccessScope scope = view.scope(0, PAGE, MapMode.READ_ONLY)) {
                                assertEquals(TAG, scope.getLong(0));
                            }
                        }
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                }, "ends-fenced-" + i);
                t.start();
                t.join();
                if (failure.get() != null) {
                    throw new AssertionError("thread " + i, failure.get());
                }
            }
        } finally {
            burst.close();
        }
        Thread last = new Thread(() -> {
            try (DaxMapping view = file.map(0, PAGE, MapMode.READ_ONLY)) {
                view.getLong(0);
            }
        }, "registers-last");
        last.start();
        last.join();
        assertEquals(1, Internals.slotCount(sections), "the slots of the 300 ended threads should have been dropped");
        long barriers = sections.barriersIssued();
        file.punchHole(0, PAGE);
        assertEquals(barriers, sections.barriersIssued(), "no live slot: no barrier");
    }

    private static byte[] page(long word) {
        byte[] page = new byte[PAGE];
        java.nio.ByteBuffer.wrap(page).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(0, word);
        return page;
    }
}
