package org.daxstore.fs;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory side of one live file: its inode fields, mirrored from media, and the lock that
 * orders its operations. Every handle to the file shares this object.
 *
 * <p>A metadata operation works on a copy of these fields (see {@link Volume}) and publishes
 * them here only after its transaction has committed, so that a reader never follows a
 * block-map root whose contents are not yet on media. {@code map} (the root and height packed
 * into one word, see {@link BlockMap#pack}) and {@code size} are volatile because readers use
 * them without the metadata lock; a reader loads {@code size} first, and a writer that grows a
 * file publishes {@code map} before {@code size}.
 *
 * <p>Operations that only read or add blocks take {@link #structure} shared; operations that
 * remove blocks (truncate to a smaller size, punch, delete) take it exclusive, so that no read
 * or write can be using a block while it is taken away.
 */
public final class FileNode {
    public final int inode;
    public final ReentrantReadWriteLock structure = new ReentrantReadWriteLock();
    /** Orders the fault path of views against operations that remove blocks; see {@link org.daxstore.sync.Seqtex}. */
    public final org.daxstore.sync.Seqtex seqtex = new org.daxstore.sync.Seqtex();
    /** The file's live views, whose translations a removal shoots down (see {@link Volume#removeBlocks}). */
    public final MappedViews views = new MappedViews();

    String name;
    long generation;
    volatile long map;
    volatile long size;
    long allocatedBlocks;
    long createdMillis;
    /** Updated by every write without the metadata lock; reaches media with the next inode write. */
    volatile long modifiedMillis;
    /** Set once the file is deleted: its handles fail from then on. */
    volatile boolean deleted;

    FileNode(int inode) {
        this.inode = inode;
    }

    /** Takes every inode field of {@code from}: map before size, as readers expect. */
    void copyFrom(FileNode from) {
        name = from.name;
        generation = from.generation;
        allocatedBlocks = from.allocatedBlocks;
        createdMillis = from.createdMillis;
        modifiedMillis = from.modifiedMillis;
        map = from.map;
        size = from.size;
    }

    public String name() {
        return name;
    }

    public long generation() {
        return generation;
    }

    public long size() {
        return size;
    }

    public long allocatedBlocks() {
        return allocatedBlocks;
    }

    public long createdMillis() {
        return createdMillis;
    }

    public long modifiedMillis() {
        return modifiedMillis;
    }

    public boolean isDeleted() {
        return deleted;
    }

    public long mapRoot() {
        return BlockMap.root(map);
    }

    public int mapHeight() {
        return BlockMap.height(map);
    }
}
