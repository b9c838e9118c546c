package org.daxstore.fs;

import org.daxstore.CorruptStoreException;
import org.daxstore.alloc.BlockAllocator;
import org.daxstore.format.Layout;
import org.daxstore.journal.MetadataTransaction;
import org.daxstore.media.Medium;
import org.daxstore.media.Memory;

/**
 * A file's block map: a radix tree from page number (file offset / block size) to block number,
 * like a CPU page table. Nodes are ordinary blocks holding {@code blockSize / 8} little-endian
 * block numbers; 0 marks a hole. A tree of height {@code h} maps the pages below
 * {@code (blockSize / 8)^h}; height 0 means the root is itself the data block of page 0, so a
 * one-block file needs no node. The tree grows upwards: a new root takes the old one in slot 0.
 *
 * <p>{@link #lookup} runs without locks, concurrently with operations that add blocks, and reads
 * pointers with acquire loads; the transaction applies words with release stores in the order
 * they were logged. Operations log a new node's contents before the pointer that links it, and
 * a data block is zeroed before it is linked, so a lock-free reader sees either a hole or a
 * zeroed block, never garbage. Every pointer read from media is bounds-checked before it is
 * followed.
 */
public final class BlockMap {
    private final Medium medium;
    private final Layout layout;
    private final MetadataTransaction tx;
    private final BlockAllocator allocator;
    private final int pointerShift;
    private final int slotMask;
    /** The container's path, for messages. */
    private final String container;

    public BlockMap(Medium medium, Layout layout, MetadataTransaction tx, BlockAllocator allocator, String container) {
        this.container = container;
        this.medium = medium;
        this.layout = layout;
        this.tx = tx;
        this.allocator = allocator;
        this.pointerShift = layout.pointerShift();
        this.slotMask = layout.pointersPerBlock() - 1;
    }

    /** Packs a root block number and a height into the one word a reader loads atomically. */
    public static long pack(long root, int height) {
        return root << 8 | height;
    }

    public static long root(long map) {
        return map >>> 8;
    }

    public static int height(long map) {
        return (int) (map & 0xFF);
    }

    /** The smallest height whose tree maps every page of a file of the largest size. */
    public static int maxHeight(Layout layout) {
        return Layout.maxMapHeight(layout.blockShift());
    }

    private long capacity(int height) {
        int bits = height * pointerShift;
        return bits >= 63 ? Long.MAX_VALUE : 1L << bits;
    }

    /** The block holding {@code page} of the file, or 0 for a hole. Lock-free; reads media directly. */
    public long lookup(FileNode node, long page) {
        long map = node.map;
        long block = root(map);
        int height = height(map);
        if (block == 0 || page >= capacity(height)) {
            return 0;
        }
        for (int level = height; level > 0; level--) {
            long slotOffset = slotOffset(block, page, level);
            block = Memory.getLongAcquire(medium.address(slotOffset));
            if (block == 0) {
                return 0;
            }
            checkPointer(node, block, slotOffset);
        }
        return block;
    }

    /**
     * The block holding {@code page}, allocating it (and any node on the way) in the open
     * transaction if the page is a hole, for a caller about to write it. Works on a working copy
     * of the node.
     */
    public long lookupOrAllocate(FileNode working, long page) {
        return lookupOrAllocate(working, page, true);
    }

    /**
     * As {@link #lookupOrAllocate(FileNode, long)}; {@code touched} false for a data block that
     * only reserves the page ({@code DaxFile.allocate}): {@link BlockAllocator#allocateUntouched}.
     */
    public long lookupOrAllocate(FileNode working, long page, boolean touched) {
        reach(working, page);
        long root = root(working.map);
        int height = height(working.map);
        if (root == 0) {
            root = height == 0 && !touched ? allocateUntouchedFor(working) : allocateFor(working);
            working.map = pack(root, height);
        }
        long block = root;
        for (int level = height; level > 0; level--) {
            long slotOffset = slotOffset(block, page, level);
            long child = tx.getLong(slotOffset);
            if (child == 0) {
                child = level == 1 && !touched ? allocateUntouchedFor(working) : allocateFor(working);
                tx.putLong(slotOffset, child);
            } else {
                checkPointer(working, child, slotOffset);
            }
            block = child;
        }
        return block;
    }

    /**
     * Grows the map of the working copy until it is tall enough to hold {@code page}, with its
     * root node allocated if it has one. Allocating the blocks of a range after this gives them
     * consecutive blocks where the allocator has them, with no map node between the first and
     * the second (the first page of a file is its own root until the map grows).
     */
    public void reach(FileNode working, long page) {
        long root = root(working.map);
        int height = height(working.map);
        while (page >= capacity(height)) {
            if (root != 0) {
                long newRoot = allocateFor(working);
                tx.putLong(layout.blockOffset(newRoot), root);
                root = newRoot;
            }
            height++;
        }
        if (root == 0 && height > 0) {
            root = allocateFor(working);
        }
        working.map = pack(root, height);
    }

    /** The block holding {@code page} as the open transaction sees it, or 0 for a hole. */
    public long lookupInTransaction(FileNode working, long page) {
        long block = root(working.map);
        int height = height(working.map);
        if (block == 0 || page >= capacity(height)) {
            return 0;
        }
        for (int level = height; level > 0; level--) {
            long slotOffset = slotOffset(block, page, level);
            block = tx.getLong(slotOffset);
            if (block == 0) {
                return 0;
            }
            checkPointer(working, block, slotOffset);
        }
        return block;
    }

    /** Frees the blocks of pages {@code [firstPage, endPage)} and every node left empty, in the open transaction. */
    public void free(FileNode working, long firstPage, long endPage) {
        long root = root(working.map);
        int height = height(working.map);
        long end = Math.min(endPage, capacity(height));
        if (root == 0 || firstPage >= end) {
            return;
        }
        if (freeSubtree(working, root, height, 0, firstPage, end)) {
            working.map = pack(0, 0);
        }
    }

    /**
     * Frees the part of the subtree at {@code block} (of {@code level}, mapping pages from
     * {@code base}) that falls in {@code [first, end)}; true if the whole subtree was freed.
     */
    private boolean freeSubtree(FileNode working, long block, int level, long base, long first, long end) {
        if (level == 0) {
            freeFor(working, block);
            return true;
        }
        long span = 1L << ((level - 1) * pointerShift);
        long low = Math.max(first, base);
        long high = Math.min(end, base + (span << pointerShift));
        int firstSlot = (int) ((low - base) / span);
        int lastSlot = (int) ((high - 1 - base) / span);
        // A node the range covers whole is freed with its slots as they are: nothing can reach
        // it once its parent's slot is cleared, and leaving them keeps the transaction (and the
        // journal, Layout.requiredJournalBytes) to the slots of the partly covered nodes.
        boolean coveredWhole = low == base && high == base + (span << pointerShift);
        if (coveredWhole) {
            // Before its children: a map grown in one go allocated each node before the blocks
            // below it, so the blocks are freed in ascending order, which the allocator's sort
            // of them then only checks.
            freeFor(working, block);
        }
        if (level == 1) {
            freeDataSlots(working, block, firstSlot, lastSlot, !coveredWhole);
        } else {
            for (int slot = firstSlot; slot <= lastSlot; slot++) {
                long child = childInTransaction(working, block, slot);
                if (child != 0 && freeSubtree(working, child, level - 1, base + slot * span, first, end) && !coveredWhole) {
                    tx.putLong(slotAt(block, slot), 0);
                }
            }
        }
        if (coveredWhole) {
            return true;
        }
        if (isEmptyNode(block)) {
            freeFor(working, block);
            return true;
        }
        return false;
    }

    /**
     * Frees the data blocks of slots {@code [firstSlot, lastSlot]} of leaf node {@code leaf}, in
     * runs of consecutive blocks ({@link BlockAllocator#freeRun}: a word of the bitmap at a time,
     * which a file allocated in one go makes of nearly all of them), clearing the slots if
     * {@code clearSlots}.
     */
    private void freeDataSlots(FileNode working, long leaf, int firstSlot, int lastSlot, boolean clearSlots) {
        long runStart = 0;
        long runEnd = 0;
        for (int slot = firstSlot; slot <= lastSlot; slot++) {
            long child = childInTransaction(working, leaf, slot);
            if (child == 0) {
                continue;
            }
            if (child != runEnd) {
                freeRunFor(working, runStart, runEnd);
                runStart = child;
            }
            runEnd = child + 1;
            if (clearSlots) {
                tx.putLong(slotAt(leaf, slot), 0);
            }
        }
        freeRunFor(working, runStart, runEnd);
    }

    /**
     * Lowers the working copy's map to {@code height}, freeing the roots above it: the undo of
     * {@link #reach} once the blocks it made room for are freed again, so that every slot of
     * those roots but slot 0 is a hole. Stops at a root that maps anything beyond slot 0.
     */
    public void lower(FileNode working, int height) {
        long root = root(working.map);
        int level = height(working.map);
        while (level > height) {
            long child = 0;
            if (root != 0) {
                long slot0 = layout.blockOffset(root);
                if (mapsBeyondSlot0(root)) {
                    break;
                }
                child = tx.getLong(slot0);
                if (child != 0) {
                    checkPointer(working, child, slot0);
                }
                freeFor(working, root);
            }
            root = child;
            level--;
        }
        working.map = pack(root, level);
    }

    private boolean mapsBeyondSlot0(long block) {
        long base = layout.blockOffset(block);
        for (int slot = 1; slot <= slotMask; slot++) {
            if (tx.getLong(base + (long) slot * Long.BYTES) != 0) {
                return true;
            }
        }
        return false;
    }

    private boolean isEmptyNode(long block) {
        long base = layout.blockOffset(block);
        for (int slot = 0; slot <= slotMask; slot++) {
            if (tx.getLong(base + (long) slot * Long.BYTES) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Visits every block of the file, nodes and data, reading media directly.
     *
     * @throws CorruptStoreException if the map reaches more blocks than the data region holds:
     *     then it reaches some block twice, and a map whose nodes point at each other would make
     *     the walk exponential
     */
    public void forEachBlock(FileNode node, BlockVisitor visitor) {
        long map = node.map;
        if (root(map) != 0) {
            visit(node, root(map), height(map), 0, visitor, new long[] {layout.dataBlockCount()});
        }
    }

    private void visit(FileNode node, long block, int level, long base, BlockVisitor visitor, long[] budget) {
        if (--budget[0] < 0) {
            throw new CorruptStoreException(container + ": file " + FileNames.quote(node.name) + " (inode " + node.inode + "): its block map reaches"
                    + " more blocks than the " + layout.dataBlockCount() + " data blocks, so it reaches some twice");
        }
        visitor.visit(block, level, base);
        if (level == 0) {
            return;
        }
        long span = 1L << ((level - 1) * pointerShift);
        for (int slot = 0; slot <= slotMask; slot++) {
            long slotOffset = layout.blockOffset(block) + (long) slot * Long.BYTES;
            long child = Memory.getLongAcquire(medium.address(slotOffset));
            if (child != 0) {
                checkPointer(node, child, slotOffset);
                visit(node, child, level - 1, base + slot * span, visitor, budget);
            }
        }
    }

    /** Receives the blocks of a file: {@code level} 0 is a data block for page {@code firstPage}. */
    @FunctionalInterface
    public interface BlockVisitor {
        void visit(long block, int level, long firstPage);
    }

    private long allocateFor(FileNode working) {
        long block = allocator.allocate();
        working.allocatedBlocks++;
        return block;
    }

    private long allocateUntouchedFor(FileNode working) {
        long block = allocator.allocateUntouched();
        working.allocatedBlocks++;
        return block;
    }

    /** The container offset of slot {@code slot} of node {@code node}. */
    private long slotAt(long node, int slot) {
        return layout.blockOffset(node) + (long) slot * Long.BYTES;
    }

    /** The pointer in slot {@code slot} of node {@code node} as the open transaction sees it, checked; 0 for a hole. */
    private long childInTransaction(FileNode working, long node, int slot) {
        long slotOffset = slotAt(node, slot);
        long child = tx.getLong(slotOffset);
        if (child != 0) {
            checkPointer(working, child, slotOffset);
        }
        return child;
    }

    private void freeRunFor(FileNode working, long from, long to) {
        allocator.freeRun(from, to);
        working.allocatedBlocks -= to - from;
    }

    private void freeFor(FileNode working, long block) {
        allocator.free(block);
        working.allocatedBlocks--;
    }

    private long slotOffset(long node, long page, int level) {
        int slot = (int) (page >>> ((level - 1) * pointerShift)) & slotMask;
        return layout.blockOffset(node) + (long) slot * Long.BYTES;
    }

    private void checkPointer(FileNode node, long block, long slotOffset) {
        if (!layout.isDataBlock(block)) {
            throw new CorruptStoreException(container + ": file " + FileNames.quote(node.name) + " (inode " + node.inode + "): block-map slot at offset "
                    + slotOffset + " points to block " + block + ", outside the data blocks ["
                    + layout.firstDataBlock() + ", " + layout.blockCount() + ")");
        }
    }
}
