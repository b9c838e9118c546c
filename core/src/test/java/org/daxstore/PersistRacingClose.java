package org.daxstore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * The child JVM of {@link PersistRacingCloseTest}: seeded rounds in which threads persist ranges
 * of a view, one at a time and in batches, while the main thread closes the store or deletes
 * the file at a random instant. Each persisting thread must end with the refusal of that state
 * ({@link ClosedException}, {@link NoSuchDaxFileException}, with a message), and a persist that
 * began after the close or delete had returned must not return normally; anything else is
 * printed and makes the exit status 1. A crash (the JVM reading unmapped memory) kills the
 * process, which the test sees too. Arguments: seed, rounds, directory for the containers.
 */
public final class PersistRacingClose {
    private static final int FILE_BYTES = 3 << 20;
    private static final int THREADS = 3;

    private PersistRacingClose() {
    }

    public static void main(String[] args) throws Exception {
        long seed = Long.parseLong(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Path dir = Path.of(args[2]);
        SplittableRandom random = new SplittableRandom(seed);
        byte[] contents = new byte[FILE_BYTES];
        Arrays.fill(contents, (byte) 7);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        int closes = 0;
        int round = 0;
        for (; round < rounds && failures.isEmpty(); round++) {
            Path path = Files.createTempFile(dir, "persist-race-", ".dax");
            Files.delete(path);
            try {
                DaxStore store = DaxStore.open(path, StoreOptions.capacity(16 << 20));
                DaxFile file = store.create("f");
                file.write(0, contents);
                DaxMapping view = file.map(0, FILE_BYTES);
                Round state = new Round();
                CountDownLatch started = new CountDownLatch(THREADS);
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    long threadSeed = random.nextLong();
                    String where = "seed " + seed + ", round " + round + ", thread " + t;
                    Thread thread = new Thread(() -> persistUntilRefused(view, state, new SplittableRandom(threadSeed),
                            started, where, failures), "persister-" + t);
                    threads.add(thread);
                    thread.start();
                }
                started.await();
                LockSupport.parkNanos(random.nextLong(2_000_000));
                boolean close = random.nextBoolean();
                if (close) {
                    store.close();
                    closes++;
                } else {
                    store.delete("f");
                }
                state.over = true;
                for (Thread thread : threads) {
                    thread.join();
                }
                store.close();
            } finally {
                Files.deleteIfExists(path);
            }
        }
        failures.forEach(System.out::println);
        System.out.println((failures.isEmpty() ? "ok: " : "failed: ") + round + " rounds, " + closes + " closing the store");
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    /** Set once the round's close or delete has returned. */
    private static final class Round {
        volatile boolean over;
    }

    private static void persistUntilRefused(DaxMapping view, Round round, SplittableRandom random, CountDownLatch started,
                                            String where, ConcurrentLinkedQueue<String> failures) {
        started.countDown();
        try {
            while (true) {
                boolean late = round.over;
                if (random.nextBoolean()) {
                    long index = random.nextLong(FILE_BYTES - 1);
                    view.persist(index, 1 + random.nextLong(Math.min(256 << 10, FILE_BYTES - index)));
                } else {
                    PersistBatch batch = view.persistBatch();
                    for (int i = random.nextInt(1, 64); i > 0; i--) {
                        batch.add(random.nextLong(FILE_BYTES - 64), 64);
                    }
                    batch.persist();
                }
                if (late) {
                    failures.add(where + ": a persist that began after the close or delete returned normally");
                    return;
                }
            }
        } catch (ClosedException | NoSuchDaxFileException refused) {
            if (refused.getMessage() == null) {
                failures.add(where + ": " + refused + " has no message");
            }
        } catch (Throwable t) {
            failures.add(where + ": " + t);
        }
    }
}
