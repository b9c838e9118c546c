package org.daxstore.format;

/**
 * Where everything lives in a container: every container offset daxstore uses is computed
 * here and nowhere else (FORMAT.md describes the same layout in prose).
 *
 * <pre>
 *   offset 0        primary superblock     (one 4 KiB metadata page)
 *   offset 4 KiB    secondary superblock   (a copy, for a torn write of the primary)
 *   offset 8 KiB    journal                (journalBytes, a multiple of 4 KiB)
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
    public static final long MAX_JOURNAL_BYTES = 1L << 30;

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
        if (journalBytes < META_PAGE || journalBytes > MAX_JOURNAL_BYTES || journalBytes % META_PAGE != 0) {
            throw new IllegalArgumentException("journal size " + journalBytes
                    + " is not a multiple of 4 KiB in [4 KiB, 1 GiB]");
        }
        if (blockCount < 1 || blockCount > (Long.MAX_VALUE >>> blockShift)) {
            throw new IllegalArgumentException("block count " + blockCount + " is out of range");
        }
        this.blockShift = blockShift;
        this.blockCount = blockCount;
        this.inodeCount = inodeCount;
        this.journalBytes = journalBytes;
        this.bitmapOffset = JOURNAL_OFFSET + journalBytes;
        this.bitmapBytes = roundUp((blockCount + 7) / 8, META_PAGE);
        this.inodeTableOffset = bitmapOffset + bitmapBytes;
        this.inodeTableBytes = roundUp((long) inodeCount * InodeFormat.SIZE, META_PAGE);
        long metadataEnd = inodeTableOffset + inodeTableBytes;
        this.firstDataBlock = roundUp(metadataEnd, 1L << blockShift) >>> blockShift;
        if (firstDataBlock >= blockCount) {
            throw new IllegalArgumentException("a container of " + blockCount + " blocks of " + blockSize()
                    + " bytes has no room for data after " + metadataEnd + " bytes of metadata");
        }
    }

    /** The layout of a new container of (at most) {@code capacity} bytes. */
    public static Layout forCapacity(long capacity, int blockShift, int inodeCount, long journalBytes) {
        return new Layout(blockShift, capacity >>> blockShift, inodeCount, journalBytes);
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
