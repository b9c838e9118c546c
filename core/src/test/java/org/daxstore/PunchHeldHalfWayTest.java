package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.daxstore.media.ForwardingMedium;
import org.daxstore.testing.Hooked;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's ranged shootdown, made deterministic: a punch of one page is held half-way, in
 * its metadata transaction (inside its seqtex write section, after its shootdown and grace
 * period, holding the metadata lock), by a medium whose drain waits for the test. Meanwhile an
 * access to another page of the same file, through a view that has it translated, completes:
 * hits read nothing of the file, so they wait for no removal. An access to the punched page
 * itself waits (its translation is gone, and its fault parks) and then reads the hole.
 */
class PunchHeldHalfWayTest {
    private static final int BLOCK = 4096;
    private final AtomicBoolean holdDrains = new AtomicBoolean();
    private final CountDownLatch drainHeld = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private Path path;
    private DaxStore store;
    private DaxFile file;

    @BeforeEach
    void open() {
        path = TempStores.newContainerPath("punch-held-");
        store = Hooked.decorating(StoreOptions.capacity(8 << 20), medium -> new ForwardingMedium(medium) {
            @Override
            public void drain() {
                if (holdDrains.compareAndSet(true, false)) {
                    drainHeld.countDown();
                    awaitQuietly(release);
                }
                super.drain();
            }
        }).open(path);
        file = store.create("f");
        for (int page = 0; page < 4; page++) {
            file.write((long) page * BLOCK, filled((byte) (page + 1)));
        }
    }

    @AfterEach
    void close() {
        release.countDown();
        threads.shutdownNow();
        store.close();
        TempStores.delete(path);
    }

    @Test
    void anAccessToAnotherPageCompletesWhileAPunchIsHeld() throws Exception {
        try (DaxMapping view = file.map(0, 4 * BLOCK)) {
            for (int page = 0; page < 4; page++) {
                assertEquals(page + 1, view.getByte((long) page * BLOCK), "translate page " + page);
            }
            holdDrains.set(true);
            Future<?> punch = threads.submit(() -> file.punchHole(BLOCK, BLOCK));
            assertTrue(drainHeld.await(10, TimeUnit.SECONDS), "the punch reached its transaction");
            assertFalse(punch.isDone(), "the punch is held half-way");

            Future<Long> otherPage = threads.submit(() -> view.getLong(3 * BLOCK) + view.getLong(0));
            assertEquals(0x0404040404040404L + 0x0101010101010101L, otherPage.get(10, TimeUnit.SECONDS),
                    "an access to another page of the file must not wait for the punch");
            Future<Long> storeElsewhere = threads.submit(() -> {
                view.putLong(2 * BLOCK + 8, 42);
                return view.getLong(2 * BLOCK + 8);
            });
            assertEquals(42, storeElsewhere.get(10, TimeUnit.SECONDS), "nor a store to another page");

            Future<Byte> punchedPage = threads.submit(() -> view.getByte(BLOCK));
            assertWaits(punchedPage, "an access to the punched page must wait for the punch to end");
            release.countDown();
            punch.get(10, TimeUnit.SECONDS);
            assertEquals((byte) 0, (byte) punchedPage.get(10, TimeUnit.SECONDS), "the punched page reads as a hole");
            assertEquals(4, view.getByte(3 * BLOCK), "the other pages kept their translations and bytes");
        }
    }

    private static void assertWaits(Future<?> access, String message) throws Exception {
        try {
            access.get(300, TimeUnit.MILLISECONDS);
            throw new AssertionError(message + ": it completed");
        } catch (TimeoutException expected) {
            // still waiting, as it must
        }
    }

    private static byte[] filled(byte value) {
        byte[] page = new byte[BLOCK];
        java.util.Arrays.fill(page, value);
        return page;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
