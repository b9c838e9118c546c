package org.daxstore.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.daxstore.CorruptStoreException;
import org.daxstore.format.Checksums;
import org.daxstore.format.InodeFormat;
import org.daxstore.format.JournalFormat;
import org.daxstore.format.Layout;
import org.daxstore.media.ImageReader;

/**
 * What the words of a valid journal record land in once it is replayed, checked before replay
 * writes anything: a record may name words of the bitmap and the inode table, and words of
 * data blocks only where the block is, after the record, a block-map node of exactly one file
 * (FORMAT.md, "Updates"). A word in a block that the replayed bitmap marks free is skipped by
 * replay, as before. Any other word of a data block (a file's data, a node two files share, a
 * block in use that no map reaches) means the record is damage, not a transaction: every
 * transaction logs only metadata, and a new node's slots are logged together with the pointer
 * that links it, so legitimate records always pass.
 *
 * <p>"After the record" is the image with the record's words laid over it (a word in a data
 * block only where the block is in use once the bitmap words are laid over it), which is what
 * replay leaves; the walk reads it without writing. It walks every in-use inode whose record
 * has a valid checksum, through its block-map nodes (each entered once, so a damaged map cannot
 * make it loop, and never deeper than the largest height), and looks at the pointers to data
 * blocks only to see whether they name a block the record writes into. It is skipped for a
 * record with no word in a data block in use, such as a create, a rename or a delete.
 */
final class ReplayTargets {
    private final Recovery.JournalRecord record;
    private final Layout layout;
    private final ImageReader image;
    private final long dataStart;
    /** The record's words of the bitmap and the inode table, by offset: all of them are replayed. */
    private final Map<Long, Long> metadataAfter = new HashMap<>();
    /** The inode slots those words change. */
    private final Set<Integer> inodesChanged = new HashSet<>();
    /** The data blocks in use after the record that it writes into: what reaches each, and its words. */
    private final Map<Long, Reach> written = new HashMap<>();
    private final long[] writtenBits;
    private final long[] entered;
    private final ByteBuffer[] nodeBuffers;

    /** How the block maps after the record reach one block the record writes into, and what it writes there. */
    private static final class Reach {
        final Map<Long, Long> words = new HashMap<>();
        int asNode;
        int nodeOf = -1;
        int alsoNodeOf = -1;
        int asData;
        int dataOf = -1;
        long page;
    }

    private ReplayTargets(Recovery.JournalRecord record, Layout layout, ImageReader image) {
        this.record = record;
        this.layout = layout;
        this.image = image;
        this.dataStart = layout.blockOffset(layout.firstDataBlock());
        int words = (int) ((layout.blockCount() + 63) >>> 6);
        this.writtenBits = new long[words];
        this.entered = new long[words];
        this.nodeBuffers = new ByteBuffer[Layout.maxMapHeight(layout.blockShift()) + 1];
    }

    /**
     * Checks that every word of {@code record} that replay would write into a data block is a
     * slot of a block-map node, as the record leaves the store.
     *
     * @throws CorruptStoreException naming the record, the entry, the offset and what the block
     *     is (the data block of which file's page, say) for the first word that is not
     */
    static void check(Recovery.JournalRecord record, Layout layout, ImageReader image, String where) {
        ReplayTargets targets = new ReplayTargets(record, layout, image);
        if (targets.collect()) {
            targets.walkEveryFile();
            targets.judge(where);
        }
    }

    /** Lays the record over the image; returns true if it writes into a data block in use after it. */
    private boolean collect() {
        for (int i = 0; i < record.size(); i++) {
            long offset = record.offsets()[i];
            if (offset < dataStart) {
                metadataAfter.put(offset, record.values()[i]);
                if (offset >= layout.inodeTableOffset()) {
                    inodesChanged.add((int) ((offset - layout.inodeTableOffset()) / InodeFormat.SIZE));
                }
            }
        }
        for (int i = 0; i < record.size(); i++) {
            long offset = record.offsets()[i];
            long block = offset >>> layout.blockShift();
            if (offset >= dataStart && isInUseAfter(block)) {
                written.computeIfAbsent(block, b -> new Reach()).words.put(offset, record.values()[i]);
                writtenBits[(int) (block >>> 6)] |= 1L << block;
            }
        }
        return !written.isEmpty();
    }

    private boolean isInUseAfter(long block) {
        long offset = layout.bitmapWordOffset(block);
        Long word = metadataAfter.get(offset);
        return ((word != null ? word : image.getLong(offset)) & (1L << block)) != 0;
    }

    /** Inode slot {@code inode} as it is after the record. */
    private ByteBuffer readInode(int inode) {
        long offset = layout.inodeOffset(inode);
        ByteBuffer slot = read(offset, InodeFormat.SIZE);
        if (inodesChanged.contains(inode)) {
            for (int at = 0; at < InodeFormat.SIZE; at += Long.BYTES) {
                Long value = metadataAfter.get(offset + at);
                if (value != null) {
                    slot.putLong(at, value);
                }
            }
        }
        return slot;
    }

    /**
     * Block-map node {@code block} at {@code level} as it is after the record, in the buffer of
     * its level: one per level, because the walk descends while a node's slots are still read.
     */
    private ByteBuffer readNode(long block, int level) {
        if (nodeBuffers[level] == null) {
            nodeBuffers[level] = ByteBuffer.allocate(layout.blockSize()).order(ByteOrder.LITTLE_ENDIAN);
        }
        long offset = layout.blockOffset(block);
        ByteBuffer node = nodeBuffers[level];
        image.read(offset, node.array(), 0, layout.blockSize());
        if (isWritten(block)) {
            written.get(block).words.forEach((at, value) -> node.putLong((int) (at - offset), value));
        }
        return node;
    }

    private ByteBuffer read(long offset, int length) {
        byte[] bytes = new byte[length];
        image.read(offset, bytes, 0, length);
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private void walkEveryFile() {
        int maxHeight = Layout.maxMapHeight(layout.blockShift());
        for (int inode = 0; inode < layout.inodeCount(); inode++) {
            ByteBuffer slot = readInode(inode);
            if ((slot.getInt(InodeFormat.FLAGS) & InodeFormat.FLAG_IN_USE) == 0
                    || slot.getInt(InodeFormat.CRC) != Checksums.crc32c(slot.array(), 0, InodeFormat.CRC)) {
                continue;
            }
            long root = slot.getLong(InodeFormat.MAP_ROOT);
            int height = slot.getInt(InodeFormat.MAP_HEIGHT);
            if (height >= 0 && height <= maxHeight) {
                reach(inode, root, height, 0);
            }
        }
    }

    private boolean isWritten(long block) {
        return (writtenBits[(int) (block >>> 6)] & (1L << block)) != 0;
    }

    /** {@code inode}'s map reaches {@code block} at {@code level} (0: a data block, the one of page {@code page}). */
    private void reach(int inode, long block, int level, long page) {
        if (!layout.isDataBlock(block)) {
            return;
        }
        if (level == 0) {
            if (isWritten(block)) {
                Reach reach = written.get(block);
                reach.asData++;
                reach.dataOf = inode;
                reach.page = page;
            }
            return;
        }
        if (isWritten(block)) {
            Reach reach = written.get(block);
            if (reach.asNode++ == 0) {
                reach.nodeOf = inode;
            } else {
                reach.alsoNodeOf = inode;
            }
        }
        if ((entered[(int) (block >>> 6)] & (1L << block)) == 0) {
            entered[(int) (block >>> 6)] |= 1L << block;
            enter(inode, block, level, page);
        }
    }

    /** Follows the slots of node {@code block} at {@code level} (at least 1), which maps pages from {@code firstPage}. */
    private void enter(int inode, long block, int level, long firstPage) {
        ByteBuffer node = readNode(block, level);
        long span = 1L << ((level - 1) * layout.pointerShift());
        for (int slot = 0; slot < layout.pointersPerBlock(); slot++) {
            long child = node.getLong(slot * Long.BYTES);
            // A leaf's slots point to data blocks: most are not written, and cost no call.
            if (child != 0 && (level > 1 || layout.isDataBlock(child) && isWritten(child))) {
                reach(inode, child, level - 1, firstPage + slot * span);
            }
        }
    }

    private void judge(String where) {
        for (int i = 0; i < record.size(); i++) {
            long offset = record.offsets()[i];
            Reach reach = offset >= dataStart ? written.get(offset >>> layout.blockShift()) : null;
            if (reach == null || (reach.asNode == 1 && reach.asData == 0)) {
                continue;
            }
            throw new CorruptStoreException(where + ": journal record #" + record.sequence() + ", entry " + i
                    + " (container offset " + JournalFormat.entryOffset(i) + ") names offset " + offset + " in block "
                    + (offset >>> layout.blockShift()) + ", which after the record is " + describe(reach)
                    + ": replay writes only metadata, so the record is refused and nothing was replayed");
        }
    }

    private String describe(Reach reach) {
        if (reach.asData > 0) {
            return "the data block of page " + reach.page + " of " + file(reach.dataOf)
                    + (reach.asNode > 0 ? " and also a block-map node of " + file(reach.nodeOf) : ", not a block-map node");
        }
        if (reach.asNode > 1) {
            return "a block-map node reached " + reach.asNode + " times, by " + file(reach.nodeOf)
                    + (reach.alsoNodeOf != reach.nodeOf ? " and " + file(reach.alsoNodeOf) : "");
        }
        return "marked in use but reached by no file's block map";
    }

    /** {@code file 'name' (inode n)}, the name as the record leaves it, decoded leniently: it is for a message. */
    private String file(int inode) {
        ByteBuffer slot = readInode(inode);
        int length = Math.max(0, Math.min(InodeFormat.NAME_MAX, slot.getInt(InodeFormat.NAME_LENGTH)));
        return "file '" + new String(slot.array(), InodeFormat.NAME, length, StandardCharsets.UTF_8) + "' (inode " + inode + ")";
    }
}
