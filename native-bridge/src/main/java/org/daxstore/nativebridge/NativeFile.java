package org.daxstore.nativebridge;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntConsumer;
import java.util.function.IntToLongFunction;

/**
 * A libc descriptor on a file, for the calls the JDK lacks (preallocation, hole punching, the
 * allocated size, mappings with {@code MAP_SYNC} or {@code MAP_POPULATE}). It is a second descriptor beside the JDK's channel on the same file, because
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
    /** Set once {@link #tryLockExclusive} succeeded, so that {@link #close} releases the lock first. */
    private volatile boolean flockHeld;

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

    /**
     * Takes an exclusive flock lock on this descriptor without waiting; it lasts until
     * {@link #close}, which releases it explicitly. See {@link LibC#tryLockExclusive}.
     *
     * @return false if another open file description (this process's or another's) holds one
     */
    public boolean tryLockExclusive() {
        return query(fd -> {
            if (!LibC.tryLockExclusive(fd, pathName)) {
                return 0;
            }
            flockHeld = true;
            return 1;
        }) == 1;
    }

    /** See {@link LibC#posixFallocate}. */
    public void posixFallocate(long offset, long length) {
        call(fd -> LibC.posixFallocate(fd, offset, length, pathName));
    }

    /** See {@link LibC#fallocate}. */
    public void fallocate(int mode, long offset, long length) {
        call(fd -> LibC.fallocate(fd, mode, offset, length, pathName));
    }

    /** See {@link LibC#seekData}: the next offset at or after {@code offset} holding data, or -1. */
    public long nextData(long offset) {
        return query(fd -> LibC.seekData(fd, offset, pathName));
    }

    /** See {@link LibC#seekHole}: the next offset at or after {@code offset} starting a hole, or -1 past the end. */
    public long nextHole(long offset) {
        return query(fd -> LibC.seekHole(fd, offset, pathName));
    }

    /** See {@link LibC#punchHole}. */
    public void punchHole(long offset, long length) {
        call(fd -> LibC.punchHole(fd, offset, length, pathName));
    }

    /**
     * Maps {@code [offset, offset + length)} shared, readable and writable. The kernel lets the range
     * pass the end of the file, but touching a page there raises SIGBUS: keep within the file.
     *
     * @param offset a multiple of {@link LibC#pageSize()}, else EINVAL
     * @param flags  0, or {@link LibC#MAP_POPULATE} to fault the range in now, and/or
     *               {@link LibC#MAP_SYNC} (prefer {@link #mapSync}, which turns the refusal into a value)
     * @throws NativeCallException      naming the flags, the range and the path; with
     *                                  {@link NativeCallException#isNotSupported()} when {@code MAP_SYNC}
     *                                  is refused
     * @throws IllegalArgumentException for a negative length or a flag other than those two
     */
    public FileMapping map(long offset, long length, int flags) {
        return mapAt(0, offset, length, flags);
    }

    /**
     * Maps with {@code MAP_SYNC}, or returns empty where the file system refuses it (EOPNOTSUPP: tmpfs,
     * any file system not mounted for DAX, a file in DAX state only partly). Empty means "use
     * {@code msync} for durability"; any other failure throws as {@link #map} does.
     */
    public Optional<FileMapping> mapSync(long offset, long length, int flags) {
        try {
            return Optional.of(map(offset, length, flags | LibC.MAP_SYNC));
        } catch (NativeCallException e) {
            if (e.isNotSupported()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Maps at exactly {@code address} ({@code MAP_FIXED}), replacing whatever was mapped there: the
     * range must be one the caller owns, such as part of {@link LibC#reserveAddressSpace}. Closing
     * the result unmaps the range, leaving a hole in the reservation.
     *
     * @param address a multiple of {@link LibC#pageSize()}
     */
    public FileMapping mapFixed(long address, long offset, long length, int flags) {
        if (address == 0) {
            throw new IllegalArgumentException("mapFixed on " + pathName + ": address 0");
        }
        return mapAt(address, offset, length, flags | LibC.MAP_FIXED);
    }

    private FileMapping mapAt(long address, long offset, long length, int flags) {
        int allowed = LibC.MAP_POPULATE | LibC.MAP_SYNC | LibC.MAP_FIXED;
        if ((flags & ~allowed) != 0) {
            throw new IllegalArgumentException("map on " + pathName + ": unsupported flags "
                    + LibC.mapFlagsName(flags & ~allowed) + "; the sharing type is chosen here");
        }
        boolean sync = (flags & LibC.MAP_SYNC) != 0;
        // MAP_SHARED would silently drop MAP_SYNC where it is unsupported; the validating type refuses it
        int type = sync ? LibC.MAP_SHARED_VALIDATE : LibC.MAP_SHARED;
        long mapped = query(fd -> LibC.mmap(address, length, LibC.PROT_READ | LibC.PROT_WRITE, type | flags, fd,
                offset, pathName));
        return new FileMapping(pathName, mapped, length, offset, sync);
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

    /**
     * Releases the flock lock, if {@link #tryLockExclusive} took it, and closes the descriptor,
     * once calls in flight have returned. The lock is released first and explicitly: a child
     * process started meanwhile may still hold a copy of the descriptor, which would keep the
     * lock alive after the close. Idempotent.
     */
    @Override
    public void close() {
        Lock write = lock.writeLock();
        write.lock();
        try {
            if (!closed) {
                closed = true;
                try {
                    if (flockHeld) {
                        LibC.unlock(fd, pathName);
                    }
                } finally {
                    LibC.close(fd);
                }
            }
        } finally {
            write.unlock();
        }
    }
}
