package org.daxstore.journal;

import java.util.Arrays;

import org.daxstore.media.FlushPlan;
import org.daxstore.media.Medium;
import org.daxstore.media.Memory;

/**
 * Metadata words whose write-back failed after they were in place: the lines a commit still owes
 * the media ({@link MetadataTransaction}'s class comment says when that happens).
 *
 * <p>Writing them back again is not just a second msync. After a failed write-back Linux marks
 * the pages clean and reports the error once, so a later msync of untouched pages returns 0
 * having written nothing (the failure PostgreSQL met in 2018). So each word is stored again,
 * with its own value, before the flush: the store dirties its page again, and the flush then
 * really writes it, or fails.
 *
 * <p>Not thread-safe: the store's one transaction owns it, under the metadata lock, which is
 * also what keeps every other writer of these words away while they are stored again.
 */
final class OwedWords {
    private long[] offsets = new long[16];
    private int count;

    boolean isEmpty() {
        return count == 0;
    }

    /** Owes the 8-byte-aligned word at container offset {@code offset}. */
    void add(long offset) {
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, 2 * count);
        }
        offsets[count++] = offset;
    }

    /** Owes the words of {@code [offset, offset + length)}, both multiples of 8. */
    void addRange(long offset, long length) {
        for (long at = offset; at < offset + length; at += Long.BYTES) {
            add(at);
        }
    }

    /**
     * Stores each word again with its value and flushes them (no fence: the caller's follows).
     * They stay owed unless the flush returns.
     *
     * @throws org.daxstore.StoreIOException if the flush fails again
     */
    void writeBack(Medium medium, FlushPlan plan) {
        plan.clear();
        for (int i = 0; i < count; i++) {
            long address = medium.address(offsets[i]);
            Memory.putLongRelease(address, Memory.getLong(address));
            plan.add(offsets[i], Long.BYTES);
        }
        plan.flush(medium);
        count = 0;
    }
}
