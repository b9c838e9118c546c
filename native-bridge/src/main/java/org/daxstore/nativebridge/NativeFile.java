package org.daxstore.nativebridge;

import java.nio.file.Path;

/**
 * A file opened through libc, for the calls the JDK does not offer (fallocate, punch-hole,
 * fstat's block count). It is a second descriptor beside the JDK's channel on the same file:
 * reaching into the channel for its descriptor would need JDK internals.
 *
 * <p>Calls may run concurrently. {@link #close()} must not race with them (the owner closes
 * it after its last use); calls after close throw {@link IllegalStateException}.
 */
public final class NativeFile implements AutoCloseable {
    private final Path path;
    private final String name;
    private final int fd;
    private volatile boolean closed;

    public NativeFile(Path path) {
        this.path = path;
        this.name = path.toString();
        this.fd = LibC.open(name, LibC.O_RDWR, name);
    }

    public Path path() {
        return path;
    }

    public void posixFallocate(long offset, long length) {
        LibC.posixFallocate(descriptor(), offset, length, name);
    }

    public void fallocate(int mode, long offset, long length) {
        LibC.fallocate(descriptor(), mode, offset, length, name);
    }

    public void punchHole(long offset, long length) {
        LibC.punchHole(descriptor(), offset, length, name);
    }

    /** Bytes of storage the file holds now. */
    public long allocatedBytes() {
        return LibC.allocatedBytes(descriptor(), name);
    }

    public long size() {
        return LibC.fileSize(descriptor(), name);
    }

    private int descriptor() {
        if (closed) {
            throw new IllegalStateException(name + ": the native descriptor is closed");
        }
        return fd;
    }

    /** Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LibC.close(fd, name);
        }
    }
}
