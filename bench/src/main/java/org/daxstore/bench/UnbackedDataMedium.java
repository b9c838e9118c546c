package org.daxstore.bench;

import org.daxstore.media.ForwardingMedium;
import org.daxstore.media.Medium;

/**
 * A medium that passes every call through except the backing of data blocks: {@link #preallocate}
 * and {@link #prefault} of a range at or past {@code dataStart} do nothing (populating an unbacked
 * page would allocate it). Only {@link OpenBench}'s set-up uses it,
 * to fill a 16 GiB container on tmpfs without 16 GiB of RAM: the store links every block into
 * a file's map, but only the metadata it writes takes pages. Nothing may then read or write the
 * data blocks (on tmpfs a store to an unbacked page allocates it, and fails with SIGBUS once
 * tmpfs is full); a fresh store does not zero blocks it knows are holes, and open, close and the
 * check touch only metadata.
 */
final class UnbackedDataMedium extends ForwardingMedium {
    private final long dataStart;

    UnbackedDataMedium(Medium medium, long dataStart) {
        super(medium);
        this.dataStart = dataStart;
    }

    @Override
    public void preallocate(long offset, long length) {
        if (offset < dataStart) {
            super.preallocate(offset, Math.min(length, dataStart - offset));
        }
    }

    @Override
    public void prefault(long offset, long length) {
        if (offset < dataStart) {
            super.prefault(offset, Math.min(length, dataStart - offset));
        }
    }

    @Override
    public String description() {
        return super.description() + " (data blocks left unbacked)";
    }
}
