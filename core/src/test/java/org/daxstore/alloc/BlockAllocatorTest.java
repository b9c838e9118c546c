package org.daxstore.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.daxstore.CorruptStoreException;
import org.daxstore.StoreFullException;
import org.daxstore.format.Layout;
import org.daxstore.journal.MetadataTransaction;
import org.daxstore.media.HeapMedium;
import org.daxstore.media.Memory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlockAllocatorTest {
    private final Layout layout = Layout.forCapacity(256L << 12, 12, 16);
    private HeapMedium medium;
    private MetadataTransaction tx;
    private BlockAllocator allocator;

    @BeforeEach
    void setUp() {
        medium = new HeapMedium((int) layout.containerSize());
        for (long block = 0; block < layout.firstDataBlock(); block++) {
            long word = layout.bitmapWordOffset(block);
            Memory.putLong(medium.address(word), Memory.getLong(medium.address(word)) | 1L << (block & 63));
        }
        tx = new MetadataTransaction(medium, layout, 0);
        allocator = BlockAllocator.load(medium, layout, tx, "heap");
    }

    @Test
    void everyDataBlockIsHandedOutOnceThenTheStoreIsFull() {
        Set<Long> seen = new HashSet<>();
        tx.begin();
        for (long i = 0; i < layout.dataBlockCount(); i++) {
            long block = allocator.allocate();
            assertTrue(layout.isDataBlock(block), "block " + block);
            assertTrue(seen.add(block), "block " + block + " handed out twice");
        }
        assertThrows(StoreFullException.class, allocator::allocate);
        tx.commit();
        allocator.committed();
        assertEquals(0, allocator.freeBlocks());
    }

    @Test
    void aReusedBlockReadsAsZerosEvenWhenItsStorageWasNotPunched() {
        tx.begin();
        long block = allocator.allocate();
        tx.commit();
        allocator.committed();
        long address = medium.address(layout.blockOffset(block));
        Memory.fill(address, layout.blockSize(), (byte) 0x5A);

        tx.begin();
        allocator.free(block);
        tx.commit();
        allocator.committed();
        long reused = -1;
        tx.begin();
        for (long i = 0; i < layout.dataBlockCount() && reused != block; i++) {
            reused = allocator.allocate();
        }
        tx.commit();
        allocator.committed();
        assertEquals(block, reused);
        for (int i = 0; i < layout.blockSize(); i++) {
            assertEquals(0, Memory.getByte(address + i), "byte " + i + " of a reused block (invariant 5)");
        }
    }

    /** The warm pool: freed blocks come back first, in ascending order, zeroed (invariant 5). */
    @Test
    void freedBlocksAreHandedOutAgainFirstInOrderAndZeroed() {
        long[] blocks = new long[10];
        tx.begin();
        for (int i = 0; i < blocks.length; i++) {
            allocator.allocate(); // a gap before each kept block, so the reuse order is the pool's, not the scan's
            blocks[i] = allocator.allocate();
        }
        tx.commit();
        allocator.committed();
        tx.begin();
        for (int i = blocks.length - 1; i >= 0; i--) {
            Memory.fill(medium.address(layout.blockOffset(blocks[i])), layout.blockSize(), (byte) 0x5A);
            allocator.free(blocks[i]);
        }
        tx.commit();
        allocator.committed();
        tx.begin();
        for (long expected : blocks) {
            long block = allocator.allocate();
            assertEquals(expected, block, "a warm block, lowest first");
            long address = medium.address(layout.blockOffset(block));
            for (int i = 0; i < layout.blockSize(); i++) {
                assertEquals(0, Memory.getByte(address + i), "byte " + i + " of reused block " + block);
            }
        }
        tx.commit();
        allocator.committed();
    }

    @Test
    void rollbackForgetsAllocationsAndKeepsFreedBlocksInUse() {
        long free = allocator.freeBlocks();
        tx.begin();
        long kept = allocator.allocate();
        tx.commit();
        allocator.committed();

        tx.begin();
        allocator.allocate();
        allocator.allocate();
        allocator.free(kept);
        tx.abort();
        allocator.rolledBack();
        assertEquals(free - 1, allocator.freeBlocks());
        long word = Memory.getLong(medium.address(layout.bitmapWordOffset(kept)));
        assertNotEquals(0, word & (1L << (kept & 63)), "the block freed by the aborted transaction is still in use");
    }

    @Test
    void freeingAFreeOrMetadataBlockIsReportedAsCorruption() {
        tx.begin();
        assertThrows(CorruptStoreException.class, () -> allocator.free(layout.firstDataBlock()));
        assertThrows(CorruptStoreException.class, () -> allocator.free(0));
        tx.abort();
    }

    @Test
    void aBitmapThatFreesMetadataBlocksIsRefused() {
        Memory.putLong(medium.address(layout.bitmapWordOffset(0)), 0);
        CorruptStoreException e = assertThrows(CorruptStoreException.class,
                () -> BlockAllocator.load(medium, layout, tx, "heap"));
        assertTrue(e.getMessage().contains("metadata"), e.getMessage());
    }

    /**
     * Blocks freed beyond the warm pool are pending until their storage is punched: not counted
     * free, not handed out while free ones remain, and, when none is free and nobody has taken
     * them to punch, reused unpunched (zeroed) rather than reporting the store full.
     */
    @Test
    void pendingBlocksAreReusedZeroedWhenNothingElseIsFree() {
        Layout big = Layout.forCapacity(1024L << 12, 12, 16);
        HeapMedium heap = new HeapMedium((int) big.containerSize());
        for (long block = 0; block < big.firstDataBlock(); block++) {
            long word = big.bitmapWordOffset(block);
            Memory.putLong(heap.address(word), Memory.getLong(heap.address(word)) | 1L << (block & 63));
        }
        MetadataTransaction bigTx = new MetadataTransaction(heap, big, 0);
        BlockAllocator a = BlockAllocator.load(heap, big, bigTx, "heap");
        long data = big.dataBlockCount();
        long warm = BlockAllocator.WARM_POOL_BYTES >>> big.blockShift();
        long[] blocks = new long[(int) data];
        bigTx.begin();
        for (int i = 0; i < data; i++) {
            blocks[i] = a.allocate();
            Memory.fill(heap.address(big.blockOffset(blocks[i])), big.blockSize(), (byte) 0x5A);
        }
        bigTx.commit();
        a.committed();
        bigTx.begin();
        for (long block : blocks) {
            a.free(block);
        }
        bigTx.commit();
        a.committed();
        assertEquals(warm, a.freeBlocks(), "only the warm pool is free at commit");
        assertEquals(data - warm, a.storagePendingBlocks());
        assertTrue(a.hasStoragePending());

        Set<Long> seen = new HashSet<>();
        bigTx.begin();
        for (long i = 0; i < data; i++) {
            long block = a.allocate();
            assertTrue(seen.add(block), "block " + block + " handed out twice");
            long address = heap.address(big.blockOffset(block));
            for (int b = 0; b < big.blockSize(); b += 512) {
                assertEquals(0, Memory.getByte(address + b), "byte " + b + " of reused block " + block);
            }
        }
        assertThrows(StoreFullException.class, a::allocate);
        bigTx.commit();
        a.committed();
        assertEquals(0, a.storagePendingBlocks());
        assertTrue(!a.hasStoragePending());
    }
}
