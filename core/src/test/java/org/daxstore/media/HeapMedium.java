package org.daxstore.media;

import java.nio.ByteBuffer;

/**
 * A medium in process memory for unit tests: no file, no storage management. Punching does
 * nothing (as on a file system that cannot punch), so freed blocks keep their old bytes, which
 * is what tests of zero-on-allocate need.
 */
public final class HeapMedium implements Medium {
    private final ByteBuffer memory;
    private final long base;

    public HeapMedium(int size) {
        this.memory = ByteBuffer.allocateDirect(size);
        this.base = Memory.addressOf(memory);
    }

    @Override
    public long size() {
        return memory.capacity();
    }

    @Override
    public long address(long offset) {
        if (offset < 0 || offset >= memory.capacity()) {
            throw new IndexOutOfBoundsException("offset " + offset + " outside the " + memory.capacity() + "-byte medium");
        }
        return base + offset;
    }

    @Override
    public void flush(long offset, long length) {
    }

    @Override
    public void drain() {
    }

    @Override
    public void preallocate(long offset, long length) {
    }

    @Override
    public boolean punch(long offset, long length) {
        return false;
    }

    @Override
    public long allocatedBytes() {
        return -1;
    }

    @Override
    public Persistence persistence() {
        return Persistence.NONE; // the heap survives nothing
    }

    @Override
    public String description() {
        return "heap (test)";
    }

    @Override
    public void close() {
    }
}
