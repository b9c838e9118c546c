package org.daxstore.check;

import java.util.ArrayList;
import java.util.List;

import org.daxstore.CorruptStoreException;
import org.daxstore.fs.FileNode;
import org.daxstore.fs.InodeTable;
import org.daxstore.fs.Volume;
import org.daxstore.format.Layout;
import org.daxstore.journal.MetadataTransaction;
import org.daxstore.media.Medium;
import org.daxstore.media.Memory;

/**
 * Checks every rule of the on-media format against the media itself, and the open store's
 * in-memory state against the media:
 * <ol>
 *   <li>every inode record has a valid checksum and fields, and names are unique;</li>
 *   <li>every block-map pointer lies in the data region, and every block is reached at most
 *       once, by one file (DESIGN.md invariant 1);</li>
 *   <li>no block maps a page at or past the end of its file, and no block-map node is empty;</li>
 *   <li>each inode's allocated-block count equals the blocks its map reaches;</li>
 *   <li>the allocation bitmap marks exactly the metadata blocks and the blocks files own;</li>
 *   <li>the in-memory files and free count equal what is on media.</li>
 * </ol>
 * The walk never enters a block twice, so a corrupt map cannot make it loop. It reports; it
 * never repairs and never throws for a broken rule. Run it with no metadata operation in flight.
 */
public final class StoreChecker {
    private static final int MAX_PROBLEMS = 100;

    private final Medium medium;
    private final Layout layout;
    private final long[] owned;
    private final List<String> problems = new ArrayList<>();
    private long usedBlocks;

    private StoreChecker(Medium medium, Layout layout) {
        this.medium = medium;
        this.layout = layout;
        this.owned = new long[(int) ((layout.blockCount() + 63) >>> 6)];
    }

    /** Checks an open store. The caller holds its metadata lock. */
    public static CheckReport check(Volume volume) {
        StoreChecker checker = new StoreChecker(volume.medium(), volume.layout());
        InodeTable onMedia;
        try {
            onMedia = InodeTable.load(volume.medium(), volume.layout(), new MetadataTransaction(volume.medium(), volume.layout(), 0));
        } catch (CorruptStoreException e) {
            checker.problem("inode table: " + e.getMessage());
            return checker.report(0, 0);
        }
        List<FileNode> files = onMedia.liveNodes();
        for (FileNode file : files) {
            checker.checkFile(file);
            checker.compareWithMemory(file, volume.inodes().node(file.inode));
        }
        if (volume.inodes().liveCount() != files.size()) {
            checker.problem("the open store has " + volume.inodes().liveCount() + " files in memory but "
                    + files.size() + " on media");
        }
        long free = checker.checkBitmap();
        if (free != volume.allocator().freeBlocks()) {
            checker.problem("the allocator counts " + volume.allocator().freeBlocks()
                    + " free blocks but the bitmap marks " + free);
        }
        return checker.report(files.size(), free);
    }

    private CheckReport report(int files, long free) {
        return new CheckReport(List.copyOf(problems), files, usedBlocks, free);
    }

    private void checkFile(FileNode file) {
        String who = "file '" + file.name() + "' (inode " + file.inode + ")";
        long root = file.mapRoot();
        long reached = 0;
        if (root != 0) {
            reached = walk(who, file, root, file.mapHeight(), 0, "its block-map root");
        }
        if (reached != file.allocatedBlocks()) {
            problem(who + ": its inode counts " + file.allocatedBlocks() + " blocks but its map reaches " + reached);
        }
    }

    /** Walks the subtree at {@code block}, claiming each block; returns how many blocks it claimed. */
    private long walk(String who, FileNode file, long block, int level, long firstPage, String from) {
        if (!layout.isDataBlock(block)) {
            problem(who + ": " + from + " points to block " + block + ", outside the data blocks ["
                    + layout.firstDataBlock() + ", " + layout.blockCount() + ")");
            return 0;
        }
        if (!claim(block)) {
            problem(who + ": " + from + " points to block " + block + ", which is already in use (invariant 1)");
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
        for (int slot = 0; slot < layout.pointersPerBlock(); slot++) {
            long child = Memory.getLong(medium.address(base + (long) slot * Long.BYTES));
            if (child != 0) {
                empty = false;
                claimed += walk(who, file, child, level - 1, firstPage + slot * span,
                        "block-map node " + block + " slot " + slot);
            }
        }
        if (empty) {
            problem(who + ": block-map node " + block + " is empty");
        }
        return claimed;
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

    /** Compares the bitmap with the blocks the files own; returns the free data blocks it marks. */
    private long checkBitmap() {
        long free = 0;
        long blockCount = layout.blockCount();
        for (int w = 0; w < owned.length; w++) {
            long first = (long) w << 6;
            long valid = first + 64 <= blockCount ? -1L : (1L << (blockCount - first)) - 1;
            long word = Memory.getLong(medium.address(layout.bitmapWordOffset(first)));
            long expected = owned[w] | metadataBits(first);
            free += Long.bitCount(~word & valid);
            for (long wrong = (word ^ expected) | (word & ~valid); wrong != 0; wrong &= wrong - 1) {
                long block = first + Long.numberOfTrailingZeros(wrong);
                boolean marked = (word & Long.lowestOneBit(wrong)) != 0;
                problem("allocation bitmap: block " + block + " is marked " + (marked ? "in use" : "free") + " but "
                        + (block >= blockCount ? "it lies past the last block"
                        : marked ? "nothing owns it" : "a file or the metadata owns it"));
            }
        }
        return free;
    }

    /** The bits of the 64 blocks from {@code first} that are metadata blocks. */
    private long metadataBits(long first) {
        long count = layout.firstDataBlock() - first;
        return count <= 0 ? 0 : count >= 64 ? -1L : (1L << count) - 1;
    }

    private void compareWithMemory(FileNode onMedia, FileNode inMemory) {
        String who = "file '" + onMedia.name() + "' (inode " + onMedia.inode + ")";
        if (inMemory == null) {
            problem(who + ": on media but not open in memory");
        } else if (!inMemory.name().equals(onMedia.name()) || inMemory.size() != onMedia.size()
                || inMemory.mapRoot() != onMedia.mapRoot() || inMemory.mapHeight() != onMedia.mapHeight()
                || inMemory.allocatedBlocks() != onMedia.allocatedBlocks()) {
            problem(who + ": in memory (size " + inMemory.size() + ", root " + inMemory.mapRoot() + ", blocks "
                    + inMemory.allocatedBlocks() + ") differs from media (size " + onMedia.size() + ", root "
                    + onMedia.mapRoot() + ", blocks " + onMedia.allocatedBlocks() + ")");
        }
    }

    private void problem(String text) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(text);
        } else if (problems.size() == MAX_PROBLEMS) {
            problems.add("... further problems not listed");
        }
    }
}
