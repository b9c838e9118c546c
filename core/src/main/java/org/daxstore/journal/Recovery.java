package org.daxstore.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

import org.daxstore.CorruptStoreException;
import org.daxstore.format.JournalFormat;
import org.daxstore.format.Layout;
import org.daxstore.media.ImageReader;
import org.daxstore.media.Medium;

/**
 * Reads the journal record at open and replays it: the redo half of {@link MetadataTransaction}.
 *
 * <p>Replaying the last valid record is always right. If its transaction had been applied, every
 * word it names still holds the value it wrote: only a later transaction could change them, and a
 * later transaction would have overwritten the record first. If the apply was cut short, replay
 * finishes it. A record that fails its CRC belongs to a transaction whose commit fence never
 * returned (or was overwritten half-way by one whose fence never returned, after the old one had
 * been applied), so it is ignored.
 *
 * <p>Words inside data blocks (block-map slots) are replayed only when the block is in use once
 * the bitmap words are replayed: a freed node's slots mean nothing, and writing them would make
 * tmpfs allocate a page that the store had punched out. A word in a block that is in use then
 * must be a slot of a block-map node, as the record leaves the maps ({@link ReplayTargets}):
 * anything else (a file's data) makes the record corruption, refused before anything is written.
 */
public final class Recovery {
    private Recovery() {
    }

    /** What the journal region holds. */
    public enum Status {
        /** No record: the store has committed nothing since format. */
        EMPTY,
        /** A record whose commit did not complete (bad magic, count or CRC); it is ignored. */
        TORN,
        /** A committed record; replaying it is safe and finishes its transaction if needed. */
        VALID
    }

    /** The journal's record: its status, number and (when valid) the words it writes. */
    public record JournalRecord(Status status, long sequence, long[] offsets, long[] values, String detail) {
        public int size() {
            return offsets.length;
        }
    }

    /**
     * Reads and checks the record without changing anything.
     *
     * @throws CorruptStoreException if a record with a correct CRC names a word outside the
     *     metadata: that is damage (or a bug), not an interrupted commit
     */
    public static JournalRecord read(Medium medium, Layout layout, String where) {
        return read(ImageReader.of(medium), layout, where);
    }

    /** {@link #read(Medium, Layout, String)} on any image: the offline fsck reads a file with it. */
    public static JournalRecord read(ImageReader image, Layout layout, String where) {
        long header = Layout.JOURNAL_OFFSET;
        long magic = image.getLong(header + JournalFormat.MAGIC_AT);
        long sequence = image.getLong(header + JournalFormat.SEQUENCE_AT);
        long count = image.getLong(header + JournalFormat.COUNT_AT);
        int storedCrc = (int) image.getLong(header + JournalFormat.CRC_AT);
        long[] none = new long[0];
        if (magic == 0 && sequence == 0 && count == 0 && storedCrc == 0) {
            return new JournalRecord(Status.EMPTY, 0, none, none, "empty");
        }
        if (magic != JournalFormat.MAGIC) {
            return new JournalRecord(Status.TORN, 0, none, none, "no record magic: an unfinished first commit, ignored");
        }
        if (count < 1 || count > layout.journalCapacity()) {
            return new JournalRecord(Status.TORN, sequence, none, none, "record #" + sequence + " claims " + count
                    + " entries (the journal holds " + layout.journalCapacity() + "): unfinished commit, ignored");
        }
        int bytes = Math.toIntExact(JournalFormat.HEADER_BYTES + count * JournalFormat.ENTRY_BYTES);
        byte[] record = new byte[bytes];
        image.read(header, record, 0, bytes);
        int crc = JournalFormat.checksum(new CRC32C(), record, count);
        if (crc != storedCrc) {
            return new JournalRecord(Status.TORN, sequence, none, none, "record #" + sequence + " of " + count
                    + " entries fails its CRC: unfinished commit, ignored");
        }
        for (int at = JournalFormat.RESERVED_AT; at < JournalFormat.HEADER_BYTES; at++) {
            if (record[at] != 0) {
                // Not under the CRC, and written as zero with every record: damage, which a repair zeroes.
                throw new CorruptStoreException(where + ": journal record #" + sequence + ": reserved header byte at offset "
                        + (header + at) + " is " + (record[at] & 0xff) + ", not 0");
            }
        }
        ByteBuffer buffer = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
        long[] offsets = new long[(int) count];
        long[] values = new long[(int) count];
        for (int i = 0; i < count; i++) {
            int at = JournalFormat.HEADER_BYTES + i * JournalFormat.ENTRY_BYTES;
            offsets[i] = buffer.getLong(at + JournalFormat.ENTRY_OFFSET_AT);
            values[i] = buffer.getLong(at + JournalFormat.ENTRY_VALUE_AT);
            if (!isMetadataWord(layout, offsets[i])) {
                throw new CorruptStoreException(where + ": journal record #" + sequence + ", entry " + i
                        + " (container offset " + JournalFormat.entryOffset(i) + ") names offset " + offsets[i]
                        + ", which is no metadata word");
            }
        }
        return new JournalRecord(Status.VALID, sequence, offsets, values, "record #" + sequence + " of " + count + " entries");
    }

    /** Reads the record and, if it is valid, replays it and makes the result durable. */
    public static JournalRecord recover(Medium medium, Layout layout, String where) {
        JournalRecord record = read(medium, layout, where);
        replayOver(record, layout, ImageReader.of(medium), where).applyTo(medium);
        return record;
    }

    /**
     * The image as replaying {@code record} leaves it, in memory ({@link ReplayOverlay}): nothing
     * is written. An invalid (empty or torn) record changes nothing.
     *
     * @throws CorruptStoreException as {@link #replay} does
     */
    public static ReplayOverlay replayOver(JournalRecord record, Layout layout, ImageReader image, String where) {
        ReplayOverlay overlay = new ReplayOverlay(image);
        if (record.status() == Status.VALID) {
            replay(record, layout, overlay, overlay::putLong, where);
        }
        return overlay;
    }

    /**
     * What is wrong with the last record of a store that was closed cleanly, or null if nothing
     * is: after a clean close every word of it already holds its value (close made the apply
     * durable before it set the flag), so a word that differs is damage that no rule may
     * otherwise see, in the record or in the image. Open refuses such a store and fsck reports
     * it, in these words; the repair discards the record and keeps the image. Nothing is replayed
     * after a clean close, so what the words land in ({@link ReplayTargets}) is not asked: a
     * record that changes nothing writes nothing into a file's data, and one that would change a
     * word is refused already. That also keeps the clean open from walking the maps twice.
     */
    public static String unappliedAfterCleanClose(JournalRecord record, Layout layout, ImageReader image) {
        if (record.status() != Status.VALID) {
            return null;
        }
        ReplayOverlay replayed = new ReplayOverlay(image);
        writeWords(record, layout, replayed, replayed::putLong);
        if (replayed.changedWords() == 0) {
            return null;
        }
        return "the store was closed cleanly, but " + replayed.changedWords() + " of the " + record.size()
                + " words of journal record #" + record.sequence() + " differ from the image (first at offset "
                + replayed.firstChanged() + ")";
    }

    /** Receives the words a replay changes. */
    @FunctionalInterface
    public interface WordWriter {
        void putLong(long offset, long value);
    }

    /**
     * The replay of a valid record: hands {@code writer} each word of the record that differs from
     * {@code image}, the bitmap and inode words first, then the block-map slots of blocks that the
     * replayed bitmap marks in use. {@code image} must show the writes already made, as it does when
     * the writer writes into it. Open and fsck both replay into a {@link ReplayOverlay}
     * ({@link #replayOver}) and check the store as the replay leaves it; open then writes it.
     *
     * @throws CorruptStoreException naming {@code where}, the record, the entry, the offset and
     *     the file, before {@code writer} is called at all, if the record writes into a data block
     *     in use that is not one file's block-map node once the record is replayed
     */
    public static void replay(JournalRecord record, Layout layout, ImageReader image, WordWriter writer, String where) {
        ReplayTargets.check(record, layout, image, where);
        writeWords(record, layout, image, writer);
    }

    /** The writes of {@link #replay}, its targets not checked. */
    private static void writeWords(JournalRecord record, Layout layout, ImageReader image, WordWriter writer) {
        long dataStart = layout.blockOffset(layout.firstDataBlock());
        for (int i = 0; i < record.size(); i++) {
            long offset = record.offsets()[i];
            if (offset < dataStart && image.getLong(offset) != record.values()[i]) {
                writer.putLong(offset, record.values()[i]);
            }
        }
        for (int i = 0; i < record.size(); i++) {
            long offset = record.offsets()[i];
            if (offset >= dataStart && isInUse(image, layout, offset >>> layout.blockShift())
                    && image.getLong(offset) != record.values()[i]) {
                writer.putLong(offset, record.values()[i]);
            }
        }
    }

    private static boolean isInUse(ImageReader image, Layout layout, long block) {
        return (image.getLong(layout.bitmapWordOffset(block)) & (1L << block)) != 0;
    }

    /** True if {@code offset} is an aligned word of the bitmap, the inode table or a data block. */
    static boolean isMetadataWord(Layout layout, long offset) {
        if ((offset & 7) != 0) {
            return false;
        }
        boolean bitmap = offset >= layout.bitmapOffset() && offset < layout.bitmapOffset() + layout.bitmapBytes();
        boolean inodes = offset >= layout.inodeTableOffset()
                && offset < layout.inodeTableOffset() + layout.inodeTableBytes();
        boolean data = offset >= layout.blockOffset(layout.firstDataBlock()) && offset < layout.containerSize();
        return bitmap || inodes || data;
    }
}
