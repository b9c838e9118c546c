package org.daxstore.format;

/**
 * Where everything lives in a container: every container offset daxstore uses is computed
 * here and nowhere else (FORMAT.md describes the same layout in prose).
 *
 * <pre>
 *   offset 0        primary superblock     (one 4 KiB metadata page)
 *   offset 4 KiB    secondary superblock   (a copy, for a torn write of the primary)
 *   offset 8 KiB    journal                (journalBytes, a multiple of 4 KiB, sized by
 *                                           {@link #requiredJournalBytes} to hold any transaction)
 *   then            allocation bitmap      (one bit per block, 1 = in use; 4 KiB pages)
 *   then            inode table            (inodeCount records of 512 bytes; 4 KiB pages)
 *   then, rounded up to a block boundary:
 *                   data blocks            (file data and block-map nodes)
 * </pre>
 *
 * Block {@code b} occupies {@code [b << blockShift, (b + 1) << blockShift)}; the blocks below
 * {@link #firstDataBlock()} hold the metadata above and are marked in use in the bitmap.
 * Block number 0 therefore never names a data block, which lets a block pointer of 0 mean
 * "hole".
 */
public final class Layout {
    /** The unit of the metadata regions, independent of the block size. */
    public static final int META_PAGE = 4096;
    public static final long PRIMARY_SUPERBLOCK = 0;
    public static final long SECONDARY_SUPERBLOCK = META_PAGE;
    public static final long JOURNAL_OFFSET = 2L * META_PAGE;
    public static final int MIN_BLOCK_SHIFT = 12;
    public static final int MAX_BLOCK_SHIFT = 21;
    public static final int MAX_INODES = 1 << 24;
    /**
     * Journal entries beyond the bitmap words and the partial block-map nodes: the inode records
     * of an operation (64 words each), the root growth of a block map, a whole allocation step
     * ({@code FileData.PAGES_PER_TRANSACTION} pages: their slots, bitmap words and new nodes), and a
     * step of {@code force} (32 inode records). Each is below 2,100 words; this leaves twice that.
     */
    public static final int JOURNAL_SLACK_ENTRIES = 4096;

    private final int blockShift;
    private final long blockCount;
    private final int inodeCount;
    private final long journalBytes;
    private final long bitmapOffset;
    private final long bitmapBytes;
    private final long inodeTableOffset;
    private final long inodeTableBytes;
    private final long firstDataBlock;

    /**
     * @throws IllegalArgumentException if the parameters describe no valid container; the
     *     message says which parameter and why
     */
    public Layout(int blockShift, long blockCount, int inodeCount, long journalBytes) {
        if (blockShift < MIN_BLOCK_SHIFT || blockShift > MAX_BLOCK_SHIFT) {
            throw new IllegalArgumentException("block size 2^" + blockShift + " is outside [4 KiB, 2 MiB]");
        }
        if (inodeCount < 1 || inodeCount > MAX_INODES) {
            throw new IllegalArgumentException("inode count " + inodeCount + " is outside [1, " + MAX_INODES + "]");
        }
        if (blockCount < 1 || blockCount > (Long.MAX_VALUE >>> (blockShift + 1))) {
            throw new IllegalArgumentException("block count " + blockCount + " is out of range");
        }
        long requiredJournal = requiredJournalBytes(blockShift, blockCount);
        if (journalBytes > blockCount << blockShift) {
            // checked first: the offsets below are sums that a larger value could overflow
            throw new IllegalArgumentException("a container of " + blockCount + " blocks of " + (1 << blockShift)
                    + " bytes has no room for data after a journal of " + journalBytes + " bytes");
        }
        if (journalBytes < requiredJournal || journalBytes % META_PAGE != 0) {
            throw new IllegalArgumentException("journal size " + journalBytes + " is not a multiple of 4 KiB of at least "
                    + requiredJournal + " bytes (the largest transaction of " + blockCount + " blocks)");
        }
        this.blockShift = blockShift;
        this.blockCount = blockCount;
        this.inodeCount = inodeCount;
        this.journalBytes = journalBytes;
        this.bitmapOffset = JOURNAL_OFFSET + journalBytes;
        this.bitmapBytes = bitmapBytes(blockCount);
        this.inodeTableOffset = bitmapOffset + bitmapBytes;
        this.inodeTableBytes = inodeTableBytes(inodeCount);
        long metadataEnd = inodeTableOffset + inodeTableBytes;
        this.firstDataBlock = roundUp(metadataEnd, 1L << blockShift) >>> blockShift;
        if (firstDataBlock >= blockCount) {
            throw new IllegalArgumentException("a container of " + blockCount + " blocks of " + blockSize()
                    + " bytes has no room for data after " + metadataEnd + " bytes of metadata");
        }
    }

    /**
     * The layout of a store of {@code capacity} bytes, {@code blockSize}-byte blocks and
     * {@code maxFiles} inodes: {@link #forCapacity} with the block size as a byte count, as the
     * options give it.
     *
     * @throws IllegalArgumentException if they describe no store, saying why
     */
    public static Layout forOptions(long capacity, int blockSize, int maxFiles) {
        if (Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("block size " + blockSize + " is not a power of two");
        }
        return forCapacity(capacity, Integer.numberOfTrailingZeros(blockSize), maxFiles);
    }

    /** The layout of a new container of (at most) {@code capacity} bytes, with the journal it needs. */
    public static Layout forCapacity(long capacity, int blockShift, int inodeCount) {
        if (blockShift < MIN_BLOCK_SHIFT || blockShift > MAX_BLOCK_SHIFT) {
            throw new IllegalArgumentException("block size 2^" + blockShift + " is outside [4 KiB, 2 MiB]");
        }
        if (inodeCount < 1 || inodeCount > MAX_INODES) {
            throw new IllegalArgumentException("inode count " + inodeCount + " is outside [1, " + MAX_INODES + "]");
        }
        long minimum = minimumCapacity(blockShift, inodeCount);
        if (capacity < minimum) {
            throw new IllegalArgumentException("a capacity of " + capacity + " bytes is below the minimum of " + minimum
                    + " bytes (" + (minimum >> 10) + " KiB) for blocks of " + (1 << blockShift) + " bytes and "
                    + inodeCount + " files: the metadata, rounded up to a block, and one data block");
        }
        long blockCount = capacity >>> blockShift;
        return new Layout(blockShift, blockCount, inodeCount, requiredJournalBytes(blockShift, blockCount));
    }

    /**
     * The smallest container of blocks of {@code 2^blockShift} bytes and {@code inodeCount}
     * inodes: its metadata (whose journal and bitmap grow with the block count) rounded up to a
     * block, and one data block. The block count needed is non-decreasing in the block count
     * assumed, so iterating from one block reaches the least count that holds itself.
     */
    public static long minimumCapacity(int blockShift, int inodeCount) {
        long blocks = 1;
        while (true) {
            long metadataEnd = JOURNAL_OFFSET + requiredJournalBytes(blockShift, blocks) + bitmapBytes(blocks)
                    + inodeTableBytes(inodeCount);
            long needed = (roundUp(metadataEnd, 1L << blockShift) >>> blockShift) + 1;
            if (needed <= blocks) {
                return blocks << blockShift;
            }
            blocks = needed;
        }
    }

    private static long bitmapBytes(long blockCount) {
        return roundUp((blockCount + 7) / 8, META_PAGE);
    }

    private static long inodeTableBytes(int inodeCount) {
        return roundUp((long) inodeCount * InodeFormat.SIZE, META_PAGE);
    }

    /**
     * The journal that holds the largest transaction of a container of {@code blockCount}
     * blocks, so that no operation is ever split for want of journal space. A transaction writes
     * at most: every bitmap word (deleting a file that holds every block); the slots of the
     * block-map nodes a freed range covers only in part (at most two per level, and never more
     * slots than blocks); and {@link #JOURNAL_SLACK_ENTRIES} more. Nodes a freed range covers
     * whole are freed without clearing their slots. About 0.4% of a container of 4 KiB blocks.
     */
    public static long requiredJournalBytes(int blockShift, long blockCount) {
        long bitmapWords = (blockCount + 63) / 64;
        long partialNodeSlots = Math.min(blockCount, 2L * maxMapHeight(blockShift) << (blockShift - 3));
        long entries = bitmapWords + partialNodeSlots + JOURNAL_SLACK_ENTRIES;
        return roundUp(JournalFormat.HEADER_BYTES + entries * JournalFormat.ENTRY_BYTES, META_PAGE);
    }

    /** The smallest block-map height whose tree maps every page of a file of the largest size. */
    public static int maxMapHeight(int blockShift) {
        long pages = InodeFormat.MAX_FILE_SIZE >>> blockShift;
        int pointerShift = blockShift - 3;
        int height = 0;
        while ((1L << (height * pointerShift)) < pages) {
            height++;
        }
        return height;
    }

    public static long roundUp(long value, long alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }

    public int blockShift() {
        return blockShift;
    }

    public int blockSize() {
        return 1 << blockShift;
    }

    public long blockCount() {
        return blockCount;
    }

    public int inodeCount() {
        return inodeCount;
    }

    public long journalBytes() {
        return journalBytes;
    }

    /** How many metadata words one transaction may write: the entries the journal holds. */
    public long journalCapacity() {
        return JournalFormat.capacity(journalBytes);
    }

    public long containerSize() {
        return blockCount << blockShift;
    }

    public long bitmapOffset() {
        return bitmapOffset;
    }

    public long bitmapBytes() {
        return bitmapBytes;
    }

    /** The container offset of the 64-bit bitmap word that holds block {@code block}'s bit. */
    public long bitmapWordOffset(long block) {
        return bitmapOffset + (block >>> 6) * Long.BYTES;
    }

    public long inodeTableOffset() {
        return inodeTableOffset;
    }

    public long inodeTableBytes() {
        return inodeTableBytes;
    }

    public long inodeOffset(int inode) {
        return inodeTableOffset + (long) inode * InodeFormat.SIZE;
    }

    /** The first block that can hold file data; all blocks below it are metadata. */
    public long firstDataBlock() {
        return firstDataBlock;
    }

    public long dataBlockCount() {
        return blockCount - firstDataBlock;
    }

    /** The bytes that must always be backed by storage: everything below the first data block. */
    public long metadataBytes() {
        return firstDataBlock << blockShift;
    }

    public boolean isDataBlock(long block) {
        return block >= firstDataBlock && block < blockCount;
    }

    public long blockOffset(long block) {
        return block << blockShift;
    }

    /** Block-map nodes hold one 64-bit block number per slot. */
    public int pointersPerBlock() {
        return 1 << (blockShift - 3);
    }

    public int pointerShift() {
        return blockShift - 3;
    }
}
