package org.daxstore.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.daxstore.DaxFile;
import org.daxstore.DaxMapping;
import org.daxstore.DaxStore;
import org.daxstore.StoreOptions;
import org.daxstore.TempStores;
import org.junit.jupiter.api.Test;

/** Thousands of views of one file, and views far larger than a tiny heap budget, under punches. */
class ManyViewsTinyBudgetTest {
    private static final int PAGE = 4096;

    @Test
    void thousandsOfViewsMadeAndDroppedWhilePunchesRun() throws Exception {
        Path path = TempStores.newContainerPath("hostile-views");
        try (DaxStore store = DaxStore.create(path, StoreOptions.capacity(32L << 20))) {
            DaxFile file = store.create("f");
            long size = 1100L * PAGE;
            file.truncate(size);
            for (long page = 0; page < 1100; page++) {
                file.write(page * PAGE + 8, longBytes(page + 1)); // byte 8 of every page: page + 1
            }
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                Random random = new Random(t);
                threads.add(new Thread(() -> {
                    try {
                        for (int i = 0; i < 3000; i++) {
                            long from = random.nextInt(1000) * (long) PAGE;
                            DaxMapping view = file.map(from, size - from);
                            for (int k = 0; k < 20; k++) {
                                long page = from / PAGE + random.nextInt(1100 - (int) (from / PAGE));
                                long read = view.getLong(page * PAGE + 8 - from);
                                // punched pages (below 100) read 0; the others keep their value
                                if (read != page + 1 && !(read == 0 && page < 100)) {
                                    violations.add("page " + page + " read " + read + " through a view from " + from);
                                }
                            }
                            if (random.nextBoolean()) {
                                view.close(); // the others are dropped for the garbage collector
                            }
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }, "viewer-" + t));
            }
            Thread puncher = new Thread(() -> {
                Random random = new Random(99);
                while (!stop.get()) {
                    long page = random.nextInt(100);
                    file.punchHole(page * PAGE, PAGE);
                    file.write(page * PAGE + 8, longBytes(page + 1));
                }
            }, "puncher");
            puncher.start();
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join(120_000);
            }
            stop.set(true);
            puncher.join(30_000);
            assertTrue(failures.isEmpty(), "failures: " + failures);
            assertTrue(violations.isEmpty(), violations.size() + " violations: " + violations.stream().limit(5).toList());
        } finally {
            TempStores.delete(path);
        }
    }

    @Test
    void aTinyBudgetServesHugeViewsUncachedAndCorrectly() {
        Path path = TempStores.newContainerPath("hostile-tiny");
        // the smallest budget that opens this store: its views' share is then a few hundred KiB
        try (DaxStore store = DaxStore.create(path, StoreOptions.capacity(64L << 20).withHeapBudget(2L << 20))) {
            DaxFile file = store.create("f");
            long size = 1L << 36; // 64 GiB sparse
            file.truncate(size);
            Random random = new Random(7);
            long[] pages = new long[3000];
            for (int i = 0; i < pages.length; i++) {
                pages[i] = (random.nextLong() & Long.MAX_VALUE) % (size / PAGE);
            }
            List<DaxMapping> views = new ArrayList<>();
            for (int v = 0; v < 8; v++) {
                views.add(file.map(v * 8L, size - v * 8L));
            }
            for (int i = 0; i < pages.length; i++) {
                DaxMapping view = views.get(i % views.size());
                view.putLong(pages[i] * PAGE + 64 - view.fileOffset(), pages[i] ^ 0x5555);
            }
            for (DaxMapping view : views) {
                for (long page : pages) {
                    assertEquals(page ^ 0x5555, view.getLong(page * PAGE + 64 - view.fileOffset()), "page " + page);
                    assertEquals(0L, view.getLong(page * PAGE + 128 - view.fileOffset()));
                }
            }
            long total = views.stream().mapToLong(DaxMapping::translationBytes).sum();
            assertTrue(total <= (2L << 20), "the views hold " + total + " bytes of translations, past the budget");
            file.punchHole(pages[0] * PAGE, PAGE);
            for (DaxMapping view : views) {
                assertEquals(0L, view.getLong(pages[0] * PAGE + 64 - view.fileOffset()), "a punched page, uncached");
                view.close();
            }
        } finally {
            TempStores.delete(path);
        }
    }

    private static byte[] longBytes(long value) {
        return java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    }
}
