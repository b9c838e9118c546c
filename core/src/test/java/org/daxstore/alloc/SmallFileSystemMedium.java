package org.daxstore.alloc;

import java.util.BitSet;

import org.daxstore.StoreFullException;
import org.daxstore.media.ForwardingMedium;
import org.daxstore.media.HeapMedium;
import org.daxstore.media.Memory;

/**
 * A container on a small file system, in process memory: it keeps which blocks have storage
 * and how many more the file system has room for. {@link #preallocate} backs a whole range or,
 * without room for all of it, nothing (as tmpfs undoes a failed fallocate) and throws
 * {@link StoreFullException}; {@link #punch} returns a range's storage and makes it read as
 * zeros, or, if the file system cannot punch, does nothing and says so.
 */
final class SmallFileSystemMedium extends ForwardingMedium {
    private final int blockShift;
    private final BitSet backed = new BitSet();
    private final boolean canPunch;
    private long room;

    /** {@code firstDataBlock} blocks (the metadata) are backed already; {@code room} more can be. */
    SmallFileSystemMedium(int size, int blockShift, long firstDataBlock, long room, boolean canPunch) {
        super(new HeapMedium(size));
        this.blockShift = blockShift;
        this.room = room;
        this.canPunch = canPunch;
        backed.set(0, (int) firstDataBlock);
    }

    @Override
    public void preallocate(long offset, long length) {
        int from = (int) (offset >>> blockShift);
        int to = (int) ((offset + length) >>> blockShift);
        long missing = (to - from) - backed.get(from, to).cardinality();
        if (missing > room) {
            throw new StoreFullException("heap: the file system has no room to back " + length
                    + " bytes at container offset " + offset + " (" + room + " blocks of room)");
        }
        room -= missing;
        backed.set(from, to);
    }

    @Override
    public boolean punch(long offset, long length) {
        if (!canPunch) {
            return false;
        }
        int from = (int) (offset >>> blockShift);
        int to = (int) ((offset + length) >>> blockShift);
        room += backed.get(from, to).cardinality();
        backed.clear(from, to);
        Memory.fill(address(offset), length, (byte) 0); // a hole reads as zeros
        return true;
    }

    boolean isBacked(long block) {
        return backed.get((int) block);
    }

    long room() {
        return room;
    }

    /** Another user of the file system takes or gives back room. */
    void setRoom(long blocks) {
        room = blocks;
    }
}
