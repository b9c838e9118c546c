package org.daxstore;

/**
 * What {@link DaxFile#stat()} reports about a file.
 *
 * @param name            the file's name
 * @param inode           its slot in the inode table
 * @param generation      how many files have used that slot; with the inode it identifies the file
 * @param size            its size in bytes
 * @param allocatedBytes  the storage its blocks take, block-map nodes included
 * @param createdMillis   creation time, milliseconds since the epoch
 * @param modifiedMillis  last modification time, milliseconds since the epoch
 */
public record FileStat(String name, int inode, long generation, long size, long allocatedBytes,
                       long createdMillis, long modifiedMillis) {
}
