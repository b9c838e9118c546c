package org.daxstore.fs;

import java.nio.ByteBuffer;

import org.daxstore.media.Memory;

/**
 * One block of zeros outside the container: what a view reads from a hole, so that reading a
 * hole allocates nothing and never touches a punched part of the container (on tmpfs, even a
 * read of a punched page would allocate a new one, and raise SIGBUS if none is left).
 */
final class ZeroPage {
    private final ByteBuffer zeros;
    private final long address;

    ZeroPage(int size) {
        this.zeros = ByteBuffer.allocateDirect(size);
        this.address = Memory.addressOf(zeros);
    }

    long address() {
        return address;
    }
}
