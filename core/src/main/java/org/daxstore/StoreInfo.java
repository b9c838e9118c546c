package org.daxstore;

import java.nio.file.Path;
import java.util.UUID;

/**
 * What {@link DaxStore#info()} reports about a store.
 *
 * @param path              the container file
 * @param uuid              the store's identity, fixed at format
 * @param medium            the medium in use, its persistence method and why it was chosen, in
 *                          one line for people
 * @param mediumInfo        the same as values: which medium, what persist does, why chosen
 * @param accessOrdering    how view accesses are ordered against truncate and punch in this
 *                          process (with membarrier or a fence per access), and why
 * @param capacity          the container's size in bytes
 * @param blockSize         bytes per block
 * @param dataBlocks        blocks available to files
 * @param freeBlocks        of those, how many are free (counting those whose storage another
 *                          thread is returning to the file system right now: they are free on media)
 * @param maxFiles          the size of the inode table
 * @param files             how many files exist
 * @param containerAllocatedBytes storage the file system holds for the container, -1 if unknown
 */
public record StoreInfo(Path path, UUID uuid, String medium, MediumInfo mediumInfo, String accessOrdering, long capacity, int blockSize, long dataBlocks,
                        long freeBlocks, int maxFiles, int files, long containerAllocatedBytes) {
}
