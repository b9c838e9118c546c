package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ReadOnlyBufferException;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Direct views: what each access does, and what truncate, punch, delete and close do to views. */
class DaxMappingTest {
    private static final int BLOCK = 4096;
    private Path path;
    private DaxStore store;
    private DaxFile file;

    @BeforeEach
    void open() {
        path = TempStores.newContainerPath("views-");
        store = DaxStore.open(path, StoreOptions.capacity(32 << 20));
        file = store.create("f");
        file.truncate(1 << 20);
    }

    @AfterEach
    void close() {
        store.close();
        TempStores.delete(path);
    }

    @Test
    void everyPrimitiveRoundTripsAndIsLittleEndian() {
        try (DaxMapping m = file.map(0, 1 << 20)) {
            m.putByte(1, (byte) -2);
            m.putShort(2, (short) 0x1234);
            m.putInt(4, 0xCAFEBABE);
            m.putLong(8, 0x0102030405060708L);
            m.putFloat(16, 1.5f);
            m.putDouble(24, -2.25);
            assertEquals(-2, m.getByte(1));
            assertEquals(0x1234, m.getShort(2));
            assertEquals(0xCAFEBABE, m.getInt(4));
            assertEquals(0x0102030405060708L, m.getLong(8));
            assertEquals(1.5f, m.getFloat(16));
            assertEquals(-2.25, m.getDouble(24));
            byte[] raw = new byte[8];
            file.read(8, raw);
            assertArrayEquals(new byte[] {8, 7, 6, 5, 4, 3, 2, 1}, raw, "views and positional reads see the same bytes");
        }
    }

    @Test
    void unalignedAccessesStraddlingBlocksWork() {
        try (DaxMapping m = file.map(0, 1 << 20)) {
            m.putLong(BLOCK - 3, 0x1122334455667788L);
            assertEquals(0x1122334455667788L, m.getLong(BLOCK - 3));
            m.putInt(2 * BLOCK - 1, 0x01020304);
            assertEquals(0x01020304, m.getInt(2 * BLOCK - 1));
        }
    }

    @Test
    void orderedAndAtomicAccesses() {
        try (DaxMapping m = file.map(BLOCK, 2 * BLOCK)) {
            m.putLongRelease(0, 5);
            assertEquals(5, m.getLongAcquire(0));
            assertTrue(m.compareAndSetLong(0, 5, 6));
            assertFalse(m.compareAndSetLong(0, 5, 7));
            assertEquals(6, m.getAndAddLong(0, 10));
            assertEquals(16, m.getLongVolatile(0));
            m.putIntVolatile(8, 1);
            assertTrue(m.compareAndSetInt(8, 1, 2));
            assertEquals(2, m.getAndAddInt(8, 3));
            assertEquals(5, m.getIntAcquire(8));
            assertThrows(IllegalArgumentException.class, () -> m.getAndAddLong(4, 1));
        }
    }

    @Test
    void bulkCopiesCrossBlocks() {
        byte[] data = new byte[3 * BLOCK + 77];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        try (DaxMapping m = file.map(100, 1 << 19)) {
            m.put(BLOCK - 50, data, 0, data.length);
            byte[] back = new byte[data.length];
            m.get(BLOCK - 50, back, 0, back.length);
            assertArrayEquals(data, back);
            byte[] positional = new byte[data.length];
            file.read(100 + BLOCK - 50, positional);
            assertArrayEquals(data, positional);
        }
    }

    @Test
    void readingHolesAllocatesNothingAndTheFirstStoreAllocatesOnce() {
        try (DaxMapping m = file.map(0, 1 << 20)) {
            for (long i = 0; i < (1 << 20); i += BLOCK) {
                assertEquals(0, m.getLong(i));
            }
            assertEquals(0, file.stat().allocatedBytes(), "reads of holes allocate nothing");
            m.putLong(5 * BLOCK, 1);
            m.putLong(5 * BLOCK + 8, 2);
            assertEquals(2 * BLOCK, file.stat().allocatedBytes(), "one data block and one map node");
        }
    }

    @Test
    void aStoreThroughOneViewIsSeenByAnotherThatHadReadTheHole() {
        try (DaxMapping a = file.map(0, 1 << 20); DaxMapping b = file.map(0, 1 << 20)) {
            assertEquals(0, b.getLong(64));
            a.putLong(64, 99);
            assertEquals(99, b.getLong(64));
        }
    }

    @Test
    void afterTruncateEveryViewSeesTheNewEndAndZerosOnRegrowth() {
        try (DaxMapping old = file.map(0, 1 << 20)) {
            old.putLong(3 * BLOCK + 8, 42);
            old.putLong(BLOCK + 16, 7);
            file.truncate(BLOCK + 20);
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> old.getLong(3 * BLOCK + 8));
            assertTrue(e.getMessage().contains("beyond the end of file 'f'"), e.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> old.putByte(BLOCK + 20, (byte) 1));
            assertEquals(7, old.getInt(BLOCK + 16), "bytes below the new end stay");
            try (DaxMapping fresh = file.map(0, 1 << 20)) {
                assertThrows(IndexOutOfBoundsException.class, () -> fresh.getByte(BLOCK + 20));
            }
            file.truncate(1 << 20);
            assertEquals(0, old.getLong(3 * BLOCK + 8), "regrown range reads zeros");
        }
    }

    @Test
    void afterPunchEveryViewReadsZerosAndAStoreFaultsAgain() {
        try (DaxMapping old = file.map(0, 1 << 20)) {
            for (int page = 0; page < 8; page++) {
                old.putLong((long) page * BLOCK, page + 1);
            }
            long allocated = file.stat().allocatedBytes();
            file.punchHole(2 * BLOCK, 3 * BLOCK);
            assertEquals(allocated - 3 * BLOCK, file.stat().allocatedBytes());
            try (DaxMapping fresh = file.map(0, 1 << 20)) {
                for (int page = 0; page < 8; page++) {
                    long expected = page >= 2 && page < 5 ? 0 : page + 1;
                    assertEquals(expected, old.getLong((long) page * BLOCK), "old view, page " + page);
                    assertEquals(expected, fresh.getLong((long) page * BLOCK), "new view, page " + page);
                }
            }
            old.putLong(3 * BLOCK, 33);
            assertEquals(allocated - 2 * BLOCK, file.stat().allocatedBytes(), "the store re-faulted and allocated");
            assertEquals(33, old.getLong(3 * BLOCK));
        }
    }

    @Test
    void anIdleViewOnAnotherThreadDoesNotHoldUpATruncate() throws Exception {
        java.util.concurrent.CountDownLatch used = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        DaxMapping shared = file.map(0, 1 << 20);
        Thread idle = new Thread(() -> {
            shared.putLong(BLOCK, 1);
            used.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        idle.start();
        used.await();
        long start = System.nanoTime();
        file.truncate(0);
        long millis = (System.nanoTime() - start) / 1_000_000;
        done.countDown();
        idle.join();
        assertTrue(millis < 2_000, "the truncate took " + millis + " ms");
        assertThrows(IndexOutOfBoundsException.class, () -> shared.getLong(BLOCK));
    }

    @Test
    void readOnlyViewsRefuseStores() {
        try (DaxMapping m = file.map(0, BLOCK, MapMode.READ_ONLY)) {
            assertEquals(MapMode.READ_ONLY, m.mode());
            assertThrows(ReadOnlyBufferException.class, () -> m.putInt(0, 1));
            assertEquals(0, m.getInt(0));
        }
    }

    @Test
    void outOfViewIndexesAreRefused() {
        try (DaxMapping m = file.map(BLOCK, BLOCK)) {
            assertThrows(IndexOutOfBoundsException.class, () -> m.getLong(-1));
            assertThrows(IndexOutOfBoundsException.class, () -> m.getLong(BLOCK - 4));
            assertThrows(IndexOutOfBoundsException.class, () -> m.putByte(BLOCK, (byte) 1));
            assertThrows(IllegalArgumentException.class, () -> file.map(-1, 10));
        }
    }

    /**
     * A bulk copy whose range passes the file's end or the view's is refused before any byte
     * moves, however many 256 KiB sections it would take: the file, the destination array and
     * the buffers' positions are as they were. (fsx found the store half-written by a 2 MiB put
     * whose last bytes passed the end.)
     */
    @Test
    void aBulkCopyThatCannotCompleteCopiesNothing() {
        byte[] before = new byte[1 << 20];
        new java.util.Random(3).nextBytes(before);
        file.write(0, before);
        try (DaxMapping pastTheFile = file.map(0, 4 << 20); DaxMapping shortView = file.map(0, 512 << 10)) {
            for (int length : new int[] {1000, 300 << 10, 512 << 10}) {
                for (DaxMapping view : java.util.List.of(pastTheFile, shortView)) {
                    long end = view == pastTheFile ? 1 << 20 : 512 << 10; // the file's end, the view's end
                    long index = end - length + 512;
                    String where = length + " bytes at " + index + " of a view of " + view.length();
                    byte[] src = new byte[length];
                    java.util.Arrays.fill(src, (byte) 7);
                    assertThrows(IndexOutOfBoundsException.class, () -> view.put(index, src, 0, length), where);
                    java.nio.ByteBuffer srcBuffer = java.nio.ByteBuffer.wrap(src);
                    assertThrows(IndexOutOfBoundsException.class, () -> view.put(index, srcBuffer), where);
                    assertEquals(0, srcBuffer.position(), where + ": the source buffer did not move");
                    byte[] dst = new byte[length];
                    assertThrows(IndexOutOfBoundsException.class, () -> view.get(index, dst, 0, length), where);
                    assertArrayEquals(new byte[length], dst, where + ": nothing was read into the array");
                    java.nio.ByteBuffer dstBuffer = java.nio.ByteBuffer.allocate(length);
                    assertThrows(IndexOutOfBoundsException.class, () -> view.get(index, dstBuffer), where);
                    assertEquals(0, dstBuffer.position(), where + ": the destination buffer did not move");
                    byte[] after = new byte[1 << 20];
                    file.read(0, after);
                    assertArrayEquals(before, after, where + ": the file is unchanged");
                }
            }
        }
    }

    @Test
    void closedViewsDeletedFilesAndClosedStoresFailCleanly() {
        DaxMapping m = file.map(0, BLOCK);
        m.putLong(0, 1);
        m.close();
        assertThrows(ClosedException.class, () -> m.getLong(0));

        DaxMapping live = file.map(0, BLOCK);
        live.putLong(0, 2);
        store.delete("f");
        assertThrows(NoSuchDaxFileException.class, () -> live.getLong(0));

        DaxFile g = store.create("g");
        g.truncate(BLOCK);
        DaxMapping view = g.map(0, BLOCK);
        view.putLong(0, 3);
        store.close();
        assertThrows(ClosedException.class, () -> view.getLong(0));
        assertThrows(ClosedException.class, () -> view.putLong(0, 4));
    }

    @Test
    void aFullStoreFailsTheStoreThatNeedsABlockAndNothingElse() {
        Path small = TempStores.newContainerPath("views-full-");
        try (DaxStore tiny = DaxStore.open(small, StoreOptions.capacity(1 << 20).withMaxFiles(8))) {
            DaxFile big = tiny.create("big");
            big.truncate(8 << 20);
            try (DaxMapping m = big.map(0, 8 << 20)) {
                StoreFullException full = null;
                long stored = 0;
                for (long i = 0; i < (8 << 20) && full == null; i += BLOCK) {
                    try {
                        m.putLong(i, i);
                        stored = i;
                    } catch (StoreFullException e) {
                        full = e;
                    }
                }
                assertTrue(full != null, "a 1 MiB store took 8 MiB of stores");
                assertEquals(stored, m.getLong(stored), "earlier stores are intact");
                assertTrue(tiny.check().isConsistent(), tiny.check().toString());
            }
        } finally {
            TempStores.delete(small);
        }
    }

    @Test
    void persistAcceptsTheViewAndRefusesOutside() {
        try (DaxMapping m = file.map(0, 1 << 20)) {
            m.putLong(128, 42L);
            m.persist(128, 8);
            m.persist(0, 1 << 20);
            assertThrows(IndexOutOfBoundsException.class, () -> m.persist(1 << 20, 1));
        }
    }
}
