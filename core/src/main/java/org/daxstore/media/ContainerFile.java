package org.daxstore.media;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

import org.daxstore.StoreIOException;
import org.daxstore.StoreLockedException;
import org.daxstore.nativebridge.LibC;
import org.daxstore.nativebridge.MediaProbe;
import org.daxstore.nativebridge.NativeFile;

/**
 * The container file, opened and locked exclusively. Three locks, each for a reason:
 * <ul>
 *   <li>a registry of the paths in use in this JVM (by a store, or by an offline check)
 *       keeps out a second user in this JVM, which the two file locks cannot do: they belong
 *       to the process, or conflict within it only by accident;</li>
 *   <li>with the native bridge, a {@code flock} lock on the native descriptor keeps out other
 *       processes for as long as the store is open: it belongs to that descriptor's open file
 *       description, so libpmem opening and closing the file to map it does not drop it. A
 *       child process started meanwhile shares that description until it executes its program,
 *       so closing releases the lock explicitly before closing the descriptor;</li>
 *   <li>a {@link FileLock} (a POSIX record lock) over the whole file keeps out processes that run
 *       without the native bridge. The kernel drops it when this process closes any descriptor
 *       of the file, so a medium that does so calls {@link #reassertRecordLock} afterwards.</li>
 * </ul>
 * An open that fails releases whatever it took, whatever it fails with.
 */
public final class ContainerFile implements AutoCloseable {
    /** The real paths in use in this JVM, and by what: for the message a second user gets. */
    private static final ConcurrentHashMap<Path, String> IN_USE_IN_THIS_JVM = new ConcurrentHashMap<>();
    private static final String STORE = "a store";

    private final Path path;
    private final Path realPath;
    private final RandomAccessFile file;
    private FileLock lock;
    private final NativeFile nativeFile;
    /** The capacity of a device DAX character device (which has no file length), or 0 for a file. */
    private final long deviceSize;
    private final boolean created;

    private ContainerFile(Path path, Path realPath, RandomAccessFile file, FileLock lock, NativeFile nativeFile,
                          long deviceSize, boolean created) {
        this.deviceSize = deviceSize;
        this.created = created;
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
        NativeFile nativeFile = null;
        boolean existed = path.toFile().exists();
        try {
            file = new RandomAccessFile(path.toFile(), "rw");
            Path realPath = path.toRealPath();
            register(path, realPath, STORE);
            registered = realPath;
            FileLock lock = lockExclusively(file.getChannel(), path);
            if (LibC.isAvailable()) {
                nativeFile = new NativeFile(realPath);
                if (!nativeFile.tryLockExclusive()) {
                    throw new StoreLockedException(path + ": the store is locked by another process");
                }
            }
            return new ContainerFile(path, realPath, file, lock, nativeFile, deviceDaxSize(realPath), !existed);
        } catch (IOException e) {
            release(nativeFile, null, file, registered);
            throw new StoreIOException(path + ": cannot open the container: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            release(nativeFile, null, file, registered);
            throw e;
        }
    }

    /**
     * True if a store (or a claim) in this JVM has {@code path}. Asked before opening the file at
     * all: closing any descriptor of a file drops this process's record locks on it, a store's
     * included.
     */
    public static boolean isOpenInThisJvm(Path path) {
        try {
            return IN_USE_IN_THIS_JVM.containsKey(path.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Claims {@code path} in this JVM for {@code reader}, one that opens the file by itself (the
     * offline fsck), until the claim is closed: no store in this JVM can open it meanwhile.
     * Claimed before the reader opens the file, because closing any descriptor of a file drops
     * this process's record locks on it, a store's included.
     *
     * @return the claim; if a store or another reader in this JVM has the path, a claim that was
     *     not {@link Claim#granted() granted}, naming {@link Claim#holder() what holds it}
     * @throws IOException if the path cannot be resolved (a missing file: {@link NoSuchFileException})
     */
    public static Claim claim(Path path, String reader) throws IOException {
        Path realPath = path.toRealPath();
        String holder = IN_USE_IN_THIS_JVM.putIfAbsent(realPath, reader);
        return new Claim(realPath, holder);
    }

    /** A reader's hold on a path in this JVM ({@link #claim}). */
    public static final class Claim implements AutoCloseable {
        private final Path realPath;
        private final String holder;

        private Claim(Path realPath, String holder) {
            this.realPath = realPath;
            this.holder = holder;
        }

        public boolean granted() {
            return holder == null;
        }

        /** What held the path when the claim was refused ("a store", or another reader); null if granted. */
        public String holder() {
            return holder;
        }

        @Override
        public void close() {
            if (granted()) {
                IN_USE_IN_THIS_JVM.remove(realPath);
            }
        }
    }

    private static void register(Path path, Path realPath, String user) {
        String holder = IN_USE_IN_THIS_JVM.putIfAbsent(realPath, user);
        if (holder != null) {
            throw new StoreLockedException(path + ": the store is already open in this JVM"
                    + (holder.equals(STORE) ? "" : " (by " + holder + ")"));
        }
    }

    private static FileLock lockExclusively(FileChannel channel, Path path) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // The JDK keeps one table of record locks per JVM: another channel here holds one.
            throw new StoreLockedException(path + ": the store is locked in this JVM, through another channel of the file");
        }
        if (lock == null) {
            throw new StoreLockedException(path + ": the store is locked by another process");
        }
        return lock;
    }

    /**
     * Releases what an open took, newest first. Every step runs even when an earlier one
     * fails: a descriptor left open would keep its lock, and a registry entry left behind would
     * keep the path from ever opening again in this JVM. The registry entry goes last.
     */
    private static void release(NativeFile nativeFile, FileLock lock, RandomAccessFile file, Path registered) {
        closeQuietly(nativeFile);
        closeQuietly(lock);
        closeQuietly(file); // closing the channel releases its record lock too
        if (registered != null) {
            IN_USE_IN_THIS_JVM.remove(registered);
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception ignored) {
            // already failing, or closing anyway: the next step is all that is left to do
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

    /**
     * True if this open created the file: a store that then fails to open removes it, so that a
     * failed create leaves nothing behind (an empty file would then read as "not a container").
     */
    public boolean created() {
        return created;
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

    /** Releases the locks and closes the file. */
    @Override
    public void close() {
        release(nativeFile, lock, file, realPath);
    }
}
