package org.daxstore.fs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.daxstore.CorruptStoreException;
import org.daxstore.InvalidNameException;
import org.daxstore.format.Checksums;
import org.daxstore.format.InodeFormat;
import org.daxstore.format.Layout;

/**
 * One in-use inode record as decoded from media, after every rule a single record must keep
 * (FORMAT.md, "Inode"): checksum, flags, name, generation, size, block-map root and height,
 * allocated-block count. {@link InodeTable} loads the open store's records with it and the
 * checkers ({@link org.daxstore.check.StoreChecker}, {@link org.daxstore.check.Fsck}) check
 * every record with it, so the store and fsck cannot disagree on what a valid record is.
 */
public record InodeRecord(int inode, String name, long generation, long size, long mapRoot, int mapHeight,
                          long allocatedBlocks, long createdMillis, long modifiedMillis) {

    /**
     * Decodes the 512-byte record {@code image} of slot {@code inode}.
     *
     * @return the record, or null if the slot is free (never used, or freed)
     * @throws CorruptStoreException naming the slot and its offset if the record breaks a rule
     */
    public static InodeRecord decode(byte[] image, int inode, Layout layout) {
        ByteBuffer view = ByteBuffer.wrap(image, 0, InodeFormat.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        String where = "inode " + inode + " at offset " + layout.inodeOffset(inode);
        if (isAllZero(view)) {
            return null;
        }
        int storedCrc = view.getInt(InodeFormat.CRC);
        int actualCrc = Checksums.crc32c(image, 0, InodeFormat.CRC);
        if (storedCrc != actualCrc) {
            throw new CorruptStoreException(where + ": checksum mismatch (stored " + Integer.toHexString(storedCrc)
                    + ", computed " + Integer.toHexString(actualCrc) + ")");
        }
        InodeRecord record = decodeFields(view, inode, layout, where);
        if (record != null) {
            checkReserved(view, layout.inodeOffset(inode), where + " ('" + record.name() + "')");
        }
        return record;
    }

    /**
     * What a damaged in-use record still says, if every field is plausible: its name decodes,
     * its size is within the container's capacity, its generation, block-map root and height and
     * allocated count keep their rules; the checksum and the reserved bytes are not looked at.
     * The repair keeps such a record's file when its map also validates
     * ({@code check/RepairPlan}), and rewrites the record sealed; anything else about the file
     * (a flipped bit in its size, name or times) it cannot know, and says so.
     *
     * @return the record, or null if the slot is not marked in use
     * @throws CorruptStoreException naming the field if a field is implausible
     */
    public static InodeRecord salvage(byte[] image, int inode, Layout layout) {
        ByteBuffer view = ByteBuffer.wrap(image, 0, InodeFormat.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        String where = "inode " + inode + " at offset " + layout.inodeOffset(inode);
        if (view.getInt(InodeFormat.FLAGS) != InodeFormat.FLAG_IN_USE) {
            return null;
        }
        InodeRecord record = decodeFields(view, inode, layout, where);
        if (record.size() > layout.containerSize()) {
            throw new CorruptStoreException(where + " ('" + record.name() + "'): size " + record.size()
                    + " is beyond the container's capacity of " + layout.containerSize() + " bytes");
        }
        return record;
    }

    /** The reserved bytes of an in-use record (FORMAT.md, "Inode") must be zero: a record this build did not write. */
    private static void checkReserved(ByteBuffer view, long recordOffset, String where) {
        for (int at = 0; at < InodeFormat.CRC; at++) {
            if (InodeFormat.isReserved(at) && view.get(at) != 0) {
                throw new CorruptStoreException(where + ": reserved byte +" + at + " (offset " + (recordOffset + at)
                        + ") is " + (view.get(at) & 0xff) + ", not 0");
            }
        }
    }

    /** Every field rule of a record whose checksum has been dealt with; null for a free slot. */
    private static InodeRecord decodeFields(ByteBuffer view, int inode, Layout layout, String where) {
        int flags = view.getInt(InodeFormat.FLAGS);
        if ((flags & ~InodeFormat.FLAG_IN_USE) != 0) {
            throw new CorruptStoreException(where + ": unknown flags 0x" + Integer.toHexString(flags));
        }
        long generation = view.getLong(InodeFormat.GENERATION);
        if (flags == 0) {
            checkFree(view, generation, where);
            return null;
        }
        String name = decodeName(view, where);
        where += " (" + FileNames.quote(name) + ")";
        if (generation < 1) {
            // create() numbers a slot's users from 1: an in-use record of generation 0 was never written whole
            throw new CorruptStoreException(where + ": generation " + generation + " of an in-use slot is below 1");
        }
        long size = view.getLong(InodeFormat.FILE_SIZE);
        if (size < 0 || size > InodeFormat.MAX_FILE_SIZE) {
            throw new CorruptStoreException(where + ": impossible size " + size + " (at most "
                    + InodeFormat.MAX_FILE_SIZE + ")");
        }
        long root = view.getLong(InodeFormat.MAP_ROOT);
        int height = view.getInt(InodeFormat.MAP_HEIGHT);
        int maxHeight = Layout.maxMapHeight(layout.blockShift());
        if (height < 0 || height > maxHeight) {
            throw new CorruptStoreException(where + ": block-map height " + height + " is outside [0, " + maxHeight + "]");
        }
        if (root != 0 && !layout.isDataBlock(root)) {
            throw new CorruptStoreException(where + ": block-map root " + root + " is outside the data blocks ["
                    + layout.firstDataBlock() + ", " + layout.blockCount() + ")");
        }
        long allocated = view.getLong(InodeFormat.ALLOCATED_BLOCKS);
        if (allocated < 0 || allocated > layout.dataBlockCount() || (root == 0) != (allocated == 0)) {
            throw new CorruptStoreException(where + ": allocated block count " + allocated
                    + " does not fit its block-map root " + root);
        }
        return new InodeRecord(inode, name, generation, size, root, height, allocated,
                view.getLong(InodeFormat.CREATED), view.getLong(InodeFormat.MODIFIED));
    }

    /** This record's sealed image: what {@link #decode} reads back. */
    public byte[] encode() {
        byte[] image = new byte[InodeFormat.SIZE];
        encode(image, FileNames.encode(name), generation, size, mapRoot, mapHeight, allocatedBlocks, createdMillis,
                modifiedMillis);
        return image;
    }

    /** Writes the sealed image of an in-use record into {@code image}; {@code encodedName} is the name's UTF-8. */
    public static void encode(byte[] image, byte[] encodedName, long generation, long size, long mapRoot, int mapHeight,
                              long allocatedBlocks, long createdMillis, long modifiedMillis) {
        Arrays.fill(image, 0, InodeFormat.SIZE, (byte) 0);
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(InodeFormat.FLAGS, InodeFormat.FLAG_IN_USE)
                .putInt(InodeFormat.NAME_LENGTH, encodedName.length)
                .putLong(InodeFormat.GENERATION, generation)
                .putLong(InodeFormat.FILE_SIZE, size)
                .putLong(InodeFormat.MAP_ROOT, mapRoot)
                .putInt(InodeFormat.MAP_HEIGHT, mapHeight)
                .putLong(InodeFormat.ALLOCATED_BLOCKS, allocatedBlocks)
                .putLong(InodeFormat.CREATED, createdMillis)
                .putLong(InodeFormat.MODIFIED, modifiedMillis);
        System.arraycopy(encodedName, 0, image, InodeFormat.NAME, encodedName.length);
        seal(image);
    }

    /** Writes the sealed image of a free slot that keeps {@code generation} (at least 0) for its next user. */
    public static void encodeFree(byte[] image, long generation) {
        Arrays.fill(image, 0, InodeFormat.SIZE, (byte) 0);
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putLong(InodeFormat.GENERATION, generation);
        seal(image);
    }

    private static void seal(byte[] image) {
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putInt(InodeFormat.CRC, Checksums.crc32c(image, 0, InodeFormat.CRC));
    }

    /** A freed record keeps its generation (for the slot's next user) and nothing else. */
    private static void checkFree(ByteBuffer view, long generation, String where) {
        if (generation < 0) {
            throw new CorruptStoreException(where + ": free slot with negative generation " + generation);
        }
        for (int at = 0; at < InodeFormat.CRC; at += Integer.BYTES) {
            if (at != InodeFormat.GENERATION && at != InodeFormat.GENERATION + 4 && view.getInt(at) != 0) {
                throw new CorruptStoreException(where + ": free slot holds data at byte " + at
                        + " (a freed record keeps only its generation)");
            }
        }
    }

    /** The generation of a slot's next user: one more, wrapping past the largest to 1 (0 means never used). */
    public static long nextGeneration(long previous) {
        return previous == Long.MAX_VALUE ? 1 : previous + 1;
    }

    private static String decodeName(ByteBuffer view, String where) {
        int length = view.getInt(InodeFormat.NAME_LENGTH);
        if (length < 1 || length > InodeFormat.NAME_MAX) {
            throw new CorruptStoreException(where + ": name length " + length + " is outside [1, " + InodeFormat.NAME_MAX + "]");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(view.duplicate().position(InodeFormat.NAME).limit(InodeFormat.NAME + length));
            String name = chars.toString();
            FileNames.encode(name);
            return name;
        } catch (CharacterCodingException | InvalidNameException e) {
            throw new CorruptStoreException(where + ": the name is not a valid file name (" + e.getMessage() + ")");
        }
    }

    private static boolean isAllZero(ByteBuffer view) {
        for (int at = 0; at < InodeFormat.SIZE; at += Long.BYTES) {
            if (view.getLong(at) != 0) {
                return false;
            }
        }
        return true;
    }
}
