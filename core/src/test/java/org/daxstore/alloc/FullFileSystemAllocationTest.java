package org.daxstore.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.daxstore.StoreFullException;
import org.daxstore.format.Layout;
import org.daxstore.journal.MetadataTransaction;
import org.daxstore.media.Memory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The allocator on a full file system ({@link BlockAllocator}, "A full file system"): when the
 * next free block cannot be backed, a free block whose storage the container still holds is
 * handed out instead, and {@link StoreFullException} comes only when there is none.
 */
class FullFileSystemAllocationTest {
    private Layout layout = Layout.forCapacity(1024L << 12, 12, 16);
    private SmallFileSystemMedium medium;
    private MetadataTransaction tx;
    private BlockAllocator allocator;

    private void open(long room, boolean canPunch) {
        medium = new SmallFileSystemMedium((int) layout.containerSize(), layout.blockShift(), layout.firstDataBlock(),
                room, canPunch);
        for (long block = 0; block < layout.firstDataBlock(); block++) {
            long word = layout.bitmapWordOffset(block);
            Memory.putLong(medium.address(word), Memory.getLong(medium.address(word)) | 1L << (block & 63));
        }
        tx = new MetadataTransaction(medium, layout, 0);
        allocator = BlockAllocator.load(medium, layout, tx, "heap");
        allocator.assumeFreeBlocksAreHoles();
    }

    /** Allocates until the store refuses, dirtying every block handed out; commits; the blocks. */
    private List<Long> fillUntilFull(Set<Long> inUse) {
        List<Long> blocks = new ArrayList<>();
        tx.begin();
        while (true) {
            long block;
            try {
                block = allocator.allocate();
            } catch (StoreFullException full) {
                break;
            }
            assertTrue(medium.isBacked(block), "block " + block + " was handed out without storage");
            assertTrue(inUse.add(block), "block " + block + " handed out twice");
            assertZeros(block);
            Memory.fill(medium.address(layout.blockOffset(block)), layout.blockSize(), (byte) 0x5A);
            blocks.add(block);
        }
        tx.commit();
        allocator.committed();
        return blocks;
    }

    private void freeAll(List<Long> blocks, Set<Long> inUse) {
        tx.begin();
        for (long block : blocks) {
            allocator.free(block);
            inUse.remove(block);
        }
        tx.commit();
        allocator.committed();
    }

    /** What the store does after the freeing operation, off the critical path. */
    private void returnPendingStorage() {
        StoragePunch punch = allocator.takeStoragePending();
        if (punch != null) {
            punch.run();
        }
        allocator.takeBackReturnedStorage();
    }

    private void assertZeros(long block) {
        long address = medium.address(layout.blockOffset(block));
        for (int i = 0; i < layout.blockSize(); i += 8) {
            assertEquals(0, Memory.getLong(address + i), "bytes " + i + "+8 of block " + block + " handed out (invariant 5)");
        }
    }

    // FAILED BEFORE THE FIX: a punch that did nothing was taken back as "unbacked", and the
    // next-fit cursor went on to never-backed blocks: the refill stopped after the warm pool's 256.
    @ParameterizedTest(name = "storage returned: {0}")
    @ValueSource(booleans = {true, false})
    void whenNothingCanBePunchedTheFreedBlocksAreReusedOnAFullFileSystem(boolean returned) {
        open(600, false);
        Set<Long> inUse = new HashSet<>();
        List<Long> first = fillUntilFull(inUse);
        assertEquals(600, first.size(), "blocks the file system had room for");
        freeAll(first, inUse);
        if (returned) {
            returnPendingStorage(); // the punch does nothing: the blocks come back still backed
        } // else: left pending, untaken, as between another thread's commit and its punch
        List<Long> second = fillUntilFull(inUse);
        assertEquals(600, second.size(), "a refill after freeing everything, with the container holding storage for "
                + "all of it");
        assertEquals(0, medium.room());
        StoreFullException full = assertThrows(StoreFullException.class, this::allocateOne);
        String message = full.getMessage();
        long free = layout.dataBlockCount() - 600;
        assertTrue(message.startsWith("heap: the file system has no room to back 4096 bytes at container offset "), message);
        assertTrue(message.contains("the file system is full"), message);
        assertTrue(message.contains("none of the store's " + free + " free data blocks"), message);
    }

    /** Punched blocks give their storage to the file system: a refill gets it there. */
    @Test
    void whenFreedBlocksArePunchedARefillGetsTheirRoom() {
        open(600, true);
        Set<Long> inUse = new HashSet<>();
        List<Long> first = fillUntilFull(inUse);
        freeAll(first, inUse);
        returnPendingStorage();
        assertEquals(600, fillUntilFull(inUse).size());
    }

    /**
     * The file system is full and the only blocks with storage are being punched by another
     * thread: the allocation waits for them (punched, they give the file system room; not
     * punched, they come back backed) instead of reporting the store full.
     */
    @ParameterizedTest(name = "the file system can punch: {0}")
    @ValueSource(booleans = {true, false})
    void anAllocationWaitsForTheBlocksAnotherThreadIsPunching(boolean canPunch) throws Exception {
        open(600, canPunch);
        Set<Long> inUse = new HashSet<>();
        List<Long> first = fillUntilFull(inUse);
        freeAll(first, inUse);
        StoragePunch punch = allocator.takeStoragePending(); // taken by the "other thread", not run yet
        assertTrue(punch != null, "blocks beyond the warm pool are pending");
        long warm = BlockAllocator.WARM_POOL_BYTES >>> layout.blockShift();
        tx.begin();
        for (long i = 0; i < warm; i++) {
            assertTrue(medium.isBacked(allocator.allocate()), "a warm block has storage");
        }
        Thread puncher = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            punch.run();
        }, "puncher");
        puncher.start();
        long block = allocator.allocate(); // nothing free has storage, nothing untaken: waits for the puncher
        assertTrue(medium.isBacked(block), "block " + block + " was handed out without storage");
        tx.commit();
        allocator.committed();
        puncher.join(30_000);
    }

    private void allocateOne() {
        tx.begin();
        try {
            allocator.allocate();
        } finally {
            tx.abort();
            allocator.rolledBack();
        }
    }

    /**
     * Seeded random allocations, frees, rollbacks, punches (or none, or left pending) and changes
     * of the file system's room by other users: every block handed out has storage and reads as
     * zeros, none is handed out twice, and {@link StoreFullException} comes only when no block
     * the store counts free (pending included) has storage and the file system has no room.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void aFullStoreIsReportedOnlyWhenNoFreeBlockHasStorage(long seed) {
        Random random = new Random(seed);
        layout = Layout.forCapacity(512L << 14, 14, 16); // 16 KiB blocks: a warm pool of 64, so frees outgrow it
        open(50 + random.nextInt(400), seed % 2 == 0);
        Set<Long> inUse = new HashSet<>();
        List<Long> owned = new ArrayList<>();
        for (int op = 0; op < 400; op++) {
            String where = "seed " + seed + ", op " + op;
            switch (random.nextInt(5)) {
                case 0, 1 -> {
                    int count = 1 + random.nextInt(64);
                    List<Long> taken = new ArrayList<>();
                    tx.begin();
                    for (int i = 0; i < count; i++) {
                        long block;
                        try {
                            block = allocator.allocate();
                        } catch (StoreFullException full) {
                            assertNoHeldStorage(inUse, taken, where + ": " + full.getMessage());
                            break;
                        }
                        assertTrue(medium.isBacked(block), where + ": block " + block + " handed out without storage");
                        assertTrue(inUse.add(block) && taken.add(block), where + ": block " + block + " handed out twice");
                        assertZeros(block);
                        Memory.fill(medium.address(layout.blockOffset(block)), layout.blockSize(), (byte) 0x5A);
                    }
                    if (random.nextInt(4) == 0) {
                        tx.abort();
                        allocator.rolledBack();
                        inUse.removeAll(taken);
                    } else {
                        tx.commit();
                        allocator.committed();
                        owned.addAll(taken);
                    }
                }
                case 2 -> {
                    java.util.Collections.shuffle(owned, random);
                    List<Long> freed = new ArrayList<>(owned.subList(0, Math.min(owned.size(), random.nextInt(200))));
                    owned.removeAll(freed);
                    freeAll(freed, inUse);
                    if (random.nextInt(3) != 0) {
                        returnPendingStorage();
                    }
                }
                case 3 -> medium.setRoom(random.nextInt(3) == 0 ? 0 : medium.room() + random.nextInt(40));
                default -> medium.setRoom(0);
            }
        }
    }

    /** The store said full: no block outside {@code inUse} may have storage, and there is no room. */
    private void assertNoHeldStorage(Set<Long> inUse, List<Long> takenInThisTransaction, String where) {
        assertEquals(0, medium.room(), where + ": StoreFullException with room on the file system");
        for (long block = layout.firstDataBlock(); block < layout.blockCount(); block++) {
            if (!inUse.contains(block) && medium.isBacked(block)) {
                throw new AssertionError(where + ": StoreFullException while free block " + block + " has storage ("
                        + takenInThisTransaction.size() + " taken in this transaction)");
            }
        }
    }
}
