package org.daxstore.sync;

import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
