package org.daxstore.hostile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.daxstore.ClosedException;
import org.daxstore.DaxFile;
import org.daxstore.DaxMapping;
import org.daxstore.DaxStore;
import org.daxstore.NoSuchDaxFileException;
import org.daxstore.StoreOptions;
import org.daxstore.TempStores;
import org.junit.jupiter.api.Test;

/**
 * A seeded random mix of loads, stores, atomics and bulk copies through several views (aligned,
 * shifted, longer than the file) of several files on three threads, while a fourth truncates,
 * punches, deletes and renames over them. Every 8-byte field holds a value that names its file,
 * the file's incarnation and its offset; each byte read must be 0 or that value's byte.
 */
class RandomMixUnderRemovalsTest {
    private static final int PAGE = 4096;
    private static final int FILES = 3;
    private static final long MAX_SIZE = 80L * PAGE;
    private static final long SEED = Long.getLong("hostile12.seed", 12L);
    private static final long MILLIS = Long.getLong("hostile12.millis", 6000L);

    private record Incarnation(int slot, int number, DaxFile file, List<DaxMapping> views) {
    }

    /** The value of the field at file offset {@code offset} (a multiple of 8) of {@code slot}'s incarnation {@code number}. */
    static long value(int slot, int number, long offset) {
        return 0xC35A_A500_0000_0000L | (long) (0x80 | slot) << 32 | (long) (number & 0xFF) << 24 | (offset >>> 3);
    }

    @Test
    void noForeignOrStaleBytesEverReadThroughAView() throws Exception {
        Path path = TempStores.newContainerPath("hostile-mix");
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicLong accesses = new AtomicLong();
        AtomicLong removals = new AtomicLong();
        try (DaxStore store = DaxStore.create(path, StoreOptions.capacity(64L << 20))) {
            List<AtomicReference<Incarnation>> slots = new ArrayList<>();
            for (int s = 0; s < FILES; s++) {
                slots.add(new AtomicReference<>(incarnate(store, s, 0, "file" + s)));
            }
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                Random random = new Random(SEED * 31 + t);
                threads.add(new Thread(() -> {
                    while (!stop.get()) {
                        access(random, slots.get(random.nextInt(FILES)).get(), violations);
                        accesses.incrementAndGet();
                    }
                }, "accessor-" + t));
            }
            Random removerRandom = new Random(SEED);
            threads.add(new Thread(() -> {
                while (!stop.get()) {
                    remove(store, removerRandom, slots);
                    removals.incrementAndGet();
                }
            }, "remover"));
            ConcurrentLinkedQueue<Throwable> crashes = new ConcurrentLinkedQueue<>();
            RaceOutcome.start(threads, crashes);
            Thread.sleep(MILLIS);
            stop.set(true);
            RaceOutcome.joinAll(threads);
            RaceOutcome.assertClean(crashes, violations, SEED);
            assertTrue(removals.get() > 100 && accesses.get() > 10_000, "too little ran: " + accesses + " accesses, "
                    + removals + " removals");
            for (AtomicReference<Incarnation> slot : slots) { // the whole file, through a fresh view
                Incarnation now = slot.get();
                try (DaxMapping view = now.file().map(0, now.file().size())) {
                    byte[] all = new byte[(int) now.file().size()];
                    view.get(0, all, 0, all.length);
                    checkBytes(all, 0, now, 0, "final check", violations);
                }
            }
            assertTrue(violations.isEmpty(), "final check: " + violations.stream().limit(5).toList());
        } finally {
            TempStores.delete(path);
        }
        System.out.println("hostile12 mix: seed " + SEED + ", " + accesses + " accesses, " + removals + " removals");
    }

    private static Incarnation incarnate(DaxStore store, int slot, int number, String name) {
        DaxFile file = store.create(name);
        file.truncate(MAX_SIZE);
        List<DaxMapping> views = List.of(file.map(0, MAX_SIZE), file.map(8 * 37, MAX_SIZE - 8 * 37),
                file.map(5L * PAGE, MAX_SIZE + 40L * PAGE), file.map(511L * PAGE + 8, 3L * PAGE));
        return new Incarnation(slot, number, file, views);
    }

    private static void access(Random random, Incarnation inc, ConcurrentLinkedQueue<String> violations) {
        DaxMapping view = inc.views().get(random.nextInt(inc.views().size()));
        long fields = view.length() >>> 3;
        long index = (random.nextLong() & Long.MAX_VALUE) % fields * 8; // view offsets are multiples of 8
        long offset = view.fileOffset() + index;
        long expected = value(inc.slot(), inc.number(), offset);
        try {
            switch (random.nextInt(7)) {
                case 0, 1 -> view.putLong(index, expected);
                case 2 -> checkLong(view.getLong(index), expected, inc, offset, "getLong", violations);
                case 3 -> checkLong(view.getLongVolatile(index), expected, inc, offset, "getLongVolatile", violations);
                case 4 -> view.compareAndSetLong(index, 0, expected);
                case 5 -> {
                    int n = (int) Math.min(view.length() - index, 8 * (1 + random.nextInt(1100)));
                    byte[] bytes = new byte[n];
                    view.get(index, bytes, 0, n);
                    checkBytes(bytes, 0, inc, offset, "bulk get", violations);
                }
                default -> {
                    int n = (int) Math.min(view.length() - index, 8 * (1 + random.nextInt(1100)));
                    byte[] bytes = new byte[n];
                    for (int i = 0; i < n; i += 8) {
                        long v = value(inc.slot(), inc.number(), offset + i);
                        for (int b = 0; b < 8; b++) {
                            bytes[i + b] = (byte) (v >>> (8 * b));
                        }
                    }
                    view.put(index, bytes, 0, n);
                }
            }
        } catch (IndexOutOfBoundsException | NoSuchDaxFileException | ClosedException expectedRefusal) {
            // the file shrank, or was deleted or replaced, under the access: a typed refusal
        }
    }

    private static void checkLong(long read, long expected, Incarnation inc, long offset, String what, ConcurrentLinkedQueue<String> violations) {
        if (read != 0 && read != expected) {
            violations.add(what + " of file" + inc.slot() + " #" + inc.number() + " at " + offset + ": 0x"
                    + Long.toHexString(read) + ", expected 0 or 0x" + Long.toHexString(expected));
        }
    }

    private static void checkBytes(byte[] bytes, int from, Incarnation inc, long offset, String what, ConcurrentLinkedQueue<String> violations) {
        for (int i = from; i < bytes.length; i++) {
            long field = (offset + i) & ~7L;
            byte expected = (byte) (value(inc.slot(), inc.number(), field) >>> (8 * ((offset + i) & 7)));
            if (bytes[i] != 0 && bytes[i] != expected) {
                violations.add(what + " of file" + inc.slot() + " #" + inc.number() + " at " + (offset + i) + ": byte 0x"
                        + Integer.toHexString(bytes[i] & 0xFF) + ", expected 0 or 0x" + Integer.toHexString(expected & 0xFF));
                return;
            }
        }
    }

    private static void remove(DaxStore store, Random random, List<AtomicReference<Incarnation>> slots) {
        int s = random.nextInt(FILES);
        Incarnation inc = slots.get(s).get();
        DaxFile file = inc.file();
        long at = (random.nextLong() & Long.MAX_VALUE) % (MAX_SIZE / 8) * 8;
        switch (random.nextInt(10)) {
            case 0, 1, 2 -> {
                file.truncate(at);
                file.truncate(MAX_SIZE);
            }
            case 3, 4, 5, 6 -> file.punchHole(at, 8 * (1 + random.nextInt(3 * PAGE)));
            case 7 -> {
                store.delete(file.name());
                slots.get(s).set(incarnate(store, s, inc.number() + 1, file.name()));
                closeSome(random, inc);
            }
            case 8 -> {
                String temporary = file.name() + ".new";
                Incarnation next = incarnate(store, s, inc.number() + 1, temporary);
                store.renameReplacing(temporary, file.name());
                slots.get(s).set(new Incarnation(s, next.number(), store.openFile(file.name()), next.views()));
                closeSome(random, inc);
            }
            default -> file.truncate(MAX_SIZE - 8L * random.nextInt(PAGE)); // within the views' last pages
        }
        DaxFile current = slots.get(s).get().file();
        if (current.size() != MAX_SIZE && random.nextBoolean()) {
            current.truncate(MAX_SIZE);
        }
    }

    /** Old views: some closed, some left for the accessors (which then get NoSuchDaxFileException) and the GC. */
    private static void closeSome(Random random, Incarnation old) {
        for (DaxMapping view : old.views()) {
            if (random.nextBoolean()) {
                view.close();
            }
        }
    }
}
