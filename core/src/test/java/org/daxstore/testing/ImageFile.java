package org.daxstore.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

import org.daxstore.format.Checksums;
import org.daxstore.format.InodeFormat;
import org.daxstore.format.JournalFormat;
import org.daxstore.format.Layout;
import org.daxstore.format.Superblock;

/**
 * A container file edited directly, as a bad disk or a bug would, for the tests that damage
 * images: words, inode fields under a resealed checksum, bitmap bits, the clean flag, a journal
 * record. Every edit is a positional write to the file, so the container must not be open (or,
 * on tmpfs, the store sees the edit through its shared mapping, which some tests want).
 */
public final class ImageFile {
    private final Path path;

    public ImageFile(Path path) {
        this.path = path;
    }

    public long getLong(long offset) throws IOException {
        return ByteBuffer.wrap(read(offset, Long.BYTES)).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    }

    public void putLong(long offset, long value) throws IOException {
        write(offset, ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value).array());
    }

    /** {@code length} bytes from {@code offset}; zeros past the end of the file. */
    public byte[] read(long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
                // positional reads until the range is read or the file ends
            }
        }
        return buffer.array();
    }

    public void write(long offset, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(bytes), offset);
        }
    }

    /** Sets one field of an inode record (a long, or the first name byte at NAME) and reseals its checksum. */
    public void editInode(Layout layout, int inode, int field, long value) throws IOException {
        byte[] record = read(layout.inodeOffset(inode), InodeFormat.SIZE);
        ByteBuffer view = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
        if (field == InodeFormat.NAME) {
            record[field] = (byte) value;
        } else {
            view.putLong(field, value);
        }
        view.putInt(InodeFormat.CRC, Checksums.crc32c(record, 0, InodeFormat.CRC));
        write(layout.inodeOffset(inode), record);
    }

    /** Marks {@code block} in use or free in the allocation bitmap. */
    public void setInUse(Layout layout, long block, boolean inUse) throws IOException {
        long word = layout.bitmapWordOffset(block);
        long bit = 1L << (block & 63);
        putLong(word, inUse ? getLong(word) | bit : getLong(word) & ~bit);
    }

    /** Rewrites both superblock copies with the clean flag {@code clean}. */
    public void setClean(boolean clean) throws IOException {
        Superblock superblock = Superblock.decode(read(Layout.PRIMARY_SUPERBLOCK, Superblock.BYTES), path.toString());
        byte[] bytes = superblock.withClean(clean).encode();
        write(Layout.PRIMARY_SUPERBLOCK, bytes);
        write(Layout.SECONDARY_SUPERBLOCK, bytes);
    }

    /** True if both superblock copies say the store was closed cleanly. */
    public boolean isMarkedClean() throws IOException {
        return Superblock.decode(read(Layout.PRIMARY_SUPERBLOCK, Superblock.BYTES), path.toString()).clean()
                && Superblock.decode(read(Layout.SECONDARY_SUPERBLOCK, Superblock.BYTES), path.toString()).clean();
    }

    /** Writes a journal record with a valid CRC naming {@code offsets}, as a commit would, without applying it. */
    public void writeJournalRecord(long sequence, long[] offsets, long[] values) throws IOException {
        byte[] record = new byte[JournalFormat.HEADER_BYTES + offsets.length * JournalFormat.ENTRY_BYTES];
        ByteBuffer view = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
        view.putLong(JournalFormat.MAGIC_AT, JournalFormat.MAGIC).putLong(JournalFormat.SEQUENCE_AT, sequence)
                .putLong(JournalFormat.COUNT_AT, offsets.length);
        for (int i = 0; i < offsets.length; i++) {
            int at = JournalFormat.HEADER_BYTES + i * JournalFormat.ENTRY_BYTES;
            view.putLong(at + JournalFormat.ENTRY_OFFSET_AT, offsets[i]).putLong(at + JournalFormat.ENTRY_VALUE_AT, values[i]);
        }
        view.putInt(JournalFormat.CRC_AT, JournalFormat.checksum(new CRC32C(), record, offsets.length));
        write(Layout.JOURNAL_OFFSET, record);
    }
}
