package org.daxstore.hostile.fence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.daxstore.AccessScope;
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
 * A scope held while its thread's entries switch between plain and fenced. The scope's section
 * was entered one way and is seen by a remover that looks the other way: a remover that skips
 * the barrier because the slot says fenced, for a scope entered plain; a remover that issues it
 * because the slot says plain again, for a scope entered fenced. Either must wait for the scope,
 * which keeps reading the block it translated until it closes. The test's own thread never
 * enters a section, so the thread under test owns the only slot besides the removers (which
 * have none: they use positional I/O only).
 */
class ScopeAcrossTheSwitchTest {
    private static final int PAGE = 4096;
    private static final int WORDS = PAGE / 8;
    private static final long TAG = 0xDA57_0000_0000_0007L;
    private static final int FENCED_ENTRIES = 1 << 20; // AccessSections.FENCED_ENTRIES
    /** How long the scope stays open after a punch of its page has begun: the punch must not return meanwhile. */
    private static final long HOLD_MILLIS = 50;

    private Path path;
    private DaxStore store;
    private AccessSections sections;
    private DaxFile file;
    private DaxFile other;

    @BeforeEach
    void open() throws Exception {
        assumeTrue(Internals.asymmetric(), Internals.whyNotAsymmetric());
        path = Files.createTempFile(Path.of("/dev/shm"), "scope-switch-", ".dax");
        Files.delete(path);
        store = DaxStore.create(path, StoreOptions.capacity(8L << 20));
        sections = Internals.sections(store);
        file = store.create("data");
        other = store.create("other");
        // On a thread that ends: a positional write registers a slot, and the test's own thread,
        // idle in a latch while the burst punches, would ignore every request to fence (as an
        // idle thread does), so removals would never ask the owner to fence and it would wait
        // for that for good (CI hung here 15 minutes)
        Internals.onAThreadThatEnds(() -> {
            file.write(0, filled(TAG));
            other.write(0, filled(1));
        });
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

    /** Opened fenced (by frequent removals), switched back to plain entries inside: the punch waits. */
    @Test
    void aScopeOpenedFencedAndHeldAcrossTheSwitchBackHoldsThePunchUp() throws Exception {
        CountDownLatch fenced = new CountDownLatch(1);
        CountDownLatch burstStopped = new CountDownLatch(1);
        Punch punch = new Punch();
        Thread owner = thread(() -> {
            try (DaxMapping view = file.map(0, PAGE, MapMode.READ_ONLY); DaxMapping elsewhere = other.map(0, PAGE)) {
                Burst.loadUntilFenced(elsewhere, sections);
                fenced.countDown();
                assertTrue(burstStopped.await(60, TimeUnit.SECONDS), "the burst did not stop");
                try (AccessScope scope = view.scope(0, PAGE, MapMode.READ_ONLY)) {
                    assertTrue(sections.fencedForTesting(), "the scope was entered fenced");
                    punch.start();
                    for (int i = 0; i <= FENCED_ENTRIES; i++) {
                        elsewhere.getLong(8L * (i & (WORDS - 1)));
                    }
                    assertFalse(sections.fencedForTesting(), "the entries inside the scope switched back to plain");
                    holdAndCheck(scope, punch);
                }
            }
        });
        Burst burst = Burst.start(store, "scratch");
        try {
            owner.start();
            assertTrue(fenced.await(60, TimeUnit.SECONDS), "the owner was never asked to fence its entries");
        } finally {
            burst.close();
        }
        burstStopped.countDown();
        finish(owner, punch);
    }

    /**
     * Opened plain, fenced inside (a remover's request arriving while the scope is open, and seen
     * at the next single access): the punch then finds the only other slot fenced, skips the
     * barrier, and must still wait for the scope, whose odd counter was stored plain before
     * the slot said it was fenced. The thread also sleeps in the scope, fenced.
     */
    @Test
    void aScopeOpenedPlainAndFencedInsideHoldsUpAPunchThatSkipsTheBarrier() throws Exception {
        Punch punch = new Punch();
        AtomicReference<Long> barriersBefore = new AtomicReference<>();
        Thread owner = thread(() -> {
            try (DaxMapping view = file.map(0, PAGE, MapMode.READ_ONLY); DaxMapping elsewhere = other.map(0, PAGE)) {
                try (AccessScope scope = view.scope(0, PAGE, MapMode.READ_ONLY)) {
                    assertFalse(sections.fencedForTesting(), "the scope was entered plain");
                    sections.requestFenceForTesting(); // what a frequent remover does: it would wait for this scope
                    elsewhere.getLong(0);
                    assertTrue(sections.fencedForTesting(), "fenced inside the scope");
                    barriersBefore.set(sections.barriersIssued());
                    punch.start();
                    holdAndCheck(scope, punch);
                }
            }
        });
        owner.start();
        finish(owner, punch);
        assertEquals(barriersBefore.get(), sections.barriersIssued(), "the only other slot was fenced: the punch issued no barrier");
    }

    /** A fenced thread inside a scope is refused a removal (it would wait for itself), typed, changing nothing. */
    @Test
    void aFencedThreadInsideAScopeIsRefusedARemoval() throws Exception {
        Thread owner = thread(() -> {
            try (DaxMapping view = file.map(0, PAGE, MapMode.READ_ONLY)) {
                Burst burst = Burst.start(store, "scratch");
                try {
                    Burst.loadUntilFenced(view, sections);
                } finally {
                    burst.close();
                }
                try (AccessScope scope = view.scope(0, PAGE, MapMode.READ_ONLY)) {
                    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> file.punchHole(0, PAGE));
                    assertTrue(refused.getMessage().contains(path.toString()), refused.getMessage());
                    assertThrows(IllegalStateException.class, () -> file.truncate(0));
                    assertThrows(IllegalStateException.class, () -> store.delete("other"));
                    assertEquals(TAG, scope.getLong(0), "nothing was removed");
                }
                file.punchHole(0, PAGE); // and once the scope is closed, it runs
                assertEquals(0, view.getLong(0));
            }
        });
        owner.start();
        owner.join(20_000);
        assertFalse(owner.isAlive(), "the refused removals hung");
        rethrow();
    }

    // ---- the punch and the scope's checks ----

    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /** A punch of the scope's page on a thread of its own, which has no slot. */
    private final class Punch {
        final CountDownLatch returned = new CountDownLatch(1);
        final Thread thread = new Thread(() -> {
            try {
                file.punchHole(0, PAGE);
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                returned.countDown();
            }
        }, "punch");

        void start() {
            thread.start();
        }
    }

    /** Inside the scope, with the punch of its page running: the punch must wait, the scope keep its block. */
    private static void holdAndCheck(AccessScope scope, Punch punch) throws InterruptedException {
        checkAll(scope);
        assertFalse(punch.returned.await(HOLD_MILLIS, TimeUnit.MILLISECONDS), "the punch returned while the scope was open");
        checkAll(scope);
    }

    private static void checkAll(AccessScope scope) {
        for (int w = 0; w < WORDS; w++) {
            assertEquals(TAG, scope.getLong(8L * w), "word " + w + " of the scope");
        }
    }

    private void finish(Thread owner, Punch punch) throws Exception {
        owner.join(20_000);
        assertFalse(owner.isAlive(), "the scope's thread hung");
        rethrow();
        assertTrue(punch.returned.await(20, TimeUnit.SECONDS), "the punch did not return once the scope closed");
        rethrow();
        byte[] back = new byte[PAGE];
        assertEquals(PAGE, file.read(0, back, 0, PAGE));
        assertArrayEquals(new byte[PAGE], back, "the punched page reads as a hole");
    }

    private void rethrow() {
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    private Thread thread(Body body) {
        return new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, "scope-owner");
    }

    private static byte[] filled(long word) {
        ByteBuffer page = ByteBuffer.allocate(PAGE).order(ByteOrder.LITTLE_ENDIAN);
        while (page.hasRemaining()) {
            page.putLong(word);
        }
        return page.array();
    }
}
