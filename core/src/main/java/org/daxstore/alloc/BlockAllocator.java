package org.daxstore.alloc;

import org.daxstore.CorruptStoreException;
import org.daxstore.StoreFullException;
import org.daxstore.format.Layout;
import org.daxstore.journal.MetadataTransaction;
import org.daxstore.media.Medium;
import org.daxstore.media.Memory;

/**
 * Hands out and takes back data blocks. The allocation bitmap on media is the record of which
 * blocks are in use; this class keeps an in-memory copy to search, plus facts the media does
 * not record:
 * <ul>
 *   <li>a block allocated by the open transaction is in use here before the bitmap says so, and
 *       a block freed by it stays in use here until the transaction commits, so that a rollback
 *       only has to undo the in-memory side;</li>
 *   <li>whether storage backs a free block. Blocks are punched out of the container when freed
 *       (their storage goes back to the file system) and preallocated again before they are
 *       handed out, so that a store to a block can never fault for lack of space: a full file
 *       system shows up here, as {@link StoreFullException}, not as SIGBUS later;</li>
 *   <li>the <em>warm pool</em>: up to {@value #WARM_POOL_BYTES} bytes of freed blocks are kept,
 *       backed and mapped, instead of punched, and are handed out before any other. A punched
 *       page comes back from the file system as a new page, and the first store to it pays a
 *       page fault in the kernel (and, in a VM, in the hypervisor): 5 us or more a page here,
 *       against about 0.1 us to zero a warm 4 KiB block. So a file that is truncated and
 *       regrown, or deleted and replaced, costs no fault, and at most this much storage is held
 *       for free blocks; {@link #releaseWarmPool} gives it back at close;</li>
 *   <li>the blocks whose storage is <em>pending</em>: freed by a committed transaction, beyond
 *       what the warm pool keeps, and not punched yet.</li>
 * </ul>
 *
 * <h2>Storage returned off the critical path</h2>
 * A commit makes no system call. The blocks it frees go to the warm pool, allocatable at once, or
 * to the storage-pending list: free on media, but still in use here (not counted by
 * {@link #freeBlocks}), so nothing hands them out. Once the metadata lock is released (and never
 * inside a file's seqtex write section: the store's {@code Volume.returnFreedStorage}), the
 * committing thread takes the list under the lock ({@link #takeStoragePending}), punches it
 * without the lock ({@link StoragePunch#run}), and under the lock again marks the blocks free,
 * unbacked and zeroed if the punch made holes ({@link #takeBackReturnedStorage}). So view faults
 * of the file and the store's other metadata operations never wait for {@code fallocate}.
 * <ul>
 *   <li>A block is never handed out while its storage is being punched: it is in use here until it
 *       is taken back. An allocation that finds no free block first takes back what has been
 *       returned, then reuses the pending blocks no thread has taken yet (they are still backed,
 *       and are zeroed like any block of unknown contents), then waits, at most
 *       {@value #RETURN_WAIT_SECONDS} s, for the blocks other threads are punching. Those threads
 *       return them ({@link StorageReturns}) without the metadata lock the waiting allocation
 *       holds, so the wait cannot deadlock. Only a store with nothing free, pending or in flight
 *       is full.</li>
 *   <li>A punch that does nothing (a file system that cannot punch, as without the native
 *       bridge, or a device) says so, and its blocks are taken back as free, still backed and
 *       not zeroed. A punch that fails does not lose its blocks: they are taken back as free,
 *       unbacked and not zeroed, so they are preallocated (which also backs whatever part the
 *       failed punch did return) and zeroed before they are handed out.</li>
 *   <li>A crash between the commit and the punch loses nothing. The bitmap on media said free at
 *       the commit, as it always did; and the next open ({@link #load}) takes every free block as
 *       unbacked and of unknown contents, so a block that kept its storage and old bytes is
 *       preallocated (a no-op on storage already there) and zeroed before it is used. The storage
 *       it holds goes back to the file system when the block is next freed or, if it stays free,
 *       never: a leak of storage only, at most the blocks freed by the operations running at the
 *       crash, as with the warm pool.</li>
 * </ul>
 * Every block handed out reads as zeros: a file never sees another file's old bytes. A block
 * known to be a hole (punched, or never written since format) reads as zeros once preallocated,
 * as fallocate guarantees; any other block is zeroed here, and the zeros are made durable before
 * the transaction that links it commits. Skipping the memset where it is not needed matters: on
 * tmpfs the first touch of each page of a fresh block costs a kernel page fault.
 *
 * <h2>A full file system</h2>
 * The next free block (next-fit from a cursor, so that files get runs of adjacent blocks) may
 * have no storage behind it: a hole since format, or punched. When the file system has no room
 * to back it, the store is not full if the container still holds storage for other free
 * blocks: blocks whose punch did nothing, blocks backed ahead of use by a run, blocks of a
 * rolled-back transaction. So the allocation then takes, in order, a free block known to be
 * backed (searched from the cursor, which moves there), the pending blocks nobody has taken (as
 * above: still backed), and, waiting for them as above, the blocks other threads are punching
 * (punched, they give the file system room; not punched, they come back backed). Only with
 * none of those is it {@link StoreFullException}, naming the container, the free blocks and the
 * range the file system had no room for. The knowledge is this open's: {@link #load} takes
 * every free block as unbacked, so storage a container kept for free blocks across a close (a
 * file system that cannot punch, or a crash before the punch) is found again only as the
 * cursor reaches those blocks and backing them costs the file system nothing.
 *
 * <p>Not thread-safe, except {@link #hasStoragePending} and {@link StoragePunch#run}: the store
 * calls it under its metadata lock, inside a transaction for {@link #allocate} and {@link #free}.
 */
public final class BlockAllocator {
    /** Preallocation backs runs of free blocks up to this many bytes, to save system calls. */
    private static final long PREALLOCATE_RUN_BYTES = 1 << 20;
    /** Storage kept for freed blocks instead of punched: see the class comment. */
    public static final long WARM_POOL_BYTES = 1 << 20;
    /**
     * How long an allocation that finds the store full waits for blocks other threads are
     * punching: a punch is one system call per run, so this is only reached if the file system
     * hangs.
     */
    public static final long RETURN_WAIT_SECONDS = 10;

    private final Medium medium;
    private final Layout layout;
    private final MetadataTransaction tx;
    /** The container's path, for messages. */
    private final String container;
    private final long[] inUse;
    private final long[] backed;
    private final long[] zeroed;
    private final LongList allocatedInTx = new LongList();
    private final LongList freedInTx = new LongList();
    /** Free, backed, dirty blocks to hand out first; the last pushed is the warmest. */
    private final long[] warm;
    private int warmCount;
    /** Freed by committed transactions, storage not punched yet, in use here: see the class comment. */
    private LongList storagePending = new LongList();
    /** The size of {@code storagePending}, for {@link #hasStoragePending} without the lock. */
    private volatile int storagePendingCount;
    private final StorageReturns returns = new StorageReturns();
    private long freeBlocks;
    private int cursorWord;

    private BlockAllocator(Medium medium, Layout layout, MetadataTransaction tx, String container) {
        this.container = container;
        this.medium = medium;
        this.layout = layout;
        this.tx = tx;
        int words = (int) ((layout.blockCount() + 63) >>> 6);
        this.inUse = new long[words];
        this.backed = new long[words];
        this.zeroed = new long[words];
        this.warm = new long[(int) (WARM_POOL_BYTES >>> layout.blockShift())];
    }

    /**
     * Loads the bitmap from media and checks it against the layout; {@code container} names the
     * container in messages.
     *
     * @throws CorruptStoreException if a metadata block is marked free or a bit beyond the last block is set
     */
    public static BlockAllocator load(Medium medium, Layout layout, MetadataTransaction tx, String container) {
        BlockAllocator allocator = new BlockAllocator(medium, layout, tx, container);
        allocator.loadBitmap();
        return allocator;
    }

    /** Records that every free block is a hole, as in a container formatted sparse a moment ago. */
    public void assumeFreeBlocksAreHoles() {
        for (int w = 0; w < inUse.length; w++) {
            zeroed[w] = ~inUse[w];
        }
    }

    private void loadBitmap() {
        long blockCount = layout.blockCount();
        long used = 0;
        for (int w = 0; w < inUse.length; w++) {
            long word = Memory.getLong(medium.address(layout.bitmapWordOffset((long) w << 6)));
            long firstBlock = (long) w << 6;
            long beyondEnd = firstBlock + 64 > blockCount ? -1L << (blockCount - firstBlock) : 0;
            if ((word & beyondEnd) != 0) {
                throw new CorruptStoreException("allocation bitmap word " + w + " at offset "
                        + layout.bitmapWordOffset(firstBlock) + " marks blocks beyond the last block " + (blockCount - 1));
            }
            long metadata = metadataMask(firstBlock);
            if ((word & metadata) != metadata) {
                throw new CorruptStoreException("allocation bitmap word " + w + " at offset "
                        + layout.bitmapWordOffset(firstBlock) + " marks metadata blocks (below block "
                        + layout.firstDataBlock() + ") as free");
            }
            used += Long.bitCount(word & ~metadata);
            inUse[w] = word | beyondEnd;
            backed[w] = word;
        }
        freeBlocks = layout.dataBlockCount() - used;
    }

    /** The bits of the 64 blocks from {@code firstBlock} that are metadata blocks. */
    private long metadataMask(long firstBlock) {
        long metadataBlocks = layout.firstDataBlock() - firstBlock;
        if (metadataBlocks <= 0) {
            return 0;
        }
        return metadataBlocks >= 64 ? -1L : (1L << metadataBlocks) - 1;
    }

    public long freeBlocks() {
        return freeBlocks;
    }

    /**
     * Takes a free block, backs it with storage, zeroes it and marks it in use in the open
     * transaction, for a caller about to write it (a write, a view's store, a map node): the
     * run of blocks backed with it is also mapped ahead ({@link Medium#prefault}), so that the
     * first touch of each costs no page fault.
     *
     * @throws StoreFullException if no block is free, or the file system has no room to back
     *     one and no free block has storage still (see the class comment); nothing has changed then
     */
    public long allocate() {
        return allocate(true);
    }

    /**
     * As {@link #allocate()}, for a block that nobody touches now ({@code DaxFile.allocate},
     * like {@code fallocate}, only reserves): it is backed, and zeroed if it may hold old bytes,
     * but the run backed with it is not mapped ahead. Backing alone makes every later store safe
     * ({@link Medium#preallocate}); mapping 1 GiB page by page is most of what an allocation of
     * that size would otherwise cost. On tmpfs {@code SEEK_DATA} counts such a block as a hole
     * until it is written, so the next open of a thin container ({@code fs/InUseStorage}) backs
     * and maps the blocks still untouched then, once.
     *
     * @throws StoreFullException as {@link #allocate()} does; nothing has changed then
     */
    public long allocateUntouched() {
        return allocate(false);
    }

    private long allocate(boolean prefault) {
        long block = takeBacked(prefault);
        setBit(inUse, block);
        freeBlocks--;
        allocatedInTx.add(block);

        if (isSet(zeroed, block)) {
            clearBit(zeroed, block);
        } else {
            long offset = layout.blockOffset(block);
            Memory.fill(medium.address(offset), layout.blockSize(), (byte) 0);
            tx.persistBeforeCommit(offset, layout.blockSize());
        }
        long word = layout.bitmapWordOffset(block);
        tx.putLong(word, tx.getLong(word) | bit(block));
        return block;
    }

    /**
     * A free block with storage behind it: the next one, or one whose storage the container
     * holds; {@code prefault} maps what is backed for it ahead.
     */
    private long takeBacked(boolean prefault) {
        if (freeBlocks == 0) {
            reclaimForAllocation();
        }
        long block = warmCount > 0 ? warm[--warmCount] : findFree();
        StoreFullException noRoom = tryBacking(block, prefault);
        return noRoom == null ? block : takeHeldStorage(noRoom);
    }

    /**
     * The file system had no room to back the next free block ({@code noRoom} says where): finds
     * a free block whose storage the container still holds, as {@link #reclaimForAllocation}
     * finds a free block, or throws (see the class comment, "A full file system").
     *
     * @throws StoreFullException if no free, pending or returning block has storage, saying so
     */
    private long takeHeldStorage(StoreFullException noRoom) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(RETURN_WAIT_SECONDS);
        while (true) {
            takeBackReturnedStorage();
            long held = findBackedFree();
            if (held >= 0) {
                return held;
            }
            if (reuseUntakenPending()) {
                continue;
            }
            if (returns.inFlight() == 0 || System.nanoTime() - deadline >= 0) {
                throw fileSystemFull(noRoom);
            }
            returns.awaitReturn(deadline);
            takeBackReturnedStorage();
            if (freeBlocks > 0) {
                // What came back punched gave its storage to the file system: there may be room now.
                long block = findFree();
                StoreFullException again = tryBacking(block, false);
                if (again == null) {
                    return block;
                }
                noRoom = again;
            }
        }
    }

    /** The failure of an allocation that found the file system full and no held storage. */
    private StoreFullException fileSystemFull(StoreFullException noRoom) {
        String prefix = container + ": ";
        String detail = String.valueOf(noRoom.getMessage());
        int inFlight = returns.inFlight();
        return new StoreFullException(prefix + (detail.startsWith(prefix) ? detail.substring(prefix.length()) : detail)
                + ", and none of the store's " + freeBlocks + " free data blocks (of " + layout.dataBlockCount() + ", "
                + layout.blockSize() + " bytes each) has storage the container still holds"
                + (inFlight == 0 ? "" : " (" + inFlight + " freed blocks are having their storage returned by"
                        + " another thread and did not come back within " + RETURN_WAIT_SECONDS + " s)")
                + ": the file system is full; free space on it, or delete files of the store", noRoom);
    }

    /**
     * Marks a block free in the open transaction. It becomes reusable when the transaction commits.
     *
     * @throws CorruptStoreException if the block is not an allocated data block
     */
    public void free(long block) {
        long word = layout.bitmapWordOffset(block);
        if (!layout.isDataBlock(block) || (tx.getLong(word) & bit(block)) == 0) {
            throw new CorruptStoreException("freeing block " + block + ", which is not an allocated data block");
        }
        tx.putLong(word, tx.getLong(word) & ~bit(block));
        freedInTx.add(block);
    }

    /**
     * Marks the blocks {@code [from, to)} free in the open transaction, as {@link #free} does
     * each, a bitmap word at a time: a truncate frees its data blocks in runs of consecutive
     * blocks.
     *
     * @throws CorruptStoreException if a block of the range is not an allocated data block
     */
    public void freeRun(long from, long to) {
        if (from >= to) {
            return;
        }
        if (!layout.isDataBlock(from) || !layout.isDataBlock(to - 1)) {
            throw new CorruptStoreException("freeing blocks [" + from + ", " + to + "), not all of which are data blocks");
        }
        for (int w = (int) (from >>> 6), last = (int) ((to - 1) >>> 6); w <= last; w++) {
            long word = layout.bitmapWordOffset((long) w << 6);
            long mask = BlockRuns.mask(w, from, to);
            long value = tx.getLong(word);
            if ((value & mask) != mask) {
                long notAllocated = ((long) w << 6) + Long.numberOfTrailingZeros(~value & mask);
                throw new CorruptStoreException("freeing block " + notAllocated + ", which is not an allocated data block");
            }
            tx.putLong(word, value & ~mask);
        }
        freedInTx.addRange(from, to);
    }

    /**
     * The open transaction committed: its freed blocks go to the warm pool (free at once) or to
     * the storage-pending list. No system call: see the class comment.
     */
    public void committed() {
        allocatedInTx.clear();
        reclaim(freedInTx);
        freedInTx.clear();
    }

    /** The open transaction was abandoned: forget what it allocated and freed. */
    public void rolledBack() {
        for (int i = allocatedInTx.size() - 1; i >= 0; i--) {
            long block = allocatedInTx.get(i);
            clearBit(inUse, block);
            freeBlocks++;
            if (warmCount < warm.length) {
                warm[warmCount++] = block; // backed by now, zeroed or not: as good as any warm block
            }
        }
        allocatedInTx.clear();
        freedInTx.clear();
    }

    private void reclaim(LongList blocks) {
        if (blocks.size() == 0) {
            return;
        }
        blocks.sort();
        // Pushed from the highest down, so they are handed out in ascending order and a file
        // regrown sequentially gets adjacent blocks again.
        int kept = Math.min(blocks.size(), warm.length - warmCount);
        for (int i = kept - 1; i >= 0; i--) {
            long block = blocks.get(i);
            warm[warmCount++] = block;
            clearBit(inUse, block);
            freeBlocks++;
        }
        for (int i = kept; i < blocks.size(); i++) {
            storagePending.add(blocks.get(i)); // stays in use here until its storage is dealt with
        }
        storagePendingCount = storagePending.size();
    }

    /**
     * Hands the warm pool's blocks over to the storage-pending list (at close: a closed store
     * holds no storage for free blocks beyond what the bitmap says is in use, once the caller has
     * returned the pending storage). The pool is empty afterwards.
     */
    public void releaseWarmPool() {
        for (int i = 0; i < warmCount; i++) {
            setBit(inUse, warm[i]);
            freeBlocks--;
            storagePending.add(warm[i]);
        }
        warmCount = 0;
        storagePendingCount = storagePending.size();
    }

    /** True if blocks wait for their storage to be punched. Safe without the metadata lock (a hint). */
    public boolean hasStoragePending() {
        return storagePendingCount != 0;
    }

    /**
     * Takes the storage-pending list for the caller to punch without the metadata lock, then to
     * take back ({@link #takeBackReturnedStorage}) with it; null if the list is empty. The blocks
     * stay in use here meanwhile.
     */
    public StoragePunch takeStoragePending() {
        if (storagePending.size() == 0) {
            return null;
        }
        LongList blocks = storagePending;
        storagePending = new LongList();
        storagePendingCount = 0;
        blocks.sort();
        returns.taken(blocks.size());
        return new StoragePunch(medium, layout, returns, blocks);
    }

    /**
     * Makes the blocks that punches have returned free: unbacked and zeroed where the punch made
     * holes; still backed, of unknown contents, where it did nothing; unbacked, of unknown
     * contents, where it failed (it may have returned part of their storage).
     */
    public void takeBackReturnedStorage() {
        returns.drain((holes, kept, unknown) -> {
            makeFree(holes, false, true);
            makeFree(kept, true, false);
            makeFree(unknown, false, false);
        });
    }

    /** Makes {@code blocks} free, a run of consecutive blocks at a time ({@link BlockRuns}). */
    private void makeFree(LongList blocks, boolean stillBacked, boolean holes) {
        for (int i = 0; i < blocks.size(); ) {
            int end = blocks.runEnd(i);
            long from = blocks.get(i);
            long to = blocks.get(end - 1) + 1;
            BlockRuns.clear(inUse, from, to);
            if (!stillBacked) {
                BlockRuns.clear(backed, from, to);
            }
            if (holes) {
                BlockRuns.set(zeroed, from, to);
            } else {
                BlockRuns.clear(zeroed, from, to);
            }
            freeBlocks += end - i;
            i = end;
        }
    }

    /**
     * Blocks freed on media whose storage has not been dealt with yet (pending, being punched, or
     * returned and not taken back): with {@link #freeBlocks}, the blocks the bitmap marks free.
     */
    public long storagePendingBlocks() {
        return storagePending.size() + returns.outstanding();
    }

    /**
     * Finds blocks for an allocation that found none free (see the class comment), or throws.
     *
     * @throws StoreFullException if nothing is free, pending or being punched, or what is being
     *     punched did not come back in time
     */
    private void reclaimForAllocation() {
        takeBackReturnedStorage();
        if (freeBlocks == 0) {
            reuseUntakenPending();
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(RETURN_WAIT_SECONDS);
        while (freeBlocks == 0 && returns.inFlight() > 0 && System.nanoTime() - deadline < 0) {
            returns.awaitReturn(deadline);
            takeBackReturnedStorage();
        }
        if (freeBlocks == 0) {
            int inFlight = returns.inFlight();
            throw new StoreFullException(container + ": the store is full: none of its " + layout.dataBlockCount()
                    + " data blocks of " + layout.blockSize() + " bytes is free"
                    + (inFlight == 0 ? "" : " (" + inFlight + " freed blocks are having their storage returned by"
                            + " another thread and did not come back within " + RETURN_WAIT_SECONDS + " s)"));
        }
    }

    /**
     * Makes the storage-pending blocks free, unpunched: nobody has taken them, so nobody is
     * punching them. They are still backed, of unknown contents. False if there were none.
     */
    private boolean reuseUntakenPending() {
        if (storagePending.size() == 0) {
            return false;
        }
        for (int i = 0; i < storagePending.size(); i++) {
            clearBit(inUse, storagePending.get(i));
            freeBlocks++;
        }
        storagePending.clear();
        storagePendingCount = 0;
        return true;
    }

    /** Receives a run of blocks {@code [from, to)}. */
    @FunctionalInterface
    public interface RunVisitor {
        void visit(long from, long to);
    }

    /**
     * Visits the runs of blocks in use (metadata included), in order: the ranges of the
     * container that hold anything, and the only ones that are sure to be backed by storage.
     */
    public void forEachUsedRun(RunVisitor visitor) {
        BlockRuns.forEachSetRun(inUse, 0, layout.blockCount(), visitor);
    }

    private long findFree() {
        for (int i = 0, w = cursorWord; i <= inUse.length; i++, w = (w + 1 == inUse.length ? 0 : w + 1)) {
            long free = ~inUse[w];
            if (free != 0) {
                cursorWord = w;
                return ((long) w << 6) + Long.numberOfTrailingZeros(free);
            }
        }
        throw new IllegalStateException("free block count " + freeBlocks + " disagrees with the bitmap");
    }

    /**
     * A free block known to have storage behind it, searched from the cursor on (which moves to
     * it, so that the next allocations continue there), or -1.
     */
    private long findBackedFree() {
        for (int i = 0, w = cursorWord; i < inUse.length; i++, w = (w + 1 == inUse.length ? 0 : w + 1)) {
            long held = ~inUse[w] & backed[w];
            if (held != 0) {
                cursorWord = w;
                return ((long) w << 6) + Long.numberOfTrailingZeros(held);
            }
        }
        return -1;
    }

    /** {@link #ensureBacked}; the failure if the file system has no room for it. */
    private StoreFullException tryBacking(long block, boolean prefault) {
        try {
            ensureBacked(block, prefault);
            return null;
        } catch (StoreFullException e) {
            return e;
        }
    }

    /**
     * Backs {@code block}, and the free unbacked blocks after it up to a run limit, with storage;
     * with {@code prefault}, maps what it backed ahead of its first touch.
     */
    private void ensureBacked(long block, boolean prefault) {
        if (isSet(backed, block)) {
            return;
        }
        long limit = Math.min(layout.blockCount(), block + Math.max(1, PREALLOCATE_RUN_BYTES >>> layout.blockShift()));
        long end = block + 1;
        while (end < limit && !isSet(inUse, end) && !isSet(backed, end)) {
            end++;
        }
        try {
            medium.preallocate(layout.blockOffset(block), layout.blockOffset(end - block));
        } catch (StoreFullException e) {
            if (end == block + 1) {
                throw e;
            }
            end = block + 1;
            medium.preallocate(layout.blockOffset(block), layout.blockSize());
        }
        for (long b = block; b < end; b++) {
            setBit(backed, b);
        }
        if (prefault) {
            medium.prefault(layout.blockOffset(block), layout.blockOffset(end - block));
        }
    }

    private static long bit(long block) {
        return 1L << (block & 63);
    }

    private static boolean isSet(long[] bits, long block) {
        return (bits[(int) (block >>> 6)] & bit(block)) != 0;
    }

    private static void setBit(long[] bits, long block) {
        bits[(int) (block >>> 6)] |= bit(block);
    }

    private static void clearBit(long[] bits, long block) {
        bits[(int) (block >>> 6)] &= ~bit(block);
    }
}
