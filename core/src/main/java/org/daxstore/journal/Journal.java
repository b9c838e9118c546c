package org.daxstore.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

import org.daxstore.StoreIOException;
import org.daxstore.format.JournalFormat;
import org.daxstore.format.Layout;
import org.daxstore.media.Medium;
import org.daxstore.media.Memory;

/**
 * Writes the redo record of a transaction into the journal region and makes it durable: the
 * commit point of every metadata operation. The record format is {@link JournalFormat}; replaying
 * it is {@link Recovery}'s job.
 *
 * <p>One flush and one fence commit a record. The header is not ordered after the entries,
 * because the CRC covers both: if any cache line of the record is not durable when power fails,
 * the CRC fails and recovery ignores the record, which is right for a transaction whose fence had
 * not returned.
 *
 * <p>Not thread-safe: the one open transaction of a store owns it.
 */
final class Journal {
    private final Medium medium;
    private final long capacity;
    private final CRC32C crc = new CRC32C();
    private ByteBuffer record = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
    private long sequence;

    Journal(Medium medium, Layout layout, long lastSequence) {
        this.medium = medium;
        this.capacity = layout.journalCapacity();
        this.sequence = lastSequence;
    }

    /** The most entries one record can hold. */
    long capacity() {
        return capacity;
    }

    /**
     * Writes the {@code count} words of {@code writes} as the next record and returns once it is
     * durable. The caller has checked that {@code count <= capacity()}, and made the previous
     * record's words durable.
     *
     * @throws org.daxstore.StoreIOException if the record cannot be written back; it is then
     *     erased (its header zeroed, and written back, or else added to {@code owed})
     */
    void commit(PendingWrites writes, int count, OwedWords owed) {
        int bytes = JournalFormat.HEADER_BYTES + count * JournalFormat.ENTRY_BYTES;
        if (record.capacity() < bytes) {
            record = ByteBuffer.allocate(Math.max(bytes, 2 * record.capacity())).order(ByteOrder.LITTLE_ENDIAN);
        }
        byte[] image = record.array();
        java.util.Arrays.fill(image, 0, JournalFormat.HEADER_BYTES, (byte) 0);
        record.putLong(JournalFormat.MAGIC_AT, JournalFormat.MAGIC)
                .putLong(JournalFormat.SEQUENCE_AT, ++sequence)
                .putLong(JournalFormat.COUNT_AT, count);
        for (int i = 0; i < count; i++) {
            long offset = writes.offsetAt(i);
            int at = JournalFormat.HEADER_BYTES + i * JournalFormat.ENTRY_BYTES;
            record.putLong(at + JournalFormat.ENTRY_OFFSET_AT, offset)
                    .putLong(at + JournalFormat.ENTRY_VALUE_AT, writes.get(offset));
        }
        record.putInt(JournalFormat.CRC_AT, JournalFormat.checksum(crc, image, count));
        Memory.copyFromHeap(image, 0, medium.address(Layout.JOURNAL_OFFSET), bytes);
        try {
            medium.flush(Layout.JOURNAL_OFFSET, bytes);
            medium.drain();
        } catch (StoreIOException failed) {
            erase(owed, failed);
            throw failed;
        }
    }

    /** Zeroes the record's header, which {@link Recovery} reads as an empty journal. */
    private void erase(OwedWords owed, StoreIOException failed) {
        Memory.copyFromHeap(new byte[JournalFormat.HEADER_BYTES], 0, medium.address(Layout.JOURNAL_OFFSET),
                JournalFormat.HEADER_BYTES);
        try {
            medium.flush(Layout.JOURNAL_OFFSET, JournalFormat.HEADER_BYTES);
            medium.drain();
        } catch (StoreIOException again) {
            failed.addSuppressed(again);
            owed.addRange(Layout.JOURNAL_OFFSET, JournalFormat.HEADER_BYTES);
        }
    }
}
