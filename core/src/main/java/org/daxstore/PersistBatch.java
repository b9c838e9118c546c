package org.daxstore;

import java.util.Arrays;

import org.daxstore.media.FlushPlan;

/**
 * Ranges of one view made durable together: one fence for all of them, and as few flush calls
 * as their cache lines allow, instead of a fence and a native call per range. Like
 * {@link DaxMapping#persist}, it walks the ranges in short access sections (256 KiB of them at
 * a time, each range stopping at the file's end), so a batch of huge ranges holds up truncate,
 * punch and delete of the store's files only briefly. Reusable: {@link #persist} empties it;
 * once grown it allocates nothing. Not thread-safe.
 *
 * <pre>
 * PersistBatch batch = view.persistBatch();
 * for (long slot : dirtySlots) {
 *     view.putLong(slot * 8, values[(int) slot]);
 *     batch.add(slot * 8, 8);
 * }
 * batch.persist();                               // every range is durable on return
 * </pre>
 */
public final class PersistBatch {
    private final DaxMapping view;
    private final FlushPlan plan = new FlushPlan();
    private long[] indexes = new long[16];
    private long[] lengths = new long[16];
    private int count;

    PersistBatch(DaxMapping view) {
        this.view = view;
    }

    /**
     * Adds {@code [index, index + length)} of the view.
     *
     * @param index  where the range starts, from the start of the view
     * @param length its length in bytes
     * @return this batch, for chaining
     * @throws IndexOutOfBoundsException if the range is outside the view
     * @throws ClosedException if the view or the store is closed
     * @throws NoSuchDaxFileException if the file has been deleted
     */
    public PersistBatch add(long index, long length) {
        view.checkBatchRange(index, length);
        if (count == indexes.length) {
            indexes = Arrays.copyOf(indexes, 2 * count);
            lengths = Arrays.copyOf(lengths, 2 * count);
        }
        indexes[count] = index;
        lengths[count] = length;
        count++;
        return this;
    }

    /**
     * The ranges added since the last {@link #persist}. Reads no media: works after close too.
     *
     * @return how many ranges are waiting
     */
    public int size() {
        return count;
    }

    /**
     * Makes every range added durable, then empties the batch. Holes have nothing to persist.
     *
     * @throws ClosedException if the view or the store is closed (the batch is emptied all the
     *     same)
     * @throws NoSuchDaxFileException if the file has been deleted (the batch is emptied all the
     *     same)
     * @throws CorruptStoreException if the block map of a range is damaged
     * @throws DaxStoreException if the persist must wait for a truncate or punch of the file that
     *     waits for an access scope this thread has open
     * @throws StoreIOException if the operating system fails to write a range back (an msync
     *     error on a disk file system); the ranges may not be durable (the batch is emptied all the
     *     same)
     */
    public void persist() {
        try {
            view.persistRanges(indexes, lengths, count, plan);
        } finally {
            count = 0;
        }
    }
}
