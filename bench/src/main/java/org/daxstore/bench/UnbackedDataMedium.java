package org.daxstore.bench;

import org.daxstore.media.Medium;

/**
 * A medium that passes every call through except the backing of data blocks: {@link #preallocate}
 * of a range at or past {@code dataStart} does nothing. Only {@link OpenBench}'s set-up uses it,
 * to fill a 16 GiB container on tmpfs without 16 GiB of RAM: the store links every block into
 * a file's map, but only the metadata it writes takes pages. Nothing may then read or write the
 * data blocks (on tmpfs a store to an unbacked page allocates it, and fails with SIGBUS once
 * tmpfs is full); a fresh store does not zero blocks it knows are holes, and open, close and the
 * check touch only metadata.
 */
final class UnbackedDataMedium implements Medium {
    private final Medium medium;
    private final long dataStart;

    UnbackedDataMedium(Medium medium, long dataStart) {
        this.medium = medium;
        this.dataStart = dataStart;
    }

    @Override
    public void preallocate(long offset, long length) {
        if (offset < dataStart) {
            medium.preallocate(offset, Math.min(length, dataStart - offset));
        }
    }

    @Override
    public long size() {
        return medium.size();
    }

    @Override
    public long address(long offset) {
        return medium.address(offset);
    }

    @Override
    public void flush(long offset, long length) {
        medium.flush(offset, length);
    }

    @Override
    public void drain() {
        medium.drain();
    }

    @Override
    public void persist(long offset, long length) {
        medium.persist(offset, length);
    }

    @Override
    public long flushMergeGap() {
        return medium.flushMergeGap();
    }

    @Override
    public boolean punch(long offset, long length) {
        return medium.punch(offset, length);
    }

    @Override
    public long allocatedBytes() {
        return medium.allocatedBytes();
    }

    @Override
    public String description() {
        return medium.description() + " (data blocks left unbacked)";
    }

    @Override
    public void close() {
        medium.close();
    }
}
