package org.daxstore.hostile;

import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.daxstore.DaxStore;
import org.daxstore.NoSuchDaxFileException;
import org.daxstore.StoreOptions;
import org.daxstore.TempStores;
import org.daxstore.fs.StoreHooks;
import org.daxstore.testing.Hooked;
import org.junit.jupiter.api.Test;

/**
 * Positional reads and overwrites ({@code DaxFile.read}/{@code write}), which take no lock
 * (issue 14: they run in access sections checked against the file's seqtex), on three threads,
 * while a fourth truncates, punches, deletes and renames over the files, and then closes the
 * store under them. Every 8-byte field holds a value that names its file, the file's
 * incarnation and its offset; each byte a read returns must be 0 or that value's byte, never
 * another file's (blocks freed by a removal are reused at once by the next allocation). Every
 * failure must be typed ({@link NoSuchDaxFileException}, {@link ClosedException}); after the
 * close, every read and write throws {@link ClosedException}. Seeded ({@code -Dhostile14.seed}).
 * Seen to fail (foreign bytes, and reads of a deleted file's freed blocks) with the seqtex check
 * of {@code FileData}'s positional sections left out.
 */
class PositionalUnderRemovalsTest {
    private static final int PAGE = 4096;
    private static final int FILES = 3;
    private static final long MAX_SIZE = 48L * PAGE;
    private static final long SEED = Long.getLong("hostile14.seed", 14L);
    private static final long MILLIS = Long.getLong("hostile14.millis", 5000L);
    private static final long RACE_WINDOW_NANOS = 20_000;

    private record Incarnation(int slot, int number, DaxFile file) {
    }

    /** The value of the field at file offset {@code offset} (a multiple of 8) of {@code slot}'s incarnation {@code number}. */
    static long value(int slot, int number, long offset) {
        return 0xA514_0000_0000_0000L | (long) (0x80 | slot) << 40 | (long) (number & 0xFFFF) << 24 | (offset >>> 3);
    }

    /** The bytes of {@code inc} at {@code [offset, offset + length)}. */
    private static byte[] pattern(Incarnation inc, long offset, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            long at = offset + i;
            bytes[i] = (byte) (value(inc.slot(), inc.number(), at & ~7L) >>> (8 * (at & 7)));
        }
        return bytes;
    }

    @Test
    void positionalReadsNeverReturnAnotherFilesBytesAndRefuseOnceClosed() throws Exception {
        Path path = TempStores.newContainerPath("hostile-positional");
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> untyped = new ConcurrentLinkedQueue<>();
        AtomicLong reads = new AtomicLong();
        AtomicLong bytesChecked = new AtomicLong();
        AtomicLong removals = new AtomicLong();
        AtomicLong closedRefusals = new AtomicLong();
        // Each copied block pauses between its look-up and its copy, so that a removal that the
        // read did not hold up (the seqtex check skipped, say) frees and reuses it in between.
        DaxStore store = new Hooked(StoreOptions.capacity(32L << 20), StoreHooks.NONE.withRaceWindowNanos(RACE_WINDOW_NANOS))
                .create(path);
        try {
            List<AtomicReference<Incarnation>> slots = new ArrayList<>();
            for (int s = 0; s < FILES; s++) {
                slots.add(new AtomicReference<>(incarnate(store, s, 0, "file" + s)));
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicBoolean closed = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                Random random = new Random(SEED * 31 + t);
                threads.add(new Thread(() -> {
                    while (!stop.get()) {
                        boolean closedBefore = closed.get();
                        Incarnation inc = slots.get(random.nextInt(FILES)).get();
                        try {
                            if (random.nextInt(3) == 0) {
                                overwrite(random, inc);
                            } else {
                                bytesChecked.addAndGet(read(random, inc, violations));
                                reads.incrementAndGet();
                            }
                            if (closedBefore) {
                                violations.add("an operation after the close returned instead of throwing ClosedException");
                            }
                        } catch (NoSuchDaxFileException e) {
                            // deleted or replaced under the call: a typed refusal (before the close only)
                            if (closedBefore) {
                                violations.add("after the close: " + e);
                            }
                        } catch (ClosedException e) {
                            closedRefusals.incrementAndGet();
                        }
                    }
                }, "positional-" + t));
            }
            Random removerRandom = new Random(SEED);
            threads.add(new Thread(() -> {
                long until = System.nanoTime() + MILLIS * 1_000_000L;
                while (System.nanoTime() < until) {
                    remove(store, removerRandom, slots);
                    removals.incrementAndGet();
                }
                store.close(); // under the readers: they must see ClosedException, and nothing unmapped
                closed.set(true);
            }, "remover"));
            RaceOutcome.start(threads, untyped);
            Thread remover = threads.get(threads.size() - 1);
            remover.join(MILLIS + 60_000);
            assertTrue(!remover.isAlive(), "the remover did not stop");
            Thread.sleep(200); // the readers run on against the closed store
            stop.set(true);
            RaceOutcome.joinAll(threads);
            RaceOutcome.assertClean(untyped, violations, SEED);
            assertTrue(removals.get() > 100 && reads.get() > 1_000 && closedRefusals.get() > 0, "too little ran: "
                    + reads + " reads, " + removals + " removals, " + closedRefusals + " refusals after the close");
            DaxFile file = slots.get(0).get().file();
            assertThrows(ClosedException.class, () -> file.read(0, new byte[PAGE]));
            assertThrows(ClosedException.class, () -> file.write(0, new byte[PAGE]));
        } finally {
            store.close();
            TempStores.delete(path);
        }
        System.out.println("hostile14 positional: seed " + SEED + ", " + reads + " reads (" + bytesChecked + " bytes), "
                + removals + " removals, " + closedRefusals + " refused after the close");
    }

    private static Incarnation incarnate(DaxStore store, int slot, int number, String name) {
        DaxFile file = store.create(name);
        Incarnation inc = new Incarnation(slot, number, file);
        file.write(0, pattern(inc, 0, (int) MAX_SIZE));
        return inc;
    }

    /** A read of up to three pages at a random offset, each byte checked; the number of bytes checked. */
    private static int read(Random random, Incarnation inc, ConcurrentLinkedQueue<String> violations) {
        long offset = random.nextInt((int) MAX_SIZE);
        byte[] bytes = new byte[1 + random.nextInt(3 * PAGE)];
        int n = inc.file().read(offset, bytes, 0, bytes.length);
        for (int i = 0; i < n; i++) {
            long at = offset + i;
            byte expected = (byte) (value(inc.slot(), inc.number(), at & ~7L) >>> (8 * (at & 7)));
            if (bytes[i] != 0 && bytes[i] != expected) {
                violations.add("read of file" + inc.slot() + " #" + inc.number() + " at " + at + ": byte 0x"
                        + Integer.toHexString(bytes[i] & 0xFF) + ", expected 0 or 0x" + Integer.toHexString(expected & 0xFF));
                break;
            }
        }
        return Math.max(n, 0);
    }

    /** Writes the incarnation's own bytes over a random range: mapped pages take the lock-free path, holes the locked one. */
    private static void overwrite(Random random, Incarnation inc) {
        long offset = random.nextInt((int) MAX_SIZE - 2 * PAGE);
        int length = 1 + random.nextInt(2 * PAGE);
        inc.file().write(offset, pattern(inc, offset, length));
    }

    private static void remove(DaxStore store, Random random, List<AtomicReference<Incarnation>> slots) {
        int s = random.nextInt(FILES);
        Incarnation inc = slots.get(s).get();
        DaxFile file = inc.file();
        long at = random.nextInt((int) MAX_SIZE);
        switch (random.nextInt(10)) {
            case 0, 1, 2 -> {
                file.truncate(at);
                file.truncate(MAX_SIZE);
            }
            case 3, 4, 5, 6 -> file.punchHole(at, 1 + random.nextInt(3 * PAGE));
            case 7 -> {
                store.delete(file.name());
                slots.get(s).set(incarnate(store, s, inc.number() + 1, file.name()));
            }
            case 8 -> {
                String temporary = file.name() + ".new";
                Incarnation next = incarnate(store, s, inc.number() + 1, temporary);
                store.renameReplacing(temporary, file.name());
                slots.get(s).set(new Incarnation(s, next.number(), store.openFile(file.name())));
            }
            default -> file.truncate(MAX_SIZE - random.nextInt(PAGE));
        }
        DaxFile current = slots.get(s).get().file();
        if (current.size() != MAX_SIZE && random.nextBoolean()) {
            current.truncate(MAX_SIZE);
        }
    }
}
