package org.daxstore.nativebridge;

import java.nio.file.Path;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntConsumer;
import java.util.function.IntToLongFunction;

/**
 * A libc descriptor on a file, for the calls the JDK lacks (preallocation, hole punching, the
 * allocated size). It is a second descriptor beside the JDK's channel on the same file, because
 * reaching into the channel for its descriptor would need JDK internals.
 *
 * <p>Thread-safe: calls may run concurrently with each other and with {@link #close()}. Calls hold a
 * read lock and {@code close} the write lock, so {@code close} waits for calls in flight. Without
 * that, a call could pass the descriptor number to the kernel after {@code close} had freed it and
 * {@code open} elsewhere had reused it for another file.
 */
public final class NativeFile implements AutoCloseable {
    private final Path path;
    private final String pathName;
    private final int fd;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed; // guarded by lock

    /**
     * Opens an existing file for reading and writing.
     *
     * @throws NativeCallException        if it cannot be opened
     * @throws NativeUnavailableException if the bridge is unavailable ({@link LibC#isAvailable()})
     */
    public NativeFile(Path path) {
        this.path = path;
        this.pathName = path.toString();
        this.fd = LibC.open(pathName, LibC.O_RDWR);
    }

    public Path path() {
        return path;
    }

    /** See {@link LibC#posixFallocate}. */
    public void posixFallocate(long offset, long length) {
        call(fd -> LibC.posixFallocate(fd, offset, length, pathName));
    }

    /** See {@link LibC#fallocate}. */
    public void fallocate(int mode, long offset, long length) {
        call(fd -> LibC.fallocate(fd, mode, offset, length, pathName));
    }

    /** See {@link LibC#punchHole}. */
    public void punchHole(long offset, long length) {
        call(fd -> LibC.punchHole(fd, offset, length, pathName));
    }

    /** See {@link LibC#allocatedBytes}. */
    public long allocatedBytes() {
        return query(LibC::allocatedBytes);
    }

    private void call(IntConsumer operation) {
        query(fd -> {
            operation.accept(fd);
            return 0;
        });
    }

    /** Runs {@code operation} on the descriptor, holding the read lock so that it stays open meanwhile. */
    private long query(IntToLongFunction operation) {
        Lock read = lock.readLock();
        read.lock();
        try {
            if (closed) {
                throw new IllegalStateException(pathName + ": the native descriptor is closed");
            }
            return operation.applyAsLong(fd);
        } finally {
            read.unlock();
        }
    }

    /** Closes the descriptor once calls in flight have returned. Idempotent. */
    @Override
    public void close() {
        Lock write = lock.writeLock();
        write.lock();
        try {
            if (!closed) {
                closed = true;
                LibC.close(fd);
            }
        } finally {
            write.unlock();
        }
    }
}
