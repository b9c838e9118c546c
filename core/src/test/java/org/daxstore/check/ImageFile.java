package org.daxstore.check;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.daxstore.format.Checksums;
import org.daxstore.format.InodeFormat;
import org.daxstore.format.Layout;
import org.daxstore.format.Superblock;

/** A closed container file damaged by writing it directly, as a bad disk or a bug would. */
final class ImageFile {
    private final Path path;

    ImageFile(Path path) {
        this.path = path;
    }

    long getLong(long offset) throws IOException {
        return ByteBuffer.wrap(read(offset, Long.BYTES)).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    }

    void putLong(long offset, long value) throws IOException {
        write(offset, ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value).array());
    }

    void write(long offset, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(bytes), offset);
        }
    }

    byte[] read(long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.read(buffer, offset);
        }
        return buffer.array();
    }

    void truncate(long length) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(length);
        }
    }

    /** Clears (or sets) the bit of {@code block} in the allocation bitmap. */
    void markBlock(Layout layout, long block, boolean inUse) throws IOException {
        long word = layout.bitmapWordOffset(block);
        long bit = 1L << (block & 63);
        putLong(word, inUse ? getLong(word) | bit : getLong(word) & ~bit);
    }

    /**
     * Sets one field of an inode record and reseals its checksum: a long at {@code field}, a u32
     * at the height, or the first name byte at {@link InodeFormat#NAME}.
     */
    void editInode(Layout layout, int inode, int field, long value) throws IOException {
        byte[] record = read(layout.inodeOffset(inode), InodeFormat.SIZE);
        ByteBuffer view = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
        if (field == InodeFormat.NAME) {
            record[field] = (byte) value;
        } else if (field == InodeFormat.MAP_HEIGHT || field == InodeFormat.NAME_LENGTH || field == InodeFormat.FLAGS) {
            view.putInt(field, (int) value);
        } else {
            view.putLong(field, value);
        }
        write(layout.inodeOffset(inode), seal(record));
    }

    /** Writes {@code record} (unsealed) to slot {@code inode}, sealed. */
    void putInode(Layout layout, int inode, byte[] record) throws IOException {
        write(layout.inodeOffset(inode), seal(record));
    }

    private static byte[] seal(byte[] record) {
        ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN).putInt(InodeFormat.CRC, Checksums.crc32c(record, 0, InodeFormat.CRC));
        return record;
    }

    /** The primary superblock as it decodes. */
    Superblock superblock() throws IOException {
        return Superblock.decode(read(Layout.PRIMARY_SUPERBLOCK, Superblock.BYTES), path.toString());
    }

    void setClean(boolean clean) throws IOException {
        byte[] bytes = superblock().withClean(clean).encode();
        write(Layout.PRIMARY_SUPERBLOCK, bytes);
        write(Layout.SECONDARY_SUPERBLOCK, bytes);
    }
}
