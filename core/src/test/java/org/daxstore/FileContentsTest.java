package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Truncate, punch, allocate and zero-range: what they promise about bytes and blocks. */
class FileContentsTest {
    private static final int BLOCK = 4096;
    private Path path;
    private DaxStore store;
    private DaxFile file;

    @BeforeEach
    void open() {
        path = TempStores.newContainerPath("contents-");
        store = DaxStore.open(path, StoreOptions.capacity(16 << 20));
        file = store.create("f");
    }

    @AfterEach
    void close() {
        store.close();
        TempStores.delete(path);
    }

    private static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed + i * 13 + 1);
        }
        return bytes;
    }

    private byte[] readAll() {
        byte[] bytes = new byte[(int) file.size()];
        if (bytes.length > 0) {
            assertEquals(bytes.length, file.read(0, bytes));
        }
        return bytes;
    }

    @Test
    void shrinkingFreesBlocksAndGrowingAgainReadsZerosPastTheOldEnd() {
        file.write(0, pattern(5 * BLOCK, 1));
        long freeBefore = store.info().freeBlocks();
        file.truncate(BLOCK + 100);
        assertEquals(freeBefore + 4 - 1, store.info().freeBlocks(), "four data blocks freed, the map node goes too");
        file.truncate(3 * BLOCK);
        byte[] expected = new byte[3 * BLOCK];
        System.arraycopy(pattern(5 * BLOCK, 1), 0, expected, 0, BLOCK + 100);
        assertArrayEquals(expected, readAll(), "bytes past the shrunken end read as zeros (invariant 4)");
        assertTrue(store.check().isConsistent(), store.check().toString());
    }

    @Test
    void writingPastTheEndZeroesTheGapInTheOldLastBlock() {
        file.write(0, pattern(BLOCK, 2));
        file.truncate(10);
        file.write(3000, new byte[] {9});
        byte[] expected = new byte[3001];
        System.arraycopy(pattern(BLOCK, 2), 0, expected, 0, 10);
        expected[3000] = 9;
        assertArrayEquals(expected, readAll());
    }

    @Test
    void punchingFreesWholeBlocksZeroesPartialEndsAndKeepsTheSize() {
        byte[] data = pattern(6 * BLOCK, 3);
        file.write(0, data);
        long freeBefore = store.info().freeBlocks();
        file.punchHole(BLOCK - 10, 3 * BLOCK + 20);
        assertEquals(6 * BLOCK, file.size());
        assertEquals(freeBefore + 3, store.info().freeBlocks(), "blocks 1..3 lie wholly inside the hole");
        Arrays.fill(data, BLOCK - 10, 4 * BLOCK + 10, (byte) 0);
        assertArrayEquals(data, readAll());
        file.punchHole(0, 100 * BLOCK);
        assertArrayEquals(new byte[6 * BLOCK], readAll());
        assertEquals(0, file.stat().allocatedBytes(), "a file punched whole holds no blocks");
        assertTrue(store.check().isConsistent(), store.check().toString());
    }

    @Test
    void punchingThePartialLastBlockAtTheEndFreesIt() {
        file.write(0, pattern(BLOCK + 100, 4));
        assertEquals(3 * BLOCK, file.stat().allocatedBytes(), "two data blocks and a map node");
        file.punchHole(BLOCK, 100);
        assertEquals(2 * BLOCK, file.stat().allocatedBytes(), "the partial last block is freed, not zeroed");
        assertEquals(BLOCK + 100, file.size());
    }

    @Test
    void allocateGrowsAndBacksWithoutChangingData() {
        file.write(0, pattern(100, 5));
        file.allocate(50, 3 * BLOCK);
        assertEquals(50 + 3 * BLOCK, file.size());
        byte[] expected = new byte[50 + 3 * BLOCK];
        System.arraycopy(pattern(100, 5), 0, expected, 0, 100);
        assertArrayEquals(expected, readAll());
        assertEquals(5 * BLOCK, file.stat().allocatedBytes(), "four data blocks and one map node");
    }

    @Test
    void zeroRangeZeroesAllocatesAndGrows() {
        file.write(0, pattern(2 * BLOCK, 6));
        file.zeroRange(100, 3 * BLOCK);
        assertEquals(100 + 3 * BLOCK, file.size());
        byte[] expected = new byte[100 + 3 * BLOCK];
        System.arraycopy(pattern(2 * BLOCK, 6), 0, expected, 0, 100);
        assertArrayEquals(expected, readAll());
        assertEquals(5 * BLOCK, file.stat().allocatedBytes());
    }

    @Test
    void blocksFreedByOneFileReadAsZerosInTheNext() {
        byte[] secret = pattern(8 * BLOCK, 7);
        file.write(0, secret);
        store.delete("f");
        try (DaxFile next = store.create("next")) {
            next.allocate(0, 8 * BLOCK);
            byte[] read = new byte[8 * BLOCK];
            next.read(0, read);
            assertArrayEquals(new byte[8 * BLOCK], read, "no data leaks between files (invariant 5)");
        }
    }

    @Test
    void deepBlockMapsGrowAndShrink() {
        long[] offsets = {0, 511L * BLOCK, 512L * BLOCK, 262_144L * BLOCK, 262_145L * BLOCK + 17};
        for (int i = 0; i < offsets.length; i++) {
            file.write(offsets[i], pattern(64, i));
        }
        assertTrue(store.check().isConsistent(), store.check().toString());
        for (int i = 0; i < offsets.length; i++) {
            byte[] back = new byte[64];
            file.read(offsets[i], back);
            assertArrayEquals(pattern(64, i), back, "offset " + offsets[i]);
        }
        long free = store.info().freeBlocks();
        file.truncate(600L * BLOCK);
        assertTrue(store.info().freeBlocks() > free);
        assertTrue(store.check().isConsistent(), store.check().toString());
        file.truncate(0);
        assertEquals(0, file.stat().allocatedBytes());
        assertTrue(store.check().isConsistent(), store.check().toString());
    }

    @Test
    void largeWritesCommitInStepsAndReadBack() {
        byte[] data = pattern(3 << 20, 8);
        file.write(12345, data);
        byte[] back = new byte[data.length];
        assertEquals(data.length, file.read(12345, back));
        assertArrayEquals(data, back);
        assertTrue(store.check().isConsistent(), store.check().toString());
    }
}
