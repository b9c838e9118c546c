package org.daxstore.format;

/**
 * The 512-byte inode record: one per file, in the inode table. All integers little-endian.
 *
 * <pre>
 *   0   u32  flags            bit 0: in use
 *   4   u32  name length      UTF-8 bytes, 1..255 while in use
 *   8   u64  generation       +1 each time the slot is reused, so stale handles are detected
 *   16  u64  size             file size in bytes
 *   24  u64  map root         block number of the block-map root, 0 when the file has no blocks
 *   32  u32  map height       0: the root is the data block of page 0; h: the root is an index
 *                             node and the tree maps pages below (blockSize/8)^h
 *   36  u32  reserved (0)
 *   40  u64  allocated blocks data blocks plus block-map nodes
 *   48  u64  created          milliseconds since the epoch
 *   56  u64  modified         milliseconds since the epoch
 *   64  u8[255] name          UTF-8, no NUL, no '/'
 *   319 ..507 reserved (0)
 *   508 u32  CRC32C of bytes 0..507
 * </pre>
 *
 * A slot that has never been used is all zeros (including its CRC) and is free.
 */
public final class InodeFormat {
    public static final int SIZE = 512;
    public static final int FLAGS = 0;
    public static final int NAME_LENGTH = 4;
    public static final int GENERATION = 8;
    public static final int FILE_SIZE = 16;
    public static final int MAP_ROOT = 24;
    public static final int MAP_HEIGHT = 32;
    public static final int ALLOCATED_BLOCKS = 40;
    public static final int CREATED = 48;
    public static final int MODIFIED = 56;
    public static final int NAME = 64;
    public static final int NAME_MAX = 255;
    public static final int CRC = 508;

    public static final int FLAG_IN_USE = 1;

    /**
     * True for the reserved bytes, 36..39 and 319..507: zero in every record this build writes,
     * and a sealed in-use record with one of them set is refused (a free slot keeps nothing but
     * its generation, so every other byte of it is checked anyway).
     */
    public static boolean isReserved(int at) {
        return at >= MAP_HEIGHT + Integer.BYTES && at < ALLOCATED_BLOCKS || at >= NAME + NAME_MAX && at < CRC;
    }

    /** Largest file: 2^46 bytes (64 TiB), far beyond any container, and safe from overflow. */
    public static final long MAX_FILE_SIZE = 1L << 46;

    private InodeFormat() {
    }
}
