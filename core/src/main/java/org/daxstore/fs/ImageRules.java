package org.daxstore.fs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.daxstore.CorruptStoreException;
import org.daxstore.format.InodeFormat;
import org.daxstore.format.Layout;
import org.daxstore.media.ImageReader;

/**
 * The rules of the on-media format below the superblock and the journal (FORMAT.md, "Inode" and
 * "Block maps"), checked over any {@link ImageReader}: the open store's medium
 * ({@code check.StoreChecker}), a container file mapped read-only, or that file with a pending journal
 * record laid over it ({@code check.Fsck}).
 * <ol>
 *   <li>every inode record is valid ({@link InodeRecord#decode}) and names are unique;</li>
 *   <li>every block-map pointer lies in the data region, and every block is reached at most
 *       once, by one file (docs/DESIGN.md invariant 1);</li>
 *   <li>no block maps a page at or past the end of its file, and no block-map node is empty;</li>
 *   <li>each inode's allocated-block count equals the blocks its map reaches;</li>
 *   <li>the allocation bitmap marks exactly the metadata blocks and the blocks files own, and
 *       nothing past the last block.</li>
 * </ol>
 * Every pointer is bounds-checked before it is followed and the walk claims each block before
 * entering it, so it enters no block twice: a corrupt map cannot make it loop, and its depth is
 * the map height, which the record check bounds. It reports; it never repairs and never throws
 * for a broken rule. Not thread-safe; one instance checks one image once.
 */
public final class ImageRules {
    private static final int MAX_PROBLEMS = 100;
    private static final VarHandle SLOT = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final ImageReader image;
    private final Layout layout;
    private final long[] owned;
    private final List<String> problems = new ArrayList<>();
    private final byte[][] nodeBuffers;
    private long usedBlocks;

    /**
     * The format's rules alone, on an image that no open store has loaded yet: the check
     * {@link Volume#open} runs on every store, clean or not, before it builds any in-memory state
     * from the image (docs/DESIGN.md invariant 8). Reads only metadata: the inode table, the
     * block-map nodes the files reach, and the bitmap. Here, beside the volume that runs it, so
     * that opening a store needs nothing of the check package (which depends on this one).
     */
    public static RuleReport checkImage(ImageReader image, Layout layout) {
        ImageRules rules = new ImageRules(image, layout);
        List<InodeRecord> files = rules.checkFiles();
        long free = rules.checkBitmap();
        return new RuleReport(rules.problems(), files.size(), rules.usedBlocks(), free);
    }

    public ImageRules(ImageReader image, Layout layout) {
        this.image = image;
        this.layout = layout;
        this.owned = new long[(int) ((layout.blockCount() + 63) >>> 6)];
        this.nodeBuffers = new byte[Layout.maxMapHeight(layout.blockShift()) + 1][];
    }

    /** Checks every inode record and every in-use file's block map; returns the valid in-use records. */
    public List<InodeRecord> checkFiles() {
        List<InodeRecord> files = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        byte[] record = new byte[InodeFormat.SIZE];
        for (int inode = 0; inode < layout.inodeCount(); inode++) {
            image.read(layout.inodeOffset(inode), record, 0, InodeFormat.SIZE);
            InodeRecord file;
            try {
                file = InodeRecord.decode(record, inode, layout);
            } catch (CorruptStoreException e) {
                problem(e.getMessage());
                continue;
            }
            if (file == null) {
                continue;
            }
            Integer clash = names.putIfAbsent(file.name(), inode);
            if (clash != null) {
                problem("inodes " + clash + " and " + inode + " (at offset " + layout.inodeOffset(inode)
                        + ") both hold the name " + FileNames.quote(file.name()));
            }
            checkMap(file);
            files.add(file);
        }
        return files;
    }

    private void checkMap(InodeRecord file) {
        String who = "file " + FileNames.quote(file.name()) + " (inode " + file.inode() + ")";
        long reached = 0;
        if (file.mapRoot() != 0) {
            reached = walk(who, file, file.mapRoot(), file.mapHeight(), 0, 0, 0);
        }
        if (reached != file.allocatedBlocks()) {
            problem(who + ": its inode counts " + file.allocatedBlocks() + " blocks but its map reaches " + reached);
        }
    }

    /**
     * Walks the subtree at {@code block}, the child in slot {@code parentSlot} of node
     * {@code parent} (parent 0: the file's root), claiming each block; returns how many blocks it claimed.
     */
    private long walk(String who, InodeRecord file, long block, int level, long firstPage, long parent, int parentSlot) {
        if (!layout.isDataBlock(block)) {
            problem(who + ": " + from(file, parent, parentSlot) + " points to block " + block + ", outside the data blocks ["
                    + layout.firstDataBlock() + ", " + layout.blockCount() + ")");
            return 0;
        }
        if (!claim(block)) {
            problem(who + ": " + from(file, parent, parentSlot) + " points to block " + block
                    + ", which is already in use (invariant 1)");
            return 0;
        }
        if (level == 0) {
            long pagesInFile = (file.size() + layout.blockSize() - 1) >>> layout.blockShift();
            if (firstPage >= pagesInFile) {
                problem(who + ": page " + firstPage + " has block " + block + " but the file is only "
                        + file.size() + " bytes");
            }
            return 1;
        }
        long claimed = 1;
        boolean empty = true;
        long span = 1L << ((level - 1) * layout.pointerShift());
        long base = layout.blockOffset(block);
        byte[] node = nodeBuffer(level);
        image.read(base, node, 0, node.length);
        for (int slot = 0; slot < layout.pointersPerBlock(); slot++) {
            long child = (long) SLOT.get(node, slot * Long.BYTES);
            if (child != 0) {
                empty = false;
                claimed += walk(who, file, child, level - 1, firstPage + slot * span, block, slot);
            }
        }
        if (empty) {
            problem(who + ": block-map node " + block + " (offset " + base + ") is empty");
        }
        return claimed;
    }

    /**
     * Where a pointer was read, for a problem's text: built only for a problem, since the walk
     * follows every pointer of a full container (millions) and finds none.
     */
    private String from(InodeRecord file, long parent, int slot) {
        return parent == 0 ? "its block-map root (inode at offset " + layout.inodeOffset(file.inode()) + ")"
                : "block-map node " + parent + " slot " + slot + " (offset "
                        + (layout.blockOffset(parent) + (long) slot * Long.BYTES) + ")";
    }

    /**
     * The buffer for a node at {@code level}: one per level, because the walk descends while a
     * node's slots are still being read. A node is read in one copy: slot by slot, a 2 MiB node
     * of 262,144 slots cost milliseconds.
     */
    private byte[] nodeBuffer(int level) {
        if (nodeBuffers[level] == null) {
            nodeBuffers[level] = new byte[layout.blockSize()];
        }
        return nodeBuffers[level];
    }

    private boolean claim(long block) {
        int word = (int) (block >>> 6);
        long bit = 1L << (block & 63);
        if ((owned[word] & bit) != 0) {
            return false;
        }
        owned[word] |= bit;
        usedBlocks++;
        return true;
    }

    /**
     * Compares the bitmap with the blocks the files own; call after {@link #checkFiles}. Returns
     * the free data blocks the bitmap marks.
     */
    public long checkBitmap() {
        long free = 0;
        long blockCount = layout.blockCount();
        for (int w = 0; w < owned.length; w++) {
            long first = (long) w << 6;
            long valid = first + 64 <= blockCount ? -1L : (1L << (blockCount - first)) - 1;
            long offset = layout.bitmapWordOffset(first);
            long word = image.getLong(offset);
            long expected = owned[w] | metadataBits(first);
            free += Long.bitCount(~word & valid);
            long wrong = (word ^ expected) | (word & ~valid);
            while (wrong != 0) {
                // one line per run of neighbouring blocks that are wrong in the same way
                int bit = Long.numberOfTrailingZeros(wrong);
                boolean marked = (word & (1L << bit)) != 0;
                boolean past = first + bit >= blockCount;
                int end = bit + 1;
                while (end < 64 && (wrong & (1L << end)) != 0 && ((word & (1L << end)) != 0) == marked
                        && (first + end >= blockCount) == past) {
                    end++;
                }
                wrong &= end == 64 ? 0 : -1L << end;
                boolean one = end - bit == 1;
                String blocks = one ? "block " + (first + bit) + " is"
                        : "blocks " + (first + bit) + " to " + (first + end - 1) + " are";
                String them = one ? "it" : "them";
                problem("allocation bitmap (word at offset " + offset + "): " + blocks + " marked "
                        + (marked ? "in use" : "free") + " but " + (past ? "past the last block"
                        : marked ? "nothing owns " + them : "a file or the metadata owns " + them));
            }
        }
        // The bitmap region is padded to whole pages; the padding maps no block.
        for (long offset = layout.bitmapWordOffset((long) owned.length << 6);
                offset < layout.bitmapOffset() + layout.bitmapBytes(); offset += Long.BYTES) {
            if (image.getLong(offset) != 0) {
                problem("allocation bitmap: the word at offset " + offset + ", past the last block, is not zero");
            }
        }
        return free;
    }

    /** The bits of the 64 blocks from {@code first} that are metadata blocks. */
    private long metadataBits(long first) {
        long count = layout.firstDataBlock() - first;
        return count <= 0 ? 0 : count >= 64 ? -1L : (1L << count) - 1;
    }

    public void problem(String text) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(text);
        } else if (problems.size() == MAX_PROBLEMS) {
            problems.add("... further problems not listed");
        }
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Data blocks the files own: data blocks and block-map nodes. */
    public long usedBlocks() {
        return usedBlocks;
    }
}
