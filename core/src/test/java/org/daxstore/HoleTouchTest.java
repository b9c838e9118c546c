package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * Many threads first-touch the pages of a large sparse file at once, each page in its own
 * order: reads of holes allocate nothing, and every page gets exactly one block however many
 * threads fault on it together (a second block would lose the stores made to the first).
 */
class HoleTouchTest {
    private static final int BLOCK = 4096;
    private static final int PAGES = 8192;
    private static final int THREADS = 4;

    @Test
    void concurrentFirstTouchesAllocateEachPageOnce() throws Exception {
        Path path = TempStores.newContainerPath("holes-");
        try (DaxStore store = DaxStore.open(path, StoreOptions.capacity(128 << 20)); DaxFile file = store.create("sparse")) {
            file.truncate((long) PAGES * BLOCK);
            long containerBefore = store.info().containerAllocatedBytes();
            try (DaxMapping view = file.map(0, (long) PAGES * BLOCK)) {
                runTogether(t -> {
                    for (int page : shuffledPages(t)) {
                        if (view.getLong((long) page * BLOCK + t * 8L) != 0) {
                            throw new AssertionError("a hole read non-zero at page " + page);
                        }
                    }
                });
                assertEquals(0, file.stat().allocatedBytes(), "reads of holes allocated blocks");
                long containerAfterReads = store.info().containerAllocatedBytes();
                assertTrue(containerAfterReads < 0 || containerAfterReads == containerBefore,
                        "reading holes grew the container from " + containerBefore + " to " + containerAfterReads);

                runTogether(t -> {
                    for (int page : shuffledPages(t + 100)) {
                        view.putLong((long) page * BLOCK + t * 8L, marker(t, page));
                    }
                });
                for (int page = 0; page < PAGES; page++) {
                    for (int t = 0; t < THREADS; t++) {
                        assertEquals(marker(t, page), view.getLong((long) page * BLOCK + t * 8L), "thread " + t + " page " + page);
                    }
                }
            }
            long mapNodes = 1 + PAGES / (BLOCK / 8);
            assertEquals((PAGES + mapNodes) * BLOCK, file.stat().allocatedBytes(), "one block per page, plus the map");
            assertTrue(store.check().isConsistent(), store.check().toString());
        } finally {
            TempStores.delete(path);
        }
    }

    private static long marker(int thread, int page) {
        return (long) (thread + 1) << 40 | page;
    }

    private static int[] shuffledPages(long seed) {
        int[] pages = new int[PAGES];
        for (int i = 0; i < PAGES; i++) {
            pages[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = PAGES - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = pages[i];
            pages[i] = pages[j];
            pages[j] = swap;
        }
        return pages;
    }

    private interface Body {
        void run(int thread) throws Exception;
    }

    private static void runTogether(Body body) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            threads.add(new Thread(() -> {
                try {
                    start.await();
                    body.run(id);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }
}
