package org.daxstore.media;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.daxstore.StoreIOException;
import org.daxstore.StoreLockedException;
import org.daxstore.nativebridge.LibC;
import org.daxstore.nativebridge.MediaProbe;
import org.daxstore.nativebridge.NativeFile;

/**
 * The container file, opened and locked exclusively. Three locks, each for a reason:
 * <ul>
 *   <li>a registry of open paths keeps out a second opener in this JVM, which file locks cannot
 *       do (they belong to the process);</li>
 *   <li>with the native bridge, a {@code flock} lock on the native descriptor keeps out other
 *       processes for as long as the store is open: it belongs to that descriptor, so libpmem
 *       opening and closing the file to map it does not drop it;</li>
 *   <li>a {@link FileLock} (a POSIX record lock) over the whole file keeps out processes that run
 *       without the native bridge. The kernel drops it when this process closes any descriptor
 *       of the file, so a medium that does so calls {@link #reassertRecordLock} afterwards.</li>
 * </ul>
 */
public final class ContainerFile implements AutoCloseable {
    private static final Set<Path> OPEN_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final Path realPath;
    private final RandomAccessFile file;
    private FileLock lock;
    private final NativeFile nativeFile;
    /** The capacity of a device DAX character device (which has no file length), or 0 for a file. */
    private final long deviceSize;

    private ContainerFile(Path path, Path realPath, RandomAccessFile file, FileLock lock, NativeFile nativeFile,
                          long deviceSize) {
        this.deviceSize = deviceSize;
        this.path = path;
        this.realPath = realPath;
        this.file = file;
        this.lock = lock;
        this.nativeFile = nativeFile;
    }

    /**
     * Opens (creating it if {@code create}) and locks the container.
     *
     * @throws StoreLockedException if this JVM or another process has it open
     * @throws StoreIOException if it cannot be opened
     */
    public static ContainerFile open(Path path, boolean create) {
        if (!create && !path.toFile().exists()) {
            throw new StoreIOException(path + ": no such container", new NoSuchFileException(path.toString()));
        }
        RandomAccessFile file = null;
        Path registered = null;
        try {
            file = new RandomAccessFile(path.toFile(), "rw");
            Path realPath = path.toRealPath();
            if (!OPEN_IN_THIS_JVM.add(realPath)) {
                throw new StoreLockedException(path + ": the store is already open in this JVM");
            }
            registered = realPath;
            FileLock lock = lockExclusively(file.getChannel(), path);
            NativeFile nativeFile = LibC.isAvailable() ? new NativeFile(realPath) : null;
            if (nativeFile != null && !nativeFile.tryLockExclusive()) {
                nativeFile.close();
                throw new StoreLockedException(path + ": the store is locked by another process");
            }
            return new ContainerFile(path, realPath, file, lock, nativeFile, deviceDaxSize(realPath));
        } catch (IOException e) {
            release(file, registered);
            throw new StoreIOException(path + ": cannot open the container: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            release(file, registered);
            throw e;
        }
    }

    /**
     * True if a store in this JVM has {@code path} open. Asked before opening the file at all:
     * closing any descriptor of a file drops this process's fcntl locks on it, the store's included.
     */
    public static boolean isOpenInThisJvm(Path path) {
        try {
            return OPEN_IN_THIS_JVM.contains(path.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private static FileLock lockExclusively(FileChannel channel, Path path) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new StoreLockedException(path + ": the store is locked by another process");
        }
        return lock;
    }

    private static void release(RandomAccessFile file, Path registered) {
        if (registered != null) {
            OPEN_IN_THIS_JVM.remove(registered);
        }
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // already failing: the first error is the one to report
            }
        }
    }

    /** The size of a device DAX node (its sysfs size), or 0 for anything else. */
    private static long deviceDaxSize(Path realPath) {
        if (!LibC.isAvailable()) {
            return 0;
        }
        try {
            MediaProbe probe = MediaProbe.of(realPath);
            return probe.devDax() ? probe.devDaxSize() : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** True for device DAX: a fixed-size character device with no fallocate, always backed. */
    public boolean isDevice() {
        return deviceSize > 0;
    }

    /**
     * Takes the record lock again after this process closed a descriptor of the file (which
     * drops it). The flock lock, held throughout, keeps every native opener out meanwhile.
     *
     * @throws StoreLockedException if a process without the native bridge took the file in between
     */
    public void reassertRecordLock() {
        try {
            lock.release();
            lock = lockExclusively(file.getChannel(), path);
        } catch (IOException e) {
            throw new StoreIOException(path + ": cannot lock the container again: " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    public FileChannel channel() {
        return file.getChannel();
    }

    /** The native descriptor for fallocate and friends, or null when the native bridge is unavailable. */
    public NativeFile nativeFile() {
        return nativeFile;
    }

    public long size() {
        if (deviceSize > 0) {
            return deviceSize;
        }
        try {
            return file.length();
        } catch (IOException e) {
            throw new StoreIOException(path + ": cannot read the container's size: " + e.getMessage(), e);
        }
    }

    /** Sets the container's length without allocating storage: the new part is a hole. */
    public void setLength(long length) {
        if (deviceSize > 0) {
            if (length > deviceSize) {
                throw new StoreIOException(path + ": the device holds " + deviceSize + " bytes, not " + length);
            }
            return;
        }
        try {
            file.setLength(length);
        } catch (IOException e) {
            throw new StoreIOException(path + ": cannot set the container's length to " + length + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (nativeFile != null) {
            nativeFile.close();
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the file below releases the lock as well
        }
        release(file, realPath);
    }
}
