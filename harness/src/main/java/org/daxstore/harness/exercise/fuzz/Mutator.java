package org.daxstore.harness.exercise.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

import org.daxstore.format.Checksums;
import org.daxstore.format.InodeFormat;
import org.daxstore.format.JournalFormat;
import org.daxstore.format.Layout;
import org.daxstore.format.Superblock;

/**
 * Damages a copy of a base image, one seeded way per call. Random damage mostly lands where a
 * checksum catches it, so a third of the mutations write a chosen value into one field of an
 * inode, a superblock or the journal record and then reseal that structure's checksum: those
 * reach the code that trusts a checksummed field.
 *
 * <ul>
 *   <li>bit flips: 1 to 8 bits, most of them in the base's metadata structures;</li>
 *   <li>a zeroed range or a range of random bytes, up to 8 KiB;</li>
 *   <li>a truncated container: empty, inside a superblock, inside the metadata, one byte or one
 *       block short;</li>
 *   <li>an extended container: a byte or a whole block longer;</li>
 *   <li>a resealed field: an extreme or off-by-one value (0, -1, the block count, a block past
 *       the end, a random data block, 2^40, ...) in an inode field, a superblock field or a journal entry;</li>
 *   <li>a word of the bitmap or of a block-map node set to such a value (these have no checksum);</li>
 * </ul>
 */
final class Mutator {
    /** A damaged image and what was done to it. */
    record Mutation(byte[] image, String description) {
    }

    private final BaseImage base;
    private final SplittableRandom random;
    private final Layout layout;

    Mutator(BaseImage base, SplittableRandom random) {
        this.base = base;
        this.random = random;
        this.layout = base.layout();
    }

    Mutation next() {
        int kind = random.nextInt(100);
        if (kind < 40) {
            return flipBits();
        } else if (kind < 50) {
            return fillRange(true);
        } else if (kind < 60) {
            return fillRange(false);
        } else if (kind < 65) {
            return truncate();
        } else if (kind < 67) {
            return extend();
        } else if (kind < 77) {
            return setWord();
        } else if (kind < 88) {
            return resealInode();
        } else if (kind < 94) {
            return resealJournal();
        }
        return resealSuperblock();
    }

    private Mutation flipBits() {
        byte[] image = base.bytes().clone();
        int bits = 1 + Math.min(7, Long.numberOfTrailingZeros(random.nextLong() | 128));
        StringBuilder where = new StringBuilder("flip " + bits + " bit(s) at");
        for (int i = 0; i < bits; i++) {
            long offset = pickOffset();
            int bit = random.nextInt(8);
            image[(int) offset] ^= (byte) (1 << bit);
            where.append(' ').append(offset).append('.').append(bit);
        }
        return new Mutation(image, where.toString());
    }

    private Mutation fillRange(boolean zeros) {
        byte[] image = base.bytes().clone();
        int offset = (int) pickOffset();
        int length = Math.min(image.length - offset, 1 + random.nextInt(random.nextBoolean() ? 64 : 8192));
        if (zeros) {
            Arrays.fill(image, offset, offset + length, (byte) 0);
        } else {
            byte[] noise = new byte[length];
            random.nextBytes(noise);
            System.arraycopy(noise, 0, image, offset, length);
        }
        return new Mutation(image, (zeros ? "zero " : "random bytes over ") + "[" + offset + ", +" + length + ")");
    }

    private Mutation truncate() {
        int size = base.bytes().length;
        int[] lengths = {0, 1 + random.nextInt(Superblock.BYTES), (int) Layout.SECONDARY_SUPERBLOCK + random.nextInt(Superblock.BYTES),
                random.nextInt((int) layout.metadataBytes()), random.nextInt(size), size - 1, size - layout.blockSize()};
        int length = lengths[random.nextInt(lengths.length)];
        return new Mutation(Arrays.copyOf(base.bytes(), length), "truncate to " + length + " bytes");
    }

    private Mutation extend() {
        int extra = random.nextBoolean() ? layout.blockSize() : 1 + random.nextInt(layout.blockSize());
        return new Mutation(Arrays.copyOf(base.bytes(), base.bytes().length + extra), "extend by " + extra + " bytes");
    }

    /** A word of the bitmap or of a block-map node (which have no checksum) set to a chosen value. */
    private Mutation setWord() {
        byte[] image = base.bytes().clone();
        long offset = metadataWordOffset();
        long value = nastyValue();
        put(image, (int) offset, value, true);
        return new Mutation(image, "word at offset " + offset + " := " + value);
    }

    private Mutation resealInode() {
        byte[] image = base.bytes().clone();
        int inode = base.liveInodes().isEmpty() || random.nextInt(8) == 0
                ? random.nextInt(layout.inodeCount()) : base.liveInodes().get(random.nextInt(base.liveInodes().size()));
        int field = random.nextInt((InodeFormat.NAME + 8) / 4) * 4;
        int at = (int) layout.inodeOffset(inode);
        long value = nastyValue();
        put(image, at + field, value, field % 8 == 0 && field != InodeFormat.NAME_LENGTH);
        seal(image, at, InodeFormat.CRC);
        return new Mutation(image, "inode " + inode + " field at +" + field + " := " + value + ", resealed");
    }

    private Mutation resealSuperblock() {
        byte[] image = base.bytes().clone();
        int field = 8 + random.nextInt(15) * 4;
        long value = nastyValue();
        boolean both = random.nextBoolean();
        for (long copy : both ? new long[] {Layout.PRIMARY_SUPERBLOCK, Layout.SECONDARY_SUPERBLOCK}
                : new long[] {Layout.PRIMARY_SUPERBLOCK}) {
            put(image, (int) copy + field, value, field % 8 == 0 && field >= 24 && field < 64);
            seal(image, (int) copy, Superblock.BYTES - 4);
        }
        return new Mutation(image, (both ? "both superblocks" : "primary superblock") + " field at +" + field
                + " := " + value + ", resealed");
    }

    private Mutation resealJournal() {
        byte[] image = base.bytes().clone();
        ByteBuffer view = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        int header = (int) Layout.JOURNAL_OFFSET;
        long count = view.getLong(header + JournalFormat.COUNT_AT);
        long value = nastyValue();
        String what;
        if (count < 1 || count > 4096 || random.nextInt(8) == 0) {
            view.putLong(header + JournalFormat.MAGIC_AT, JournalFormat.MAGIC);
            view.putLong(header + JournalFormat.COUNT_AT, value);
            count = Math.max(0, Math.min(value, (image.length - header - JournalFormat.HEADER_BYTES) / JournalFormat.ENTRY_BYTES));
            count = Math.min(count, layout.journalCapacity());
            what = "journal entry count := " + value;
        } else {
            int entry = random.nextInt((int) count);
            boolean offset = random.nextBoolean();
            if (offset && random.nextBoolean()) {
                value = metadataWordOffset();
            }
            view.putLong(header + JournalFormat.HEADER_BYTES + entry * JournalFormat.ENTRY_BYTES
                    + (offset ? JournalFormat.ENTRY_OFFSET_AT : JournalFormat.ENTRY_VALUE_AT), value);
            what = "journal entry " + entry + (offset ? " offset" : " value") + " := " + value;
        }
        byte[] record = Arrays.copyOfRange(image, header, header + JournalFormat.HEADER_BYTES + (int) count * JournalFormat.ENTRY_BYTES);
        view.putInt(header + JournalFormat.CRC_AT, JournalFormat.checksum(new CRC32C(), record, count));
        return new Mutation(image, what + ", resealed");
    }

    /** An offset in a hot range three times in four, anywhere in the image otherwise. */
    private long pickOffset() {
        if (random.nextInt(4) == 0) {
            return random.nextInt(base.bytes().length);
        }
        long[] range = base.hotRanges().get(random.nextInt(base.hotRanges().size()));
        return range[0] + random.nextLong(range[1]);
    }

    /**
     * An aligned word of the bitmap, an in-use inode or a block-map node: a place a journal entry
     * may name. In a node, one of the first 16 slots half the time, where the base's maps point.
     */
    private long metadataWordOffset() {
        long[] range = base.hotRanges().get(3 + random.nextInt(base.hotRanges().size() - 3));
        long length = random.nextBoolean() ? Math.min(range[1], 128) : range[1];
        return (range[0] + random.nextLong(length)) & ~7L;
    }

    /** Values at and around the limits the format's fields have. */
    private long nastyValue() {
        long[] values = {0, 1, 2, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40,
                layout.blockCount(), layout.blockCount() - 1, layout.blockCount() + 1, layout.firstDataBlock(),
                layout.firstDataBlock() - 1, layout.dataBlockCount(), layout.blockSize(), layout.inodeCount(),
                InodeFormat.MAX_FILE_SIZE, InodeFormat.MAX_FILE_SIZE + 1, Layout.maxMapHeight(layout.blockShift()),
                Layout.maxMapHeight(layout.blockShift()) + 1, layout.journalCapacity(), layout.journalCapacity() + 1,
                layout.containerSize(), Long.MAX_VALUE & -Layout.META_PAGE, -Layout.META_PAGE,
                layout.firstDataBlock() + random.nextLong(layout.dataBlockCount()), random.nextLong(), random.nextInt(64)};
        return values[random.nextInt(values.length)];
    }

    private static void put(byte[] image, int at, long value, boolean wide) {
        ByteBuffer view = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        if (wide) {
            view.putLong(at, value);
        } else {
            view.putInt(at, (int) value);
        }
    }

    /** Writes the CRC32C of {@code [start, start + crcAt)} at {@code start + crcAt}. */
    private static void seal(byte[] image, int start, int crcAt) {
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putInt(start + crcAt, Checksums.crc32c(image, start, crcAt));
    }
}
