package org.daxstore.journal;

import java.util.Arrays;

import org.daxstore.media.Medium;
import org.daxstore.media.Memory;

/**
 * The one door through which metadata reaches the media. An operation that changes metadata
 * (the allocation bitmap, an inode, a block-map node) opens a transaction, writes 64-bit words
 * into it, and commits; nothing touches metadata on media before the commit, so an operation
 * that fails half-way (a full store, say) aborts and leaves the media as it was.
 *
 * <p>Reads through the transaction see its own pending writes. Data that the new metadata will
 * point to (the zeros of a freshly allocated block) is registered with
 * {@link #persistBeforeCommit} and is made durable before any metadata word is applied.
 *
 * <p>Commit order: persist the registered data ranges, apply the words in the order they were
 * first written, persist the cache lines they occupy. Until the journal lands (see the crash
 * consistency issue) a power failure during the apply step can leave part of a transaction on
 * media; the journal will make this step atomic without changing any caller.
 *
 * <p>Words are applied with release stores, in the order they were first written: a reader
 * that finds a new pointer with an acquire load also finds what the pointer leads to. Operations
 * log a new block-map node's contents before the pointer that links it.
 *
 * <p>Not thread-safe: the store runs one metadata operation at a time and owns one transaction.
 */
public final class MetadataTransaction {
    private static final int CACHE_LINE = 64;
    /** Lines closer than this are persisted as one range: one msync beats two. */
    private static final int MERGE_DISTANCE = 4096;

    private final Medium medium;
    private final PendingWrites pending = new PendingWrites();
    private long[] durableFirst = new long[16];
    private int durableFirstCount;
    private long[] sortScratch = new long[64];
    private boolean active;

    public MetadataTransaction(Medium medium) {
        this.medium = medium;
    }

    public void begin() {
        if (active) {
            throw new IllegalStateException("a metadata transaction is already open");
        }
        active = true;
    }

    public boolean isActive() {
        return active;
    }

    /** The word at {@code offset} as this transaction sees it. */
    public long getLong(long offset) {
        if (active && pending.contains(offset)) {
            return pending.get(offset);
        }
        return Memory.getLong(medium.address(offset));
    }

    public void putLong(long offset, long value) {
        requireActive();
        if ((offset & 7) != 0) {
            throw new IllegalArgumentException("metadata words are 8-byte aligned, not at offset " + offset);
        }
        pending.put(offset, value);
    }

    /**
     * Persists {@code [offset, offset + length)} before any metadata word of this transaction is
     * applied. A range that continues the previous one extends it: consecutive blocks cost one flush.
     */
    public void persistBeforeCommit(long offset, long length) {
        requireActive();
        if (durableFirstCount > 0 && durableFirst[durableFirstCount - 2] + durableFirst[durableFirstCount - 1] == offset) {
            durableFirst[durableFirstCount - 1] += length;
            return;
        }
        if (durableFirstCount + 2 > durableFirst.length) {
            durableFirst = Arrays.copyOf(durableFirst, 2 * durableFirst.length);
        }
        durableFirst[durableFirstCount++] = offset;
        durableFirst[durableFirstCount++] = length;
    }

    public void commit() {
        requireActive();
        try {
            for (int i = 0; i < durableFirstCount; i += 2) {
                medium.persist(durableFirst[i], durableFirst[i + 1]);
            }
            int count = pending.size();
            for (int i = 0; i < count; i++) {
                long offset = pending.offsetAt(i);
                Memory.putLongRelease(medium.address(offset), pending.get(offset));
            }
            persistTouchedLines(count);
        } finally {
            reset();
        }
    }

    public void abort() {
        if (active) {
            reset();
        }
    }

    private void persistTouchedLines(int count) {
        if (count == 0) {
            return;
        }
        if (sortScratch.length < count) {
            sortScratch = new long[Math.max(count, 2 * sortScratch.length)];
        }
        for (int i = 0; i < count; i++) {
            sortScratch[i] = pending.offsetAt(i) & -CACHE_LINE;
        }
        Arrays.sort(sortScratch, 0, count);
        long start = sortScratch[0];
        long end = start + CACHE_LINE;
        for (int i = 1; i < count; i++) {
            long line = sortScratch[i];
            if (line > end + MERGE_DISTANCE) {
                medium.persist(start, end - start);
                start = line;
            }
            end = Math.max(end, line + CACHE_LINE);
        }
        medium.persist(start, end - start);
    }

    private void requireActive() {
        if (!active) {
            throw new IllegalStateException("no metadata transaction is open");
        }
    }

    private void reset() {
        pending.clear();
        durableFirstCount = 0;
        active = false;
    }
}
