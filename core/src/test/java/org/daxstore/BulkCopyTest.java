package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ReadOnlyBufferException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bulk copies through views ({@link DaxMapping#get(long, byte[], int, int)} and
 * {@link DaxMapping#put(long, byte[], int, int)}), which copy each run of pages whose blocks
 * are adjacent in the container in one piece: across adjacent and scattered blocks, holes,
 * read-only views, the per-section bound, and racing truncate and punch.
 */
class BulkCopyTest {
    private static final int BLOCK = 4096;
    private Path path;
    private DaxStore store;
    private DaxFile file;

    @BeforeEach
    void open() {
        path = TempStores.newContainerPath("bulk-");
        store = DaxStore.open(path, StoreOptions.capacity(16 << 20));
        file = store.create("f");
        file.truncate(2 << 20);
        // Give the block map its first level now, so pages written in order get adjacent blocks.
        file.write((2 << 20) - 1, new byte[] {1});
    }

    @AfterEach
    void close() {
        store.close();
        TempStores.delete(path);
    }

    /** A byte that names its file offset (never zero). */
    private static byte expected(long offset) {
        return (byte) (offset % 251 + 1);
    }

    private static byte[] pattern(long fileOffset, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = expected(fileOffset + i);
        }
        return bytes;
    }

    private void writePages(int... pages) {
        for (int page : pages) {
            file.write((long) page * BLOCK, pattern((long) page * BLOCK, BLOCK));
        }
    }

    @Test
    void copiesOverAdjacentBlocksAndPastTheSectionBoundRoundTrip() {
        int length = 300 * BLOCK + 123;
        writePages(java.util.stream.IntStream.range(0, 302).toArray());
        try (DaxMapping view = file.map(0, 2 << 20)) {
            byte[] back = new byte[length];
            view.get(77, back, 0, length);
            assertArrayEquals(pattern(77, length), back, "cold: one fault per page");
            view.get(77, back, 0, length);
            assertArrayEquals(pattern(77, length), back, "warm: runs of adjacent blocks, 256 KiB per section");
            byte[] data = new byte[length];
            new SplittableRandom(5).nextBytes(data);
            view.put(BLOCK + 9, data, 0, length);
            view.get(BLOCK + 9, back, 0, length);
            assertArrayEquals(data, back);
            assertArrayEquals(data, readPositionally(BLOCK + 9, length));
        }
    }

    @Test
    void copiesOverScatteredBlocksRoundTrip() {
        writePages(5, 1, 4, 0, 3, 2, 7, 6);
        try (DaxMapping view = file.map(BLOCK / 2, 8 * BLOCK)) {
            byte[] back = new byte[7 * BLOCK];
            view.get(0, back, 0, back.length);
            view.get(0, back, 0, back.length);
            assertArrayEquals(pattern(BLOCK / 2, back.length), back);
            byte[] data = new byte[6 * BLOCK + 1];
            new SplittableRandom(6).nextBytes(data);
            view.put(3, data, 0, data.length);
            view.put(3, data, 0, data.length);
            assertArrayEquals(data, readPositionally(BLOCK / 2 + 3, data.length));
        }
    }

    @Test
    void holesReadAsZerosAllocatingNothingAndStoresFillThem() {
        writePages(0, 1, 3, 6);
        long allocated = file.stat().allocatedBytes();
        try (DaxMapping view = file.map(0, 8 * BLOCK)) {
            byte[] back = new byte[8 * BLOCK];
            view.get(0, back, 0, back.length);
            view.get(0, back, 0, back.length);
            for (int page = 0; page < 8; page++) {
                boolean written = page == 0 || page == 1 || page == 3 || page == 6;
                for (int i = 0; i < BLOCK; i += 97) {
                    int at = page * BLOCK + i;
                    assertEquals(written ? expected(at) : 0, back[at], "page " + page + " byte " + i);
                }
            }
            assertEquals(allocated, file.stat().allocatedBytes(), "reading holes allocates nothing");
            byte[] data = pattern(100, 8 * BLOCK - 200);
            view.put(100, data, 0, data.length);
            assertArrayEquals(data, readPositionally(100, data.length));
            assertEquals(allocated + 4 * BLOCK, file.stat().allocatedBytes(), "the four holes got blocks");
        }
    }

    @Test
    void readOnlyViewsCopyOutAndRefuseCopiesIn() {
        writePages(0, 1, 2, 3);
        try (DaxMapping view = file.map(0, 4 * BLOCK, MapMode.READ_ONLY)) {
            byte[] back = new byte[4 * BLOCK];
            view.get(0, back, 0, back.length);
            view.get(0, back, 0, back.length);
            assertArrayEquals(pattern(0, back.length), back);
            assertThrows(ReadOnlyBufferException.class, () -> view.put(10, new byte[2 * BLOCK], 0, 2 * BLOCK));
        }
        assertArrayEquals(pattern(0, 4 * BLOCK), readPositionally(0, 4 * BLOCK), "nothing was written");
    }

    @Test
    void copiesPastTheEndOfTheFileOrTheViewAreRefused() {
        writePages(0, 1, 2, 3);
        try (DaxMapping view = file.map(0, 4 * BLOCK)) {
            byte[] back = new byte[4 * BLOCK];
            view.get(0, back, 0, back.length);
            assertThrows(IndexOutOfBoundsException.class, () -> view.get(1, back, 0, back.length));
            file.truncate(2 * BLOCK + 8);
            assertThrows(IndexOutOfBoundsException.class, () -> view.get(0, back, 0, back.length));
            view.get(0, back, 0, 2 * BLOCK + 8);
            assertArrayEquals(pattern(0, 2 * BLOCK + 8), java.util.Arrays.copyOf(back, 2 * BLOCK + 8));
        }
    }

    /**
     * The translations of a whole run are cached, then a page in its middle is punched and its
     * block given to another file. A run that begins at a page faulted again after the punch
     * must stop at the punched page: its old entry still points at the block that is now the
     * other file's, right after the first page's block.
     */
    @Test
    void aRunNeverExtendsOverAnEntryThatPredatesAPunch() {
        writePages(0, 1, 2, 3);
        try (DaxMapping view = file.map(0, 4 * BLOCK)) {
            byte[] back = new byte[4 * BLOCK];
            view.get(0, back, 0, back.length);
            view.get(0, back, 0, back.length);
            file.punchHole(BLOCK, BLOCK);
            DaxFile other = store.create("other");
            other.write(0, filled((byte) 0x55, 8 * BLOCK));
            view.get(0, back, 0, BLOCK);
            view.get(0, back, 0, back.length);
            for (int i = 0; i < back.length; i++) {
                assertEquals(i / BLOCK == 1 ? 0 : expected(i), back[i], "byte " + i);
            }
        }
    }

    /**
     * The seed's race for bulk copies: a copy has copied a cached run and is faulting the next
     * page when a punch of the whole range starts. The punch must wait for the copy's section;
     * the pages that section copies keep their data, and the page after it reads as a hole.
     */
    @Test
    void aPunchWaitsForTheSectionOfACopyThatIsFaulting() throws Exception {
        writePages(0, 1, 2, 3);
        CountDownLatch lookedUp = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> holdOn = new AtomicReference<>();
        DaxMapping view = file.map(0, 4 * BLOCK, MapMode.READ_WRITE, (page, block) -> {
            if (Thread.currentThread() == holdOn.get() && page == 2) {
                lookedUp.countDown();
                awaitQuietly(release);
            }
        });
        view.getByte(0);
        view.getByte(BLOCK);
        byte[] back = new byte[4 * BLOCK];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread copying = new Thread(() -> {
            try {
                view.get(0, back, 0, back.length);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        holdOn.set(copying);
        copying.start();
        assertTrue(lookedUp.await(10, TimeUnit.SECONDS));
        Thread punching = new Thread(() -> file.punchHole(0, 4 * BLOCK));
        punching.start();
        try {
            punching.join(300);
            assertTrue(punching.isAlive(), "the punch must wait for the copy's access section");
        } finally {
            release.countDown();
        }
        copying.join(10_000);
        punching.join(10_000);
        assertFalse(punching.isAlive());
        assertEquals(null, failure.get());
        assertArrayEquals(pattern(0, 3 * BLOCK), java.util.Arrays.copyOf(back, 3 * BLOCK),
                "pages 0 and 1 (one run) and 2 (the fault) were copied before the punch unlinked them");
        assertArrayEquals(new byte[BLOCK], java.util.Arrays.copyOfRange(back, 3 * BLOCK, 4 * BLOCK),
                "page 3 was copied after the punch");
        view.get(0, back, 0, back.length);
        assertArrayEquals(new byte[4 * BLOCK], back);
    }

    /**
     * Bulk copies of several files racing truncate and punch, in a store small enough that freed
     * blocks go to other files at once. Every byte names its file and offset, so a copy that
     * read or wrote a block after it left its file shows up as a foreign byte.
     */
    @Test
    void copiesRacingTruncateAndPunchNeverSeeForeignBytes() throws Exception {
        int files = 3;
        long size = 256 << 10;
        store.close();
        TempStores.delete(path);
        store = DaxStore.open(path, StoreOptions.capacity(4 << 20));
        List<DaxFile> handles = new ArrayList<>();
        List<DaxMapping> views = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            DaxFile each = store.create("race-" + f);
            each.truncate(size);
            handles.add(each);
            views.add(each.map(0, size));
        }
        AtomicLong copies = new AtomicLong();
        AtomicLong removals = new AtomicLong();
        AtomicReference<String> violation = new AtomicReference<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            boolean writer = t == 0;
            SplittableRandom random = new SplittableRandom(40 + t);
            threads.add(new Thread(() -> {
                byte[] buffer = new byte[64 << 10];
                while (System.nanoTime() < end && violation.get() == null) {
                    int f = random.nextInt(files);
                    long at = random.nextLong(size - 8);
                    int length = (int) Math.min(buffer.length, random.nextLong(1, size - at));
                    try {
                        if (writer) {
                            fillFileBytes(buffer, f, at, length);
                            views.get(f).put(at, buffer, 0, length);
                        } else {
                            views.get(f).get(at, buffer, 0, length);
                            String bad = firstForeignByte(buffer, f, at, length);
                            if (bad != null) {
                                violation.compareAndSet(null, bad);
                            }
                        }
                        copies.incrementAndGet();
                    } catch (IndexOutOfBoundsException | StoreFullException expected) {
                        // the file shrank, or the small store filled up meanwhile
                    }
                }
            }));
        }
        threads.add(new Thread(() -> {
            SplittableRandom random = new SplittableRandom(7);
            while (System.nanoTime() < end && violation.get() == null) {
                DaxFile f = handles.get(random.nextInt(files));
                long at = random.nextLong(size);
                if (random.nextBoolean()) {
                    f.truncate(at);
                    f.truncate(size);
                } else {
                    f.punchHole(at, random.nextLong(1, size - at + 1));
                }
                removals.incrementAndGet();
            }
        }));
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(null, violation.get());
        assertTrue(copies.get() > 100, "only " + copies.get() + " copies");
        assertTrue(removals.get() > 100, "only " + removals.get() + " removals");
        assertTrue(store.check().isConsistent(), store.check().toString());
    }

    /** File f's byte at offset o: nonzero, and no other file has it at any offset (top two bits). */
    private static byte fileByte(int f, long offset) {
        return (byte) ((f + 1) << 6 | (int) (offset % 61) + 1);
    }

    private static void fillFileBytes(byte[] buffer, int f, long at, int length) {
        for (int i = 0; i < length; i++) {
            buffer[i] = fileByte(f, at + i);
        }
    }

    private static String firstForeignByte(byte[] buffer, int f, long at, int length) {
        for (int i = 0; i < length; i++) {
            if (buffer[i] != 0 && buffer[i] != fileByte(f, at + i)) {
                return "file " + f + " offset " + (at + i) + " read " + buffer[i] + ", expected 0 or " + fileByte(f, at + i);
            }
        }
        return null;
    }

    private byte[] readPositionally(long position, int length) {
        byte[] bytes = new byte[length];
        assertEquals(length, file.read(position, bytes));
        return bytes;
    }

    private static byte[] filled(byte value, int length) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, value);
        return bytes;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
