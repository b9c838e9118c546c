package org.daxstore.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.daxstore.CorruptStoreException;
import org.daxstore.NotAContainerException;

/**
 * The superblock: what a container is and how it is laid out. Two copies are kept, at
 * {@link Layout#PRIMARY_SUPERBLOCK} and {@link Layout#SECONDARY_SUPERBLOCK}; each is 512 bytes,
 * little-endian, and checked by its CRC32C.
 *
 * <pre>
 *   0   u64  magic            the ASCII bytes "DAXSTORE"
 *   8   u32  format version   {@value #FORMAT_VERSION}
 *   12  u32  feature flags    none defined yet; a container with unknown flags is refused
 *   16  u32  block shift      log2 of the block size, 12 (4 KiB) to 21 (2 MiB)
 *   20  u32  inode count
 *   24  u64  block count      the container is exactly {@literal blockCount << blockShift} bytes
 *   32  u64  journal bytes
 *   40  u64  uuid, high half
 *   48  u64  uuid, low half
 *   56  u64  created          milliseconds since the epoch
 *   64  u32  clean            1 after a clean close, 0 while open
 *   68  ..507 reserved (0)
 *   508 u32  CRC32C of bytes 0..507
 * </pre>
 */
public record Superblock(int blockShift, long blockCount, int inodeCount, long journalBytes,
                         UUID uuid, long createdMillis, boolean clean) {
    public static final int BYTES = 512;
    public static final int FORMAT_VERSION = 2;
    public static final long MAGIC = ByteBuffer.wrap("DAXSTORE".getBytes(StandardCharsets.US_ASCII))
            .order(ByteOrder.LITTLE_ENDIAN).getLong();

    private static final int MAGIC_AT = 0;
    private static final int VERSION_AT = 8;
    private static final int FEATURES_AT = 12;
    private static final int BLOCK_SHIFT_AT = 16;
    private static final int INODE_COUNT_AT = 20;
    private static final int BLOCK_COUNT_AT = 24;
    private static final int JOURNAL_BYTES_AT = 32;
    private static final int UUID_HIGH_AT = 40;
    private static final int UUID_LOW_AT = 48;
    private static final int CREATED_AT = 56;
    private static final int CLEAN_AT = 64;
    /** Bytes 68..507 are reserved: zero in every copy this build writes, refused otherwise. */
    private static final int RESERVED_AT = 68;
    private static final int CRC_AT = 508;

    public Layout layout() {
        return new Layout(blockShift, blockCount, inodeCount, journalBytes);
    }

    public Superblock withClean(boolean isClean) {
        return new Superblock(blockShift, blockCount, inodeCount, journalBytes, uuid, createdMillis, isClean);
    }

    public byte[] encode() {
        byte[] bytes = new byte[BYTES];
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(MAGIC_AT, MAGIC)
                .putInt(VERSION_AT, FORMAT_VERSION)
                .putInt(FEATURES_AT, 0)
                .putInt(BLOCK_SHIFT_AT, blockShift)
                .putInt(INODE_COUNT_AT, inodeCount)
                .putLong(BLOCK_COUNT_AT, blockCount)
                .putLong(JOURNAL_BYTES_AT, journalBytes)
                .putLong(UUID_HIGH_AT, uuid.getMostSignificantBits())
                .putLong(UUID_LOW_AT, uuid.getLeastSignificantBits())
                .putLong(CREATED_AT, createdMillis)
                .putInt(CLEAN_AT, clean ? 1 : 0);
        buffer.putInt(CRC_AT, Checksums.crc32c(bytes, 0, CRC_AT));
        return bytes;
    }

    /** True if the bytes start with the magic number, whatever the rest holds. */
    public static boolean hasMagic(byte[] bytes) {
        return bytes.length >= 8 && ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(MAGIC_AT) == MAGIC;
    }

    /**
     * Decodes and validates one superblock copy.
     *
     * @param where names the copy in error messages, e.g. "primary superblock at offset 0"
     * @throws NotAContainerException if the magic number is missing
     * @throws CorruptStoreException if the checksum or a field is wrong
     */
    public static Superblock decode(byte[] bytes, String where) {
        if (!hasMagic(bytes)) {
            throw new NotAContainerException(where + ": no daxstore magic number");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int storedCrc = buffer.getInt(CRC_AT);
        int actualCrc = Checksums.crc32c(bytes, 0, CRC_AT);
        if (storedCrc != actualCrc) {
            throw new CorruptStoreException(where + ": checksum mismatch (stored " + Integer.toHexString(storedCrc)
                    + ", computed " + Integer.toHexString(actualCrc) + ")");
        }
        int version = buffer.getInt(VERSION_AT);
        if (version != FORMAT_VERSION) {
            throw new CorruptStoreException(where + ": format version " + version
                    + " is not supported (this build reads version " + FORMAT_VERSION + ")");
        }
        int features = buffer.getInt(FEATURES_AT);
        if (features != 0) {
            throw new CorruptStoreException(where + ": unknown feature flags 0x" + Integer.toHexString(features));
        }
        int clean = buffer.getInt(CLEAN_AT);
        if (clean != 0 && clean != 1) {
            throw new CorruptStoreException(where + ": the clean flag (offset " + CLEAN_AT + " of the copy) is " + clean
                    + ", not 0 or 1");
        }
        for (int at = RESERVED_AT; at < CRC_AT; at++) {
            if (bytes[at] != 0) {
                throw new CorruptStoreException(where + ": reserved byte " + at + " of the copy is " + (bytes[at] & 0xff)
                        + ", not 0");
            }
        }
        Superblock superblock = new Superblock(buffer.getInt(BLOCK_SHIFT_AT), buffer.getLong(BLOCK_COUNT_AT),
                buffer.getInt(INODE_COUNT_AT), buffer.getLong(JOURNAL_BYTES_AT),
                new UUID(buffer.getLong(UUID_HIGH_AT), buffer.getLong(UUID_LOW_AT)),
                buffer.getLong(CREATED_AT), clean == 1);
        try {
            superblock.layout();
        } catch (IllegalArgumentException e) {
            throw new CorruptStoreException(where + ": impossible layout: " + e.getMessage());
        }
        return superblock;
    }
}
