package org.daxstore.nativebridge;

/**
 * What {@link LibC#statfs} says of a file system: enough to tell tmpfs from a DAX-capable one and to
 * see how much room is left.
 *
 * @param type            the file system's magic number, e.g. {@link LibC#TMPFS_MAGIC}
 * @param blockSize       the block size in bytes, the unit of the three counts
 * @param blocks          the size of the file system in blocks
 * @param blocksFree      free blocks
 * @param blocksAvailable free blocks an unprivileged user may take (ext4 reserves some for root)
 */
public record StatFs(long type, long blockSize, long blocks, long blocksFree, long blocksAvailable) {
}
