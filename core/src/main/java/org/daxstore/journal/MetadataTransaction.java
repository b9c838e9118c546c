package org.daxstore.journal;

import java.util.Arrays;

import org.daxstore.StoreIOException;
import org.daxstore.events.JournalCommitEvent;
import org.daxstore.format.JournalFormat;
import org.daxstore.format.Layout;
import org.daxstore.media.FlushPlan;
import org.daxstore.media.Medium;
import org.daxstore.media.Memory;

/**
 * The one door through which metadata reaches the media. An operation that changes metadata
 * (the allocation bitmap, an inode, a block-map node) opens a transaction, writes 64-bit words
 * into it, and commits; nothing touches metadata on media before the commit, so an operation
 * that fails half-way (a full store, say) aborts and leaves the media as it was.
 *
 * <p>Reads through the transaction see its own pending writes. A write of the value a word
 * already holds is dropped. Data that the new metadata will point to (the zeros of a freshly
 * allocated block) is registered with {@link #persistBeforeCommit}.
 *
 * <p>Commit, with the medium's flush and fence ({@link Medium#flush}, {@link Medium#drain}):
 * <ol>
 *   <li>flush the registered data ranges, then fence: the data is durable before anything can
 *       point at it, and so are the words the previous transaction applied (their flushes were
 *       issued in its step 3);</li>
 *   <li>write the redo record (every word and its new value) into the journal, flush it and
 *       fence ({@link Journal#commit}): the commit point. A power failure before this fence
 *       returns leaves the old state; after it, recovery replays the record;</li>
 *   <li>apply the words in place with release stores, in the order they were first written, and
 *       flush their cache lines without waiting: the next commit's fence (or {@code force},
 *       or close) completes them, which must happen before the journal record is overwritten,
 *       and step 1 of the next commit guarantees it.</li>
 * </ol>
 * Two fences per transaction, plus none for data that needs none.
 *
 * <p>A flush can fail where it is an msync (an I/O error writing pages back):
 * <ul>
 *   <li>in step 1: the transaction fails and aborts; nothing of it is on the media;</li>
 *   <li>in step 2, the record's own flush: the transaction fails too, but its record is already
 *       in the mapping, where a kill (on tmpfs or the page cache) or the kernel's own write-back
 *       would leave it for recovery to replay an operation its caller was told had failed. So
 *       the record's header is zeroed at once (an empty journal; the previous record may go,
 *       because step 1 has just made its words durable) and written back; if that fails too,
 *       the header's words are owed, as below;</li>
 *   <li>in step 3: the transaction has happened (its record is durable, recovery would replay
 *       it, its words are in place), so undoing it in memory would leave memory and media
 *       disagreeing (blocks free in memory that the media gives to a file). A failed step 3 is
 *       not the operation's failure: its words are owed ({@link OwedWords}), and step 1 of the
 *       next commit writes them back first, before anything can overwrite the record. If that
 *       fails too, the next transaction fails before its commit point, and they stay owed.</li>
 * </ul>
 * Owed words are written back by the next metadata operation's commit and by
 * {@link #writeBackOwed} (the store's {@code force}, and so its close, calls it), which throws if
 * they still cannot be: a close that cannot make the store durable does not mark it clean.
 *
 * <p>Words are applied with release stores, in the order they were first written: a reader
 * that finds a new pointer with an acquire load also finds what the pointer leads to. Operations
 * log a new block-map node's contents before the pointer that links it.
 *
 * <p>Not thread-safe: the store runs one metadata operation at a time and owns one transaction.
 */
public final class MetadataTransaction {
    /** The most words a journal record image can hold in one Java array. */
    private static final int MAX_WORDS = (Integer.MAX_VALUE - JournalFormat.HEADER_BYTES) / JournalFormat.ENTRY_BYTES;

    private final Medium medium;
    private final Journal journal;
    private final PendingWrites pending = new PendingWrites();
    private long[] durableFirst = new long[16];
    private int durableFirstCount;
    private final FlushPlan touched = new FlushPlan();
    private final OwedWords owed = new OwedWords();
    private boolean active;

    /** A transaction on {@code medium}, numbering its journal records after {@code lastSequence}. */
    public MetadataTransaction(Medium medium, Layout layout, long lastSequence) {
        this.medium = medium;
        this.journal = new Journal(medium, layout, lastSequence);
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
        if (!pending.contains(offset) && Memory.getLong(medium.address(offset)) == value) {
            return;
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

    /**
     * Makes the transaction durable and visible (the three steps of the class comment).
     *
     * @throws IllegalStateException if it writes more words than the journal holds; the layout
     *     sizes the journal for the largest transaction, so this is a bug, and nothing is written
     * @throws StoreIOException if a flush up to the commit point fails; nothing is committed
     *     (a failed flush after it is not thrown: see the class comment)
     */
    public void commit() {
        requireActive();
        JournalCommitEvent event = JournalCommitEvent.begun();
        try {
            int count = pending.size();
            if (count > journal.capacity() || count > MAX_WORDS) {
                throw new IllegalStateException("a transaction of " + count + " words exceeds the journal's "
                        + journal.capacity() + " entries");
            }
            if (!owed.isEmpty()) {
                owed.writeBack(medium, touched);
            }
            for (int i = 0; i < durableFirstCount; i += 2) {
                medium.flush(durableFirst[i], durableFirst[i + 1]);
            }
            medium.drain();
            if (count == 0) {
                JournalCommitEvent.end(event, 0, durableFirstCount / 2, 1);
                return;
            }
            journal.commit(pending, count, owed);
            for (int i = 0; i < count; i++) {
                long offset = pending.offsetAt(i);
                Memory.putLongRelease(medium.address(offset), pending.get(offset));
            }
            try {
                flushTouchedLines(count);
            } catch (StoreIOException e) {
                touched.clear();
                for (int i = 0; i < count; i++) {
                    owed.add(pending.offsetAt(i));
                }
            }
            JournalCommitEvent.end(event, count, durableFirstCount / 2, 2);
        } finally {
            reset();
        }
    }

    /**
     * Writes back the words a failed write-back left owed, if any (between transactions).
     *
     * @throws StoreIOException if they still cannot be written back; they stay owed
     */
    public void writeBackOwed() {
        if (active) {
            throw new IllegalStateException("a metadata transaction is open");
        }
        if (!owed.isEmpty()) {
            owed.writeBack(medium, touched);
            medium.drain();
        }
    }

    public void abort() {
        if (active) {
            reset();
        }
    }

    private void flushTouchedLines(int count) {
        for (int i = 0; i < count; i++) {
            touched.add(pending.offsetAt(i), Long.BYTES);
        }
        touched.flush(medium);
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
