package org.daxstore.check;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import org.daxstore.format.InodeFormat;
import org.daxstore.format.Layout;
import org.daxstore.fs.InodeRecord;
import org.daxstore.journal.MetadataTransaction;
import org.daxstore.media.ImageReader;
import org.daxstore.media.Medium;
import org.daxstore.media.Memory;

/**
 * Writes a {@link RepairPlan} into the container, through the store's own journal
 * ({@link MetadataTransaction}): every step is a transaction, so a repair killed (or losing
 * power) at any instant leaves each step whole or not begun, and the step's record, if it was
 * committed, is replayed by the next repair (or open) like any other.
 *
 * <p>The steps, in an order that keeps every intermediate image repairable to the same end:
 * <ol>
 *   <li>the copies of shared blocks are written into free blocks (as data: nothing points at them
 *       yet), from the originals, which no earlier step has changed;</li>
 *   <li>the bitmap is rebuilt, in as many transactions as the journal needs;</li>
 *   <li>damaged inode records are freed, one transaction each;</li>
 *   <li>each file's slot writes and new record, one transaction per file (more for a map with
 *       more writes than the journal holds, the record last), the files in <em>reverse</em>
 *       inode order. Only the first file to reach a shared block keeps and may change it, and it
 *       comes last: by then every later file points at its copy, so a repair cut short and run
 *       again copies the shared blocks as they were, never as the first file's fixes left them.</li>
 * </ol>
 * Nothing is planned from what was written: the plan of a second run, made from the image the
 * first left, is the remainder of the first.
 */
final class RepairWriter {
    private final Medium medium;
    private final ImageReader image;
    private final Layout layout;
    private final MetadataTransaction tx;
    private final long wordsPerTransaction;

    /** Writes through {@code medium}; reads the blocks it copies with {@code image}. */
    RepairWriter(Medium medium, ImageReader image, Layout layout, long lastSequence) {
        this.medium = medium;
        this.image = image;
        this.layout = layout;
        this.tx = new MetadataTransaction(medium, layout, lastSequence);
        // Room for one inode record in every transaction beside the slots.
        this.wordsPerTransaction = layout.journalCapacity() - InodeFormat.SIZE / Long.BYTES;
    }

    /** Writes {@code plan}; returns what the bitmap rebuild changed, for the report, or null if nothing. */
    String write(RepairPlan plan) {
        writeCopies(plan);
        String bitmap = writeBitmap(plan.owned());
        byte[] free = new byte[InodeFormat.SIZE];
        for (RepairPlan.FreedSlot slot : plan.freed()) {
            InodeRecord.encodeFree(free, slot.generation());
            tx.begin();
            logRecord(slot.inode(), free);
            tx.commit();
        }
        List<RepairPlan.FileChange> files = plan.files();
        for (int i = files.size() - 1; i >= 0; i--) {
            writeFile(plan, files.get(i));
        }
        return bitmap;
    }

    /**
     * Copies each shared block into its free target. The original is read with {@code image}
     * (positional reads of a file), never through the mapping: it may be a hole, which a load
     * through a mapping makes tmpfs allocate (SIGBUS when it is full); the target the repair
     * backed before its first write (a full file system is refused there, with nothing written).
     */
    private void writeCopies(RepairPlan plan) {
        byte[] block = plan.copyCount() == 0 ? null : new byte[layout.blockSize()];
        for (int i = 0; i < plan.copyCount(); i++) {
            long target = layout.blockOffset(plan.copyTarget(i));
            image.read(layout.blockOffset(plan.copyOriginal(i)), block, 0, block.length);
            Memory.copyFromHeap(block, 0, medium.address(target), block.length);
        }
        for (MapMender.SlotWrite write : plan.writes()) {
            if (write.node() < 0) {
                Memory.putLong(medium.address(slotOffset(plan.resolve(write.node()), write.slot())), plan.resolve(write.value()));
            }
        }
        for (int i = 0; i < plan.copyCount(); i++) {
            medium.flush(layout.blockOffset(plan.copyTarget(i)), layout.blockSize());
        }
        medium.drain();
    }

    /** Makes the bitmap mark exactly the metadata blocks and {@code owned}, nothing past the last block. */
    private String writeBitmap(long[] owned) {
        long freed = 0;
        long marked = 0;
        long blockCount = layout.blockCount();
        long pending = 0;
        tx.begin();
        for (long offset = layout.bitmapOffset(); offset < layout.bitmapOffset() + layout.bitmapBytes(); offset += Long.BYTES) {
            int w = (int) ((offset - layout.bitmapOffset()) >>> 3);
            long first = (long) w << 6;
            long expected = 0;
            if (w < owned.length) {
                long valid = first + 64 <= blockCount ? -1L : (1L << (blockCount - first)) - 1;
                expected = (owned[w] | metadataBits(first)) & valid;
            }
            long word = tx.getLong(offset);
            if (word != expected) {
                freed += Long.bitCount(word & ~expected);
                marked += Long.bitCount(expected & ~word);
                tx.putLong(offset, expected);
                if (++pending == wordsPerTransaction) {
                    tx.commit();
                    tx.begin();
                    pending = 0;
                }
            }
        }
        tx.commit();
        if (freed == 0 && marked == 0) {
            return null;
        }
        return "allocation bitmap rebuilt from what the files reach:"
                + (freed == 0 ? "" : " " + freed + " bit(s) of blocks nothing reaches (or past the last block) cleared")
                + (freed == 0 || marked == 0 ? "" : ",")
                + (marked == 0 ? "" : " " + marked + " bit(s) of blocks in use set");
    }

    /** The bits of the 64 blocks from {@code first} that are metadata blocks. */
    private long metadataBits(long first) {
        long count = layout.firstDataBlock() - first;
        return count <= 0 ? 0 : count >= 64 ? -1L : (1L << count) - 1;
    }

    private void writeFile(RepairPlan plan, RepairPlan.FileChange file) {
        long pending = 0;
        tx.begin();
        for (int i = file.firstWrite(); i < file.endWrite(); i++) {
            MapMender.SlotWrite write = plan.writes().get(i);
            if (write.node() < 0) {
                continue;
            }
            tx.putLong(slotOffset(write.node(), write.slot()), plan.resolve(write.value()));
            if (++pending == wordsPerTransaction) {
                tx.commit();
                tx.begin();
                pending = 0;
            }
        }
        if (file.recordChanges()) {
            logRecord(file.record().inode(), file.record().encode());
        }
        tx.commit();
    }

    /** Puts the words of the sealed record {@code image} into slot {@code inode} in the open transaction. */
    private void logRecord(int inode, byte[] image) {
        ByteBuffer view = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        long base = layout.inodeOffset(inode);
        for (int at = 0; at < InodeFormat.SIZE; at += Long.BYTES) {
            tx.putLong(base + at, view.getLong(at));
        }
    }

    private long slotOffset(long node, int slot) {
        return layout.blockOffset(node) + (long) slot * Long.BYTES;
    }
}
