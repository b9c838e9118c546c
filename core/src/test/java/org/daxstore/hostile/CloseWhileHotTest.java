package org.daxstore.hostile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.daxstore.AccessScope;
import org.daxstore.ClosedException;
import org.daxstore.DaxFile;
import org.daxstore.DaxMapping;
import org.daxstore.DaxStore;
import org.daxstore.MapMode;
import org.daxstore.NoSuchDaxFileException;
import org.daxstore.StoreOptions;
import org.daxstore.TempStores;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Delete, rename-over and store close while views of the files are hot on other threads, and
 * views closed on one thread while others use them: only typed refusals, never another file's
 * bytes, and after the close, every access of every view refused.
 */
class CloseWhileHotTest {
    private static final int PAGE = 4096;
    private static final long SIZE = 64L * PAGE;

    @RepeatedTest(5)
    void deleteRenameOverAndCloseWhileHot() throws Exception {
        Path path = TempStores.newContainerPath("hostile-hot");
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> untyped = new ConcurrentLinkedQueue<>();
        DaxStore store = DaxStore.create(path, StoreOptions.capacity(32L << 20));
        try {
            String[] names = {"a", "b", "c"};
            List<DaxMapping> views = new ArrayList<>();
            for (int f = 0; f < names.length; f++) {
                DaxFile file = store.create(names[f]);
                byte[] fill = new byte[(int) SIZE];
                java.util.Arrays.fill(fill, (byte) (0x10 + f));
                file.write(0, fill);
                views.add(file.map(0, SIZE));
                views.add(file.map(PAGE + 8, SIZE, MapMode.READ_ONLY));
            }
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                Random random = new Random(t);
                threads.add(new Thread(() -> {
                    while (!stop.get()) {
                        int v = random.nextInt(views.size());
                        DaxMapping view = views.get(v);
                        byte mine = (byte) (0x10 + v / 2);
                        long index = random.nextInt((int) SIZE - PAGE - 16);
                        try {
                            switch (random.nextInt(4)) {
                                case 0 -> check(view.getByte(index), mine, v, index, violations);
                                case 1 -> {
                                    if (view.mode() == MapMode.READ_WRITE) {
                                        view.putByte(index, mine);
                                    }
                                }
                                case 2 -> {
                                    byte[] bytes = new byte[3 * PAGE];
                                    view.get(index, bytes, 0, bytes.length);
                                    for (byte b : bytes) {
                                        check(b, mine, v, index, violations);
                                    }
                                }
                                default -> {
                                    try (AccessScope scope = view.scope(index, 2 * PAGE, MapMode.READ_ONLY)) {
                                        for (long i = 0; i < 2 * PAGE; i += 64) {
                                            check(scope.getByte(i), mine, v, index + i, violations);
                                        }
                                    }
                                }
                            }
                        } catch (ClosedException | NoSuchDaxFileException | IndexOutOfBoundsException typed) {
                            // refused: fine
                        } catch (Throwable e) {
                            untyped.add(e);
                            return;
                        }
                    }
                }, "hot-" + t));
            }
            threads.forEach(Thread::start);
            Thread.sleep(200);
            views.get(5).close();                            // a view closed while others use it
            Thread.sleep(100);
            store.delete("a");
            Thread.sleep(200);
            DaxFile replacement = store.create("b.new");
            replacement.truncate(SIZE);                      // zeros: never the old 'b's bytes
            store.renameReplacing("b.new", "b");
            Thread.sleep(200);
            store.close();
            Thread.sleep(100);
            for (DaxMapping view : views) {
                try {
                    view.getByte(0);
                    violations.add("a view of " + view.fileOffset() + " read after the store closed");
                } catch (ClosedException | NoSuchDaxFileException refused) {
                    // refused
                }
            }
            stop.set(true);
            for (Thread thread : threads) {
                thread.join(30_000);
                assertTrue(!thread.isAlive(), thread.getName() + " did not stop");
            }
            assertTrue(untyped.isEmpty(), "untyped failures: " + untyped);
            assertTrue(violations.isEmpty(), violations.size() + " violations: " + violations.stream().limit(5).toList());
        } finally {
            store.close();
            TempStores.delete(path);
        }
    }

    /** A byte of view {@code v}'s file is its fill, or 0 once the file was deleted or replaced (never another's). */
    private static void check(byte read, byte mine, int v, long index, ConcurrentLinkedQueue<String> violations) {
        if (read != mine && read != 0) {
            violations.add("view " + v + " at index " + index + " read 0x" + Integer.toHexString(read & 0xFF)
                    + ", expected 0x" + Integer.toHexString(mine & 0xFF));
        }
    }
}
