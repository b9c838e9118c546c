package org.daxstore.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The journal region at {@link Layout#JOURNAL_OFFSET}: a redo record of the last metadata
 * transaction. All integers little-endian.
 *
 * <pre>
 *   0   u64  magic        the ASCII bytes "DAXJRNL2"
 *   8   u64  sequence     the transaction's number; +1 per commit since format
 *   16  u64  entry count  1 .. capacity
 *   24  u32  CRC32C       of bytes 0..23 and every entry
 *   28  ..63 reserved (0)
 *   64  entries, 16 bytes each:
 *         0  u64  container offset of a metadata word (8-byte aligned)
 *         8  u64  the word's new value
 * </pre>
 *
 * A record is valid when its magic, count and CRC agree; a torn record (any part of it not
 * durable) fails the CRC and is ignored, which is right because its transaction had not
 * committed. A valid record may already be applied: replaying it again is harmless, because only
 * the transaction that overwrites the record can change the words it names (FORMAT.md, "Journal").
 */
public final class JournalFormat {
    public static final int HEADER_BYTES = 64;
    public static final int ENTRY_BYTES = 16;
    public static final int MAGIC_AT = 0;
    public static final int SEQUENCE_AT = 8;
    public static final int COUNT_AT = 16;
    public static final int CRC_AT = 24;
    /** The bytes of the header the CRC covers, before the entries. */
    public static final int CHECKED_HEADER_BYTES = 24;
    /** Bytes 28..63 of the header are reserved: zero in every record written; not under the CRC. */
    public static final int RESERVED_AT = 28;
    public static final int ENTRY_OFFSET_AT = 0;
    public static final int ENTRY_VALUE_AT = 8;

    public static final long MAGIC = ByteBuffer.wrap("DAXJRNL2".getBytes(StandardCharsets.US_ASCII))
            .order(ByteOrder.LITTLE_ENDIAN).getLong();

    private JournalFormat() {
    }

    /**
     * The CRC32C of a record image ({@code count} entries): the checked header bytes, then the
     * entries. {@code crc} is reset first; the journal reuses one.
     */
    public static int checksum(CRC32C crc, byte[] image, long count) {
        crc.reset();
        crc.update(image, 0, CHECKED_HEADER_BYTES);
        crc.update(image, HEADER_BYTES, (int) count * ENTRY_BYTES);
        return (int) crc.getValue();
    }

    /** How many entries a journal region of {@code journalBytes} holds. */
    public static long capacity(long journalBytes) {
        return (journalBytes - HEADER_BYTES) / ENTRY_BYTES;
    }

    /** The container offset of entry {@code index}. */
    public static long entryOffset(long index) {
        return Layout.JOURNAL_OFFSET + HEADER_BYTES + index * ENTRY_BYTES;
    }
}
