package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ReadOnlyBufferException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.daxstore.testing.UnsafeAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccessScopeTest {
    private static final int BLOCK = 4096;
    private Path path;
    private DaxStore store;
    private DaxFile file;
    private DaxMapping view;

    @BeforeEach
    void open() {
        path = TempStores.newContainerPath("scope-");
        store = DaxStore.open(path, StoreOptions.capacity(16 << 20));
        file = store.create("f");
        file.truncate(1 << 20);
        view = file.map(0, 1 << 20);
    }

    @AfterEach
    void close() {
        store.close();
        TempStores.delete(path);
    }

    @Test
    void aWriteScopeAllocatesItsRangeAndItsStoresAreSeenThroughTheView() {
        try (AccessScope scope = view.scope(BLOCK - 100, 3 * BLOCK, MapMode.READ_WRITE)) {
            for (long i = 0; i + 8 <= scope.length(); i += 8) {
                scope.putLong(i, i * 3);
            }
            scope.putLong(97, 0x0102030405060708L);
            assertEquals(0x0102030405060708L, scope.getLong(97), "straddles a block boundary");
            scope.putInt(4, 9);
            assertEquals(9, scope.getInt(4));
            scope.putShort(BLOCK + 99, (short) -3);
            assertEquals(-3, scope.getShort(BLOCK + 99), "straddles a block boundary");
            scope.putFloat(200, 2.5f);
            assertEquals(2.5f, scope.getFloat(200));
            scope.putDouble(208, -1.25);
            assertEquals(-1.25, scope.getDouble(208));
        }
        assertEquals(5 * BLOCK, file.stat().allocatedBytes(), "four pages touched when the scope opened, plus the map node");
        assertEquals(8 * 3, view.getLong(BLOCK - 100 + 8));
        assertEquals(0x0102030405060708L, view.getLong(BLOCK - 100 + 97));
    }

    @Test
    void aReadScopeReadsHolesAsZerosAndAllocatesNothing() {
        try (AccessScope scope = view.scope(0, 4 * BLOCK, MapMode.READ_ONLY)) {
            assertEquals(0, scope.getLong(3 * BLOCK + 8));
            assertThrows(ReadOnlyBufferException.class, () -> scope.putLong(0, 1));
        }
        assertEquals(0, file.stat().allocatedBytes());
    }

    @Test
    void boundsClosingAndTheFileEndAreChecked() {
        AccessScope scope = view.scope(0, 64, MapMode.READ_WRITE);
        assertThrows(IndexOutOfBoundsException.class, () -> scope.getLong(57));
        assertThrows(IndexOutOfBoundsException.class, () -> scope.getLong(-1));
        scope.close();
        assertThrows(ClosedException.class, () -> scope.getLong(0));
        assertThrows(IndexOutOfBoundsException.class, () -> view.scope((1 << 20) - 8, 16, MapMode.READ_ONLY));
    }

    @Test
    void refusalsKeepTheirOrderReadOnlyThenClosedThenBounds() {
        AccessScope reading = view.scope(0, 64, MapMode.READ_ONLY);
        AccessScope writing = view.scope(0, 64, MapMode.READ_WRITE);
        assertThrows(ReadOnlyBufferException.class, () -> reading.putLong(100, 1), "read-only before bounds");
        reading.close();
        writing.close();
        assertThrows(ReadOnlyBufferException.class, () -> reading.putLong(0, 1), "read-only before closed");
        assertThrows(ClosedException.class, () -> reading.getLong(100), "closed before bounds");
        assertThrows(ClosedException.class, () -> writing.putLong(0, 1));
        assertThrows(ClosedException.class, () -> writing.getByte(0));
    }

    /**
     * A scope addresses its range as one piece when all its blocks are adjacent, per run of the
     * 512 pages a map node maps when only those are, else page by page; each way must agree with
     * the view, also for accesses that straddle blocks that are not adjacent.
     */
    @Test
    void scopesAgreeWithTheViewWhetherTheirBlocksAreAdjacentOrNot() {
        DaxFile scattered = store.create("scattered");
        scattered.truncate(8 * BLOCK);
        try (DaxMapping m = scattered.map(0, 8 * BLOCK)) {
            for (int page : new int[] {7, 2, 5, 0, 1, 6, 3, 4}) {
                m.putByte((long) page * BLOCK, (byte) 1);
            }
            checkAgainstTheView(m, 100, 7 * BLOCK);
        }
        DaxFile large = store.create("large");
        long size = 5L << 20;
        large.allocate(0, size);
        try (DaxMapping m = large.map(0, size)) {
            checkAgainstTheView(m, 0, size);
            checkAgainstTheView(m, (2 << 20) - BLOCK - 3, 2 * BLOCK + 16);
            checkAgainstTheView(m, 5, 2 * BLOCK);
        }
    }

    private static void checkAgainstTheView(DaxMapping m, long from, long length) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(from);
        long[] boundaries = {BLOCK, 2 << 20, 4 << 20};
        try (AccessScope scope = m.scope(from, length, MapMode.READ_WRITE)) {
            for (int i = 0; i < 2000; i++) {
                long at = i < 60 ? boundaries[i % 3] - from - 1 - i / 3 % 7 : random.nextLong(length);
                if (at < 0 || at > length - 8) {
                    continue;
                }
                long value = random.nextLong();
                scope.putLong(at, value);
                assertEquals(value, m.getLong(from + at), "scope store at " + at);
                m.putInt(from + at + 2, (int) ~value);
                assertEquals(m.getLong(from + at), scope.getLong(at), "scope load at " + at);
                assertEquals(m.getShort(from + at + 6), scope.getShort(at + 6));
            }
        }
    }

    @Test
    void aBytesStoreCoversAScopeWithinOneBlock() {
        UnsafeAccess.assumeAllowed("a BytesStore");
        try (AccessScope scope = view.scope(2 * BLOCK + 64, 128, MapMode.READ_WRITE)) {
            scope.bytesStore().writeLong(8, 77L);
        }
        assertEquals(77L, view.getLong(2 * BLOCK + 72));
        try (AccessScope wide = view.scope(BLOCK - 8, 16, MapMode.READ_WRITE)) {
            assertThrows(IllegalStateException.class, wide::bytesStore);
        }
    }

    @Test
    void aTruncateWaitsForAnOpenScopeAndRefusesToRunInsideOne() throws Exception {
        AccessScope scope = view.scope(0, BLOCK, MapMode.READ_WRITE);
        scope.putLong(0, 5);
        IllegalStateException inside = assertThrows(IllegalStateException.class, () -> file.truncate(0));
        assertTrue(inside.getMessage().contains("access scope"), inside.getMessage());
        CountDownLatch started = new CountDownLatch(1);
        Thread truncating = new Thread(() -> {
            started.countDown();
            file.truncate(0);
        });
        truncating.start();
        started.await();
        truncating.join(300);
        assertTrue(truncating.isAlive(), "the truncate must wait for the open scope");
        assertEquals(5, scope.getLong(0), "the scope's block is still there");
        scope.close();
        truncating.join(10_000);
        assertFalse(truncating.isAlive());
        assertEquals(0, file.size());
        assertThrows(IndexOutOfBoundsException.class, () -> view.getLong(0));
    }
}
