package org.daxstore.nativebridge;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What {@link LibC#statx} says of a file: its type, size and storage, the device it names if it is
 * a device node, the mount it lies on, and whether the kernel accesses it directly (DAX).
 *
 * @param mask           the {@code STATX_*} bits of the fields the kernel filled in
 * @param attributes     {@code STATX_ATTR_*} bits, meaningful only where {@code attributesMask} has them
 * @param attributesMask the {@code STATX_ATTR_*} bits this kernel and file system report at all
 * @param mode           file type and permissions ({@code st_mode})
 * @param size           the size in bytes (0 for a character device, whatever its capacity)
 * @param blocks         storage held, in 512-byte units
 * @param rdevMajor      the major number of the device a device node names, else 0
 * @param rdevMinor      the minor number of the device a device node names, else 0
 * @param mountId        the mount's id, as in {@code /proc/self/mountinfo}, or -1 where the kernel
 *                       does not report it (before Linux 5.8)
 */
public record Statx(int mask, long attributes, long attributesMask, int mode, long size, long blocks,
        int rdevMajor, int rdevMinor, long mountId) {
    /** Fills in type, mode, sizes and the rest of what {@code stat} returns. */
    static final int STATX_BASIC_STATS = 0x7ff;
    /** Linux 5.8+: fills in {@code stx_mnt_id}. */
    static final int STATX_MNT_ID = 0x1000;
    /** Linux 5.8+: the file is in DAX state (loads and stores reach the media with no page cache). */
    public static final long STATX_ATTR_DAX = 0x00200000L;

    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFREG = 0100000;

    /*
     * struct statx (include/uapi/linux/stat.h), 256 bytes, the same on every architecture because
     * it is built from fixed-width fields only. The offsets read here:
     *   0x00 u32 stx_mask         0x08 u64 stx_attributes    0x1c u16 stx_mode
     *   0x28 u64 stx_size         0x30 u64 stx_blocks        0x38 u64 stx_attributes_mask
     *   0x80 u32 stx_rdev_major   0x84 u32 stx_rdev_minor    0x90 u64 stx_mnt_id
     * The timestamps (0x40..0x7f) and the device holding the file (0x88..0x8f) are not needed.
     */
    static final int SIZE = 256;
    private static final int STX_MASK = 0x00;
    private static final int STX_ATTRIBUTES = 0x08;
    private static final int STX_MODE = 0x1c;
    private static final int STX_SIZE = 0x28;
    private static final int STX_BLOCKS = 0x30;
    private static final int STX_ATTRIBUTES_MASK = 0x38;
    private static final int STX_RDEV_MAJOR = 0x80;
    private static final int STX_RDEV_MINOR = 0x84;
    private static final int STX_MNT_ID = 0x90;

    /** Reads the fields from a buffer the kernel filled, in the machine's byte order. */
    static Statx parse(byte[] buffer) {
        ByteBuffer b = ByteBuffer.wrap(buffer).order(ByteOrder.nativeOrder());
        int mask = b.getInt(STX_MASK);
        return new Statx(mask, b.getLong(STX_ATTRIBUTES), b.getLong(STX_ATTRIBUTES_MASK),
                Short.toUnsignedInt(b.getShort(STX_MODE)), b.getLong(STX_SIZE), b.getLong(STX_BLOCKS),
                b.getInt(STX_RDEV_MAJOR), b.getInt(STX_RDEV_MINOR),
                (mask & STATX_MNT_ID) != 0 ? b.getLong(STX_MNT_ID) : -1);
    }

    public boolean isCharacterDevice() {
        return (mode & S_IFMT) == S_IFCHR;
    }

    public boolean isRegularFile() {
        return (mode & S_IFMT) == S_IFREG;
    }

    /** Bytes of storage held ({@code blocks * 512}). */
    public long allocatedBytes() {
        return blocks * 512;
    }

    /**
     * Whether the kernel accesses the file directly: {@link DaxAttribute#UNKNOWN} where the kernel or
     * file system does not report {@link #STATX_ATTR_DAX} (Linux before 5.8).
     */
    public DaxAttribute dax() {
        if ((attributesMask & STATX_ATTR_DAX) == 0) {
            return DaxAttribute.UNKNOWN;
        }
        return (attributes & STATX_ATTR_DAX) != 0 ? DaxAttribute.YES : DaxAttribute.NO;
    }
}
