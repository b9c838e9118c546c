package org.daxstore.check;

import java.util.ArrayList;
import java.util.List;

import org.daxstore.CorruptStoreException;
import org.daxstore.format.JournalFormat;
import org.daxstore.format.Layout;
import org.daxstore.journal.Recovery;
import org.daxstore.journal.ReplayOverlay;
import org.daxstore.media.ImageReader;
import org.daxstore.media.Medium;
import org.daxstore.media.Memory;

/**
 * What a repair does with the journal (FORMAT.md, "Repair", step 6), decided from the image
 * before anything is written and applied afterwards: a repair must back every block it will
 * write into before its first write (a full file system then changes nothing), and the plan of
 * the rest is made from the image as the journal's settlement leaves it ({@link #image()}).
 *
 * <p>After a crash a valid record is replayed in place, as the next open would; after a clean
 * close a record whose words the image no longer holds is discarded (a clean open never replays
 * it, and the image, not a record of part of it, is what the rules then repair); a record the
 * rules refuse is discarded. Reserved header bytes that are set are zeroed first, and the record
 * kept: its CRC does not cover them.
 */
final class JournalSettlement {
    private final List<String> fixes = new ArrayList<>();
    private boolean zeroReserved;
    private boolean discard;
    private ReplayOverlay replay;
    private ImageReader image;
    private long sequence;

    private JournalSettlement() {
    }

    /** Decides, reading {@code image} only; {@code wasClean} is the chosen superblock's clean flag. */
    static JournalSettlement decide(ImageReader image, Layout layout, boolean wasClean, String where) {
        JournalSettlement settlement = new JournalSettlement();
        settlement.settle(image, layout, wasClean, where);
        return settlement;
    }

    private void settle(ImageReader found, Layout layout, boolean wasClean, String where) {
        image = withReservedHeaderZeroed(found);
        Recovery.JournalRecord record;
        try {
            record = Recovery.read(image, layout, where);
        } catch (CorruptStoreException e) {
            discard = true;
            fixes.add(e.getMessage() + ": the record discarded");
            return;
        }
        sequence = record.sequence();
        if (record.status() != Recovery.Status.VALID) {
            return;
        }
        if (wasClean) {
            String unapplied = Recovery.unappliedAfterCleanClose(record, layout, image);
            if (unapplied != null) {
                discard = true;
                fixes.add(unapplied + ": the record discarded and the image kept (an open after a clean close never"
                        + " replays it)");
            }
            return;
        }
        try {
            replay = Recovery.replayOver(record, layout, image, where);
        } catch (CorruptStoreException e) {
            discard = true;
            fixes.add(e.getMessage() + ": the record discarded");
            return;
        }
        image = replay;
        if (replay.changedWords() > 0) {
            fixes.add("journal record #" + record.sequence() + " replayed, as the next open would: "
                    + replay.changedWords() + " of its " + record.size()
                    + " words written (the transaction a crash interrupted)");
        }
    }

    /**
     * {@code found} with the reserved header bytes read as zeros, and a note of it if any was
     * set; the CRC word's low half (the CRC itself) is kept.
     */
    private ImageReader withReservedHeaderZeroed(ImageReader found) {
        byte[] header = new byte[JournalFormat.HEADER_BYTES];
        found.read(Layout.JOURNAL_OFFSET, header, 0, header.length);
        for (int at = JournalFormat.RESERVED_AT; at < JournalFormat.HEADER_BYTES; at++) {
            zeroReserved |= header[at] != 0;
        }
        if (!zeroReserved) {
            return found;
        }
        ReplayOverlay zeroed = new ReplayOverlay(found);
        long firstWord = JournalFormat.RESERVED_AT & ~7L;
        long keptBytes = JournalFormat.RESERVED_AT - firstWord;
        zeroed.putLong(Layout.JOURNAL_OFFSET + firstWord,
                found.getLong(Layout.JOURNAL_OFFSET + firstWord) & ((1L << (8 * keptBytes)) - 1));
        for (long at = firstWord + Long.BYTES; at < JournalFormat.HEADER_BYTES; at += Long.BYTES) {
            zeroed.putLong(Layout.JOURNAL_OFFSET + at, 0);
        }
        fixes.add("journal: reserved header bytes [" + (Layout.JOURNAL_OFFSET + JournalFormat.RESERVED_AT) + ", "
                + (Layout.JOURNAL_OFFSET + JournalFormat.HEADER_BYTES) + ") were not zero: zeroed (the record's"
                + " checksum does not cover them)");
        return zeroed;
    }

    /** The image as this settlement leaves it: what the repair's plan is made from. */
    ImageReader image() {
        return image;
    }

    /** The report's lines for it, in the order they apply. */
    List<String> fixes() {
        return fixes;
    }

    /** The sequence number the repair's own transactions follow. */
    long sequence() {
        return sequence;
    }

    /** The container offsets the replay writes (none if it does not replay), for the caller to back first. */
    long[] replayedOffsets() {
        return replay == null ? new long[0] : replay.changedOffsets();
    }

    /** Writes the settlement into {@code medium}, each step durable before the next. */
    void apply(Medium medium) {
        if (zeroReserved) {
            for (int at = JournalFormat.RESERVED_AT; at < JournalFormat.HEADER_BYTES; at++) {
                Memory.putByte(medium.address(Layout.JOURNAL_OFFSET + at), (byte) 0);
            }
            medium.persist(Layout.JOURNAL_OFFSET, JournalFormat.HEADER_BYTES);
        }
        if (discard) {
            // Zeroes the record's header: the journal reads as empty (torn, if cut short: ignored either way).
            for (int at = 0; at < JournalFormat.HEADER_BYTES; at += Long.BYTES) {
                Memory.putLong(medium.address(Layout.JOURNAL_OFFSET + at), 0);
            }
            medium.persist(Layout.JOURNAL_OFFSET, JournalFormat.HEADER_BYTES);
        } else if (replay != null) {
            replay.applyTo(medium);
        }
    }
}
