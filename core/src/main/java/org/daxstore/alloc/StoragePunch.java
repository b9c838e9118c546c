package org.daxstore.alloc;

import org.daxstore.format.Layout;
import org.daxstore.media.Medium;

/**
 * The storage of a batch of freed blocks, taken from the allocator's storage-pending list
 * ({@link BlockAllocator#takeStoragePending}) to be punched by the thread that took it, outside
 * the metadata lock. {@link #run} punches the batch's runs and hands the blocks to
 * {@link StorageReturns}, whatever the punches did; the next holder of the metadata lock
 * ({@link BlockAllocator#takeBackReturnedStorage}) makes them free.
 */
public final class StoragePunch {
    private final Medium medium;
    private final Layout layout;
    private final StorageReturns returns;
    /** Sorted block numbers; punched in runs of adjacent blocks. */
    private final LongList blocks;
    private boolean ran;

    StoragePunch(Medium medium, Layout layout, StorageReturns returns, LongList blocks) {
        this.medium = medium;
        this.layout = layout;
        this.returns = returns;
        this.blocks = blocks;
    }

    /**
     * Punches the batch, then returns every block of it, once. Called without the metadata lock.
     * A punch that does nothing (the file system cannot punch, or the medium is a device) leaves
     * the blocks their storage, and says so: the allocator can then hand them out when the file
     * system has no room for new storage. A punch that fails (an I/O error of the file system,
     * say) is not reported: the operation that freed the blocks has committed, and its blocks
     * are still accounted for, as storage the file system may or may not hold and whose bytes
     * are unknown, so that they are preallocated and zeroed before they are handed out again.
     * What is lost is only the storage's return to the file system, until the blocks are reused.
     * Returns how many blocks the punches made holes: those whose storage went back.
     */
    public int run() {
        if (ran) {
            throw new IllegalStateException("a storage punch runs once");
        }
        ran = true;
        LongList holes = new LongList();
        LongList kept = new LongList();
        LongList unknown = new LongList();
        int done = 0;
        try {
            while (done < blocks.size()) {
                int end = blocks.runEnd(done);
                LongList into;
                try {
                    into = medium.punch(layout.blockOffset(blocks.get(done)), layout.blockOffset(end - done))
                            ? holes : kept;
                } catch (RuntimeException e) {
                    into = unknown; // see the method comment
                }
                into.addAll(blocks, done, end);
                done = end;
            }
        } finally {
            // An Error part-way: the blocks not dealt with are returned as of unknown contents.
            unknown.addAll(blocks, done, blocks.size());
            returns.returned(holes, kept, unknown);
        }
        return holes.size();
    }
}
