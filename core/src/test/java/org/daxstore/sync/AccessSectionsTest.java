package org.daxstore.sync;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;

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
    void idleThreadsAndNestedSectionsAreTrackedByDepth() {
        AccessSections sections = new AccessSections();
        assertFalse(sections.insideSection());
        AccessSections.Slot outer = sections.enter();
        AccessSections.Slot inner = sections.enter();
        assertTrue(sections.insideSection());
        sections.leave(inner);
        assertTrue(sections.insideSection());
        sections.leave(outer);
        assertFalse(sections.insideSection());
        sections.awaitQuiescence();
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

    private static AccessSections.Slot enterAndLeave(AccessSections sections) {
        AccessSections.Slot slot = sections.enter();
        sections.leave(slot);
        return slot;
    }
}
