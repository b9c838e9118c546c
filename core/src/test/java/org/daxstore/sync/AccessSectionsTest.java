package org.daxstore.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.daxstore.nativebridge.Membarrier;
import org.junit.jupiter.api.Test;

class AccessSectionsTest {

    @Test
    void quiescenceWaitsForARunningSectionAndOnlyForIt() throws Exception {
        AccessSections sections = new AccessSections();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread accessor = new Thread(() -> {
            AccessSections.Slot slot = sections.enter();
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sections.leave(slot);
        });
        accessor.start();
        entered.await();
        Thread remover = new Thread(sections::awaitQuiescence);
        remover.start();
        remover.join(300);
        assertTrue(remover.isAlive(), "the remover must wait for the running section");
        AccessSections.Slot mine = sections.enter();
        sections.leave(mine);
        release.countDown();
        remover.join(5_000);
        assertFalse(remover.isAlive(), "the remover must go on once the section has ended");
        accessor.join();
    }

    @Test
    void scopesNestAndAccessesInsideThemLeaveThemOpen() {
        AccessSections sections = new AccessSections();
        assertFalse(sections.insideSection());
        AccessSections.Slot outer = sections.enterScope();
        AccessSections.Slot inner = sections.enterScope();
        assertTrue(sections.insideSection());
        sections.leave(sections.enter()); // a single access inside the scopes
        assertTrue(sections.insideSection(), "an access inside a scope must not end the scope's section");
        sections.leaveScope(inner);
        assertTrue(sections.insideSection());
        assertTrue(outer.holdsScope());
        sections.leaveScope(outer);
        assertFalse(sections.insideSection());
        sections.awaitQuiescence();
    }

    /**
     * A remover waits for the access it found running, not for the owner's next one: the
     * single-access state is a constant, so a remover that waited to see IDLE could miss every
     * short idle moment of a thread that keeps re-entering, and one that marked every INSIDE it
     * saw would chase it for ever. Here the owner's first access is held until the remover has
     * marked it, then the owner leaves and at once enters a second, held; the remover must end
     * while the second is still running.
     */
    @Test
    void aRemoverWaitsForTheAccessItFoundNotForTheNext() throws Exception {
        AccessSections sections = new AccessSections();
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch inSecond = new CountDownLatch(1);
        CountDownLatch releaseSecond = new CountDownLatch(1);
        Thread owner = new Thread(() -> {
            AccessSections.Slot slot = sections.enter();
            inFirst.countDown();
            awaitQuietly(releaseFirst);
            sections.leave(slot);
            slot = sections.enter();
            inSecond.countDown();
            awaitQuietly(releaseSecond);
            sections.leave(slot);
        });
        owner.start();
        assertTrue(inFirst.await(10, TimeUnit.SECONDS));
        Thread remover = new Thread(() -> sections.awaitQuiescence(TimeUnit.SECONDS.toNanos(30)));
        remover.start();
        try {
            remover.join(200);
            assertTrue(remover.isAlive(), "the remover must wait for the running access");
            releaseFirst.countDown();
            assertTrue(inSecond.await(10, TimeUnit.SECONDS));
            remover.join(5_000);
            assertFalse(remover.isAlive(), "the remover waited for an access that began after the one it found");
        } finally {
            releaseFirst.countDown();
            releaseSecond.countDown();
            owner.join();
            remover.join();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Removals that follow each other closely ask the other threads to fence their entries; a
     * removal that then finds every other thread fenced issues no barrier; a thread's entries
     * are plain again after {@code FENCED_ENTRIES} fenced ones, and rare removals ask nothing.
     * The removers' clock is the test's, so that "closely" and "rarely" do not depend on how
     * soon a loaded machine runs the second removal.
     */
    @Test
    void frequentRemovalsFenceTheOtherThreadsEntriesForAWhileAndSpareTheirBarriers() throws Exception {
        assumeTrue(Membarrier.isAvailable(), "only the asymmetric mode has plain entries to fence: " + Membarrier.unavailableReason());
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        AccessSections sections = new AccessSections(clock::get);
        ExecutorService accessor = Executors.newSingleThreadExecutor();
        try {
            assertFalse(enterAndLeave(accessor, sections, 1), "a thread's entries are plain at first");
            sections.awaitQuiescence();
            clock.addAndGet(AccessSections.FREQUENT_NANOS - 1);
            sections.awaitQuiescence(); // this one follows the last closely: it asks
            assertEquals(2, sections.barriersIssued());
            assertTrue(enterAndLeave(accessor, sections, 1), "the entry after the request is fenced");
            sections.awaitQuiescence();
            assertEquals(2, sections.barriersIssued(), "every other thread is fenced: no barrier");
            assertTrue(enterAndLeave(accessor, sections, AccessSections.FENCED_ENTRIES - 1), "the last fenced entry");
            assertFalse(enterAndLeave(accessor, sections, 1), "the entry after the fenced ones is plain");
            clock.addAndGet(AccessSections.FREQUENT_NANOS);
            sections.awaitQuiescence(); // as long after the last as "frequent" allows: a barrier, and no request
            assertEquals(3, sections.barriersIssued());
            assertFalse(enterAndLeave(accessor, sections, 1), "a rare removal asks for no fenced entries");
        } finally {
            accessor.shutdownNow();
        }
    }

    /**
     * A thread whose last section was a fenced one (positional I/O) and that then idles keeps no
     * removal on the barrier, and leaves the busy threads to be asked to fence as ever; its next
     * plain entry is plain again. Without fenced sections (an idle thread's plain slot, as when
     * positional I/O entered plainly), every removal issued the barrier, and a busy thread was
     * never asked: the idle thread ignored its request.
     */
    @Test
    void aThreadIdleAfterAFencedSectionCostsRemoversNoBarrier() throws Exception {
        assumeTrue(Membarrier.isAvailable(), "only the asymmetric mode has plain entries to fence: " + Membarrier.unavailableReason());
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        AccessSections sections = new AccessSections(clock::get);
        ExecutorService idle = Executors.newSingleThreadExecutor();
        ExecutorService busy = Executors.newSingleThreadExecutor();
        try {
            assertFalse(enterAndLeave(idle, sections, 1), "a plain entry first");
            assertTrue(idle.submit(() -> {
                sections.leave(sections.enterFenced());
                return sections.fencedForTesting();
            }).get(), "a fenced section leaves the slot fenced");
            sections.awaitQuiescence();
            assertEquals(0, sections.barriersIssued(), "the only other thread is fenced: no barrier");

            assertFalse(enterAndLeave(busy, sections, 1), "a busy thread's entries are plain");
            sections.awaitQuiescence();
            clock.addAndGet(AccessSections.FREQUENT_NANOS - 1);
            sections.awaitQuiescence(); // follows the last closely: asks the busy thread
            assertEquals(2, sections.barriersIssued());
            assertTrue(enterAndLeave(busy, sections, 1), "the busy thread was asked, the idle one notwithstanding");
            sections.awaitQuiescence();
            assertEquals(2, sections.barriersIssued(), "both threads are fenced: no barrier");

            assertFalse(enterAndLeave(idle, sections, 1), "the entry after a fenced section is plain again");
        } finally {
            idle.shutdownNow();
            busy.shutdownNow();
        }
    }

    /** Makes {@code entries} single accesses' sections on {@code thread}; true if the last left the slot fenced. */
    private static boolean enterAndLeave(ExecutorService thread, AccessSections sections, int entries) throws Exception {
        return thread.submit(() -> {
            for (int i = 0; i < entries; i++) {
                sections.leave(sections.enter());
            }
            return sections.fencedForTesting();
        }).get();
    }

    @Test
    void orderingFollowsMembarrierAvailability() {
        String ordering = AccessSections.ordering();
        if (Membarrier.isAvailable()) {
            assertTrue(ordering.startsWith("asymmetric"), ordering);
        } else {
            assertTrue(ordering.startsWith("symmetric") && ordering.endsWith(Membarrier.unavailableReason()), ordering);
        }
    }

    /**
     * A section whose thread ended inside it (leaving a holder, a scope, open) is quiescent: the
     * removers revoke the holder once, however many find it together, and go on.
     */
    @Test
    void aSectionWhoseThreadEndedIsRevokedOnceAndWaitsForNobody() throws Exception {
        AccessSections sections = new AccessSections();
        java.util.concurrent.atomic.AtomicInteger revoked = new java.util.concurrent.atomic.AtomicInteger();
        Thread owner = new Thread(() -> {
            AccessSections.Slot slot = sections.enterScope(); // a scope its thread never closes
            sections.hold(slot, revoked::incrementAndGet);
        }, "ends-inside");
        owner.start();
        owner.join();
        Thread[] removers = new Thread[4];
        java.util.List<Thread>[] left = new java.util.List[removers.length];
        for (int i = 0; i < removers.length; i++) {
            int at = i;
            removers[i] = new Thread(() -> left[at] = sections.awaitQuiescence(60_000_000_000L));
            removers[i].start();
        }
        for (int i = 0; i < removers.length; i++) {
            removers[i].join(30_000);
            assertFalse(removers[i].isAlive(), "a remover waited for a section whose thread had ended");
            assertTrue(left[i].isEmpty(), "the dead owner was reported as still inside: " + left[i]);
        }
        assertEquals(1, revoked.get(), "the dead owner's holder must be revoked exactly once");
        sections.awaitQuiescence();
        assertEquals(1, revoked.get(), "a later remover must find the section ended");
    }

    /** A live thread's section is waited for only as long as the remover says, and the thread is named. */
    @Test
    void aLiveThreadsSectionIsWaitedForOnlyForTheLimit() throws Exception {
        AccessSections sections = new AccessSections();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread owner = new Thread(() -> {
            AccessSections.Slot slot = sections.enter();
            sections.hold(slot, () -> { throw new AssertionError("a live owner's holder must not be revoked"); });
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stays-inside");
        owner.start();
        entered.await();
        long started = System.nanoTime();
        java.util.List<Thread> left;
        try {
            left = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                    () -> sections.awaitQuiescence(50_000_000L), "the remover waited past its limit for a live thread's section");
        } finally {
            release.countDown();
        }
        long waited = System.nanoTime() - started;
        owner.join();
        assertEquals(java.util.List.of(owner), left);
        assertTrue(waited >= 50_000_000L && waited < 10_000_000_000L, "waited " + waited + " ns for a 50 ms limit");
    }

    /** Two threads whose ids share a place in the slot cache must still get a slot each. */
    @Test
    void threadsWhoseIdsCollideInTheCacheKeepTheirOwnSlots() throws Exception {
        AccessSections sections = new AccessSections();
        AccessSections.Slot[] seen = new AccessSections.Slot[3];
        Thread first = new Thread(() -> seen[0] = enterAndLeave(sections));
        Thread second = new Thread(() -> seen[1] = enterAndLeave(sections));
        // Thread ids are handed out in sequence: make threads until one lands on first's cache entry.
        while (((second.getId() - first.getId()) & 255) != 0) {
            second = new Thread(() -> seen[1] = enterAndLeave(sections));
        }
        first.start();
        first.join();
        second.start();
        second.join();
        assertNotSame(seen[0], seen[1], "a thread was handed the slot of another whose id collides with its own");
        seen[2] = enterAndLeave(sections);
        assertNotSame(seen[2], seen[0]);
        assertSame(seen[2], enterAndLeave(sections), "a thread must keep one slot");
    }

    /**
     * Two live threads whose ids share the first place in the slot cache: neither may write the
     * cache on each of its calls (issue 14: two threads then pass the array's line between their
     * cores on every access). After both have made many entries, the cache holds what it held
     * after their first ones.
     */
    @Test
    void liveThreadsWhoseIdsCollideDoNotRewriteTheCacheOnEveryCall() throws Exception {
        AccessSections sections = new AccessSections();
        java.lang.reflect.Field cacheField = AccessSections.class.getDeclaredField("byThreadId");
        cacheField.setAccessible(true);
        AccessSections.Slot[] cache = (AccessSections.Slot[]) cacheField.get(sections);
        CountDownLatch bothEntered = new CountDownLatch(2);
        CountDownLatch looked = new CountDownLatch(1);
        AccessSections.Slot[] seen = new AccessSections.Slot[2];
        AccessSections.Slot[][] snapshots = new AccessSections.Slot[2][];
        Runnable[] bodies = new Runnable[2];
        for (int t = 0; t < 2; t++) {
            int me = t;
            bodies[t] = () -> {
                seen[me] = enterAndLeave(sections);
                bothEntered.countDown();
                awaitQuietly(bothEntered);
                if (me == 0) {
                    snapshots[0] = cache.clone();
                }
                for (int i = 0; i < 1_000_000; i++) {
                    assertSame(seen[me], enterAndLeave(sections));
                }
                if (me == 0) {
                    looked.countDown();
                }
                awaitQuietly(looked);
            };
        }
        Thread first = new Thread(bodies[0]);
        Thread second = new Thread(bodies[1]);
        while (((second.getId() - first.getId()) & 255) != 0) {
            second = new Thread(bodies[1]);
        }
        first.start();
        second.start();
        first.join();
        snapshots[1] = cache.clone();
        second.join();
        assertNotSame(seen[0], seen[1]);
        int place = (int) first.getId() & 255;
        assertSame(snapshots[0][place], snapshots[1][place], "a thread took another live thread's place in the slot cache");
        assertTrue(java.util.Arrays.asList(snapshots[1]).contains(seen[0]) && java.util.Arrays.asList(snapshots[1]).contains(seen[1]),
                "two colliding threads should both find a place in the cache (the second in its second place)");
    }

    /**
     * A slot's fields keep at least a cache line from both ends of its object, whatever object
     * the heap puts next to it (issue 14: HotSpot had laid the ints and references out past the
     * trailing padding, beside the next object's header and first fields).
     */
    @Test
    void aSlotsFieldsAreACacheLineFromEitherEndOfTheObject() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(org.daxstore.testing.UnsafeAccess.denied(),
                "the slot's field offsets come from Unsafe.objectFieldOffset, which this JVM denies"
                        + " (--sun-misc-unsafe-memory-access=deny); the runs without deny check the layout");
        java.lang.reflect.Field theUnsafe = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
        theUnsafe.setAccessible(true);
        sun.misc.Unsafe unsafe = (sun.misc.Unsafe) theUnsafe.get(null);
        long firstField = Long.MAX_VALUE;
        long fieldsEnd = 0;
        long end = 0;
        for (Class<?> type = AccessSections.Slot.class; type != Object.class; type = type.getSuperclass()) {
            for (java.lang.reflect.Field field : type.getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                long offset = unsafe.objectFieldOffset(field);
                long width = field.getType() == long.class ? 8 : field.getType() == boolean.class ? 1 : 4;
                end = Math.max(end, offset + width);
                if (!field.getName().matches("[pq]\\d\\d")) {
                    firstField = Math.min(firstField, offset);
                    fieldsEnd = Math.max(fieldsEnd, offset + width);
                }
            }
        }
        assertTrue(firstField >= 64, "a slot's first field is at offset " + firstField + ": on the line of the object before it");
        assertTrue(end - fieldsEnd >= 64, "a slot's fields end " + (end - fieldsEnd) + " bytes before the object does:"
                + " on the line of the object after it");
    }

    private static AccessSections.Slot enterAndLeave(AccessSections sections) {
        AccessSections.Slot slot = sections.enter();
        sections.leave(slot);
        return slot;
    }
}
