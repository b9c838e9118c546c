package org.daxstore.lucene;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.tests.util.LuceneTestCase;

import com.carrotsearch.randomizedtesting.annotations.ThreadLeakFilters;

/**
 * Readers and a deleter on the same names at once: a thread keeps deleting files and writing
 * new versions under the same names while others open, clone and read them. Every byte each
 * reader sees must be its own version's (each version's bytes are a pattern of its name and
 * generation, and the generation is in its first 4 bytes): never a newer version's, never
 * another file's, never a crash, whatever the deletes do to the blocks under it.
 */
@ThreadLeakFilters(defaultFilters = true, filters = StoreThreadsFilter.class)
public class TestConcurrentDeletes extends LuceneTestCase {
    private static final int FILES = 4;
    private static final int LENGTH = 40_000;

    public void testReadersSeeOnlyTheirOwnVersion() throws Exception {
        Path container = createTempDir("concurrentDeletes").resolve("index.dax");
        try (DaxDirectory dir = DaxDirectory.open(container, TestDaxDirectory.OPTIONS)) {
            for (int k = 0; k < FILES; k++) {
                write(dir, k, 0);
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicLong checkedReads = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            long seed = random().nextLong();
            threads.add(new Thread(() -> {
                Random r = new Random(seed);
                int[] generation = new int[FILES];
                try {
                    while (!stop.get()) {
                        int k = r.nextInt(FILES);
                        dir.deleteFile("f" + k);
                        write(dir, k, ++generation[k]);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "deleter"));
            for (int t = 0; t < 2; t++) {
                long readerSeed = seed + 1 + t;
                threads.add(new Thread(() -> {
                    Random r = new Random(readerSeed);
                    byte[] buffer = new byte[LENGTH];
                    try {
                        while (!stop.get()) {
                            int k = r.nextInt(FILES);
                            IndexInput in;
                            try {
                                in = dir.openInput("f" + k, IOContext.DEFAULT);
                            } catch (NoSuchFileException e) {
                                continue; // between the delete and the new version
                            }
                            try (in) {
                                int g = in.readInt();
                                IndexInput clone = in.clone();
                                int at = 4 + r.nextInt(LENGTH - 4 - 1000);
                                clone.seek(at);
                                clone.readBytes(buffer, 0, 1000);
                                for (int i = 0; i < 1000; i++) {
                                    assertEquals("f" + k + " generation " + g + " at " + (at + i), pattern(k, g, at + i), buffer[i]);
                                }
                                in.seek(4);
                                in.readBytes(buffer, 4, LENGTH - 4);
                                for (int i = 4; i < LENGTH; i++) {
                                    assertEquals("f" + k + " generation " + g + " at " + i, pattern(k, g, i), buffer[i]);
                                }
                                checkedReads.incrementAndGet();
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "reader-" + t));
            }
            for (Thread t : threads) {
                t.start();
            }
            Thread.sleep(TEST_NIGHTLY ? 10_000 : 2_000);
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            if (failure.get() != null) {
                throw new AssertionError("after " + checkedReads.get() + " whole reads: " + failure.get(), failure.get());
            }
            assertTrue("the readers read something", checkedReads.get() > 0);
            assertEquals("every hidden file went with its last input", 0, TestDeleteWhileReading.hiddenFiles(dir.store()));
        }
    }

    private static byte pattern(int k, int g, int i) {
        return (byte) (i * 31 + k * 7 + g * 13 + (i >>> 8));
    }

    private static void write(DaxDirectory dir, int k, int g) throws IOException {
        byte[] bytes = new byte[LENGTH];
        for (int i = 4; i < LENGTH; i++) {
            bytes[i] = pattern(k, g, i);
        }
        // written under another name and renamed into place, as Lucene commits: no reader opens a file being written
        try (IndexOutput out = dir.createOutput("pending" + k, IOContext.DEFAULT)) {
            out.writeInt(g);
            out.writeBytes(bytes, 4, LENGTH - 4);
        }
        dir.rename("pending" + k, "f" + k);
    }
}
