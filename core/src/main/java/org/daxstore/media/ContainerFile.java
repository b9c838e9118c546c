package org.daxstore.media;

import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
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
 *   <li>a registry of the files in use in this JVM (by a store, or by an offline check), keyed
 *       by {@link FileIdentity} (device and inode), keeps out a second user in this JVM, which
 *       the two file locks cannot do: they belong to the process, or conflict within it only by
 *       accident. A path is claimed there before anything opens the file, and a refused claim
 *       opens nothing: closing any descriptor of a file drops this process's record locks on
 *       it, so a second open that opened the file before it was refused would leave the first
 *       store open to other processes. Every path to the file (a hard link, a symbolic link,
 *       {@code ..}) finds the same entry;</li>
 *   <li>with the native bridge, a {@code flock} lock on the native descriptor keeps out other
 *       processes for as long as the store is open: it belongs to that descriptor's open file
 *       description, so libpmem opening and closing the file to map it does not drop it. A
 *       child process started meanwhile shares that description until it executes its program,
 *       so closing releases the lock explicitly before closing the descriptor;</li>
 *   <li>a {@link FileLock} (a POSIX record lock) over the whole file keeps out processes that run
 *       without the native bridge. The kernel drops it when this process closes any descriptor
 *       of the file, so a medium that does so calls {@link #reassertRecordLock} afterwards.</li>
 * </ul>
 * The file is read and written through a {@link PositionalFile}, whose descriptor an interrupt
 * cannot close (which would drop the record lock). An open that fails releases whatever it
 * took, whatever it fails with.
 */
public final class ContainerFile implements AutoCloseable {
    /** The files in use in this JVM, and by what: for the message a second user gets. */
    private static final ConcurrentHashMap<FileIdentity, String> IN_USE_IN_THIS_JVM = new ConcurrentHashMap<>();
    private static final String STORE = "a store";

    private final Path path;
    private final PositionalFile file;
    private FileLock lock;
    private final NativeFile nativeFile;
    /** The capacity of a device DAX character device (which has no file length), or 0 for a file. */
    private final long deviceSize;
    private final Claim claim;

    private ContainerFile(Path path, PositionalFile file, FileLock lock, NativeFile nativeFile, long deviceSize,
                          Claim claim) {
        this.deviceSize = deviceSize;
        this.claim = claim;
        this.path = path;
        this.file = file;
        this.lock = lock;
        this.nativeFile = nativeFile;
    }

    /**
     * Opens (creating it if {@code create}) and locks the container.
     *
     * @throws StoreLockedException if this JVM or another process has it open
     * @throws org.daxstore.NotAContainerException if the path names something other than a
     *     regular file or a device DAX node (a FIFO, a directory, a socket...); nothing is opened
     * @throws StoreIOException if it cannot be opened
     */
    public static ContainerFile open(Path path, boolean create) {
        Claim claim;
        try {
            claim = claim(path, STORE, create);
        } catch (NoSuchFileException e) {
            throw new StoreIOException(path + (create ? ": cannot create the container: no such directory (or a"
                    + " symbolic link to a missing one)" : ": no such container"), e);
        } catch (IOException e) {
            throw new StoreIOException(path + ": cannot open the container: " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
        if (!claim.granted()) {
            throw new StoreLockedException(path + ": the store is already open in this JVM"
                    + (claim.holder().equals(STORE) ? "" : " (by " + claim.holder() + ")"));
        }
        PositionalFile file = null;
        NativeFile nativeFile = null;
        try {
            file = PositionalFile.open(path, true);
            claim.requireStillAt(path);
            Path realPath = path.toRealPath();
            FileLock lock = lockExclusively(file, path);
            if (LibC.isAvailable()) {
                nativeFile = new NativeFile(realPath);
                claim.requireStillAt(path);
                if (!nativeFile.tryLockExclusive()) {
                    throw new StoreLockedException(path + ": the store is locked by another process");
                }
            }
            return new ContainerFile(path, file, lock, nativeFile, deviceDaxSize(realPath), claim);
        } catch (IOException e) {
            release(nativeFile, file, claim);
            throw new StoreIOException(path + ": cannot open the container: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            release(nativeFile, file, claim);
            throw e;
        }
    }

    /**
     * True if a store (or a claim) in this JVM has the file {@code path} names. Found by
     * {@code stat}, without opening the file: closing any descriptor of a file drops this
     * process's record locks on it, a store's included.
     */
    public static boolean isOpenInThisJvm(Path path) {
        try {
            return IN_USE_IN_THIS_JVM.containsKey(FileIdentity.of(path));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Claims the file {@code path} names in this JVM for {@code reader}, one that opens the file
     * by itself (the offline fsck), until the claim is closed: no store in this JVM can open it
     * meanwhile. Claimed before the reader opens the file, because closing any descriptor of a
     * file drops this process's record locks on it, a store's included.
     *
     * @return the claim; if a store or another reader in this JVM has the file, a claim that was
     *     not {@link Claim#granted() granted}, naming {@link Claim#holder() what holds it}
     * @throws IOException if the path cannot be resolved (a missing file: {@link NoSuchFileException})
     * @throws org.daxstore.NotAContainerException if it names neither a regular file nor a device
     *     DAX node
     */
    public static Claim claim(Path path, String reader) throws IOException {
        return claim(path, reader, false);
    }

    /**
     * Finds the file's identity and claims it, all under one lock, so that no other opener in
     * this JVM can come between: creating the file (if {@code create} and it is missing) opens
     * and closes a descriptor of it, harmless only while nobody else here can have locked it.
     */
    private static Claim claim(Path path, String user, boolean create) throws IOException {
        synchronized (IN_USE_IN_THIS_JVM) {
            boolean created = false;
            if (create && Files.notExists(path)) {
                try {
                    Files.createFile(path);
                    created = true;
                } catch (FileAlreadyExistsException e) {
                    // created meanwhile by another process (or a dangling link): identified below
                }
            }
            FileIdentity identity = FileIdentity.of(path);
            return new Claim(identity, IN_USE_IN_THIS_JVM.putIfAbsent(identity, user), created);
        }
    }

    /** A hold on a file in this JVM ({@link #claim}). */
    public static final class Claim implements AutoCloseable {
        private final FileIdentity identity;
        private final String holder;
        private final boolean created;

        private Claim(FileIdentity identity, String holder, boolean created) {
            this.identity = identity;
            this.holder = holder;
            this.created = created;
        }

        public boolean granted() {
            return holder == null;
        }

        /** What held the file when the claim was refused ("a store", or another reader); null if granted. */
        public String holder() {
            return holder;
        }

        /**
         * Refuses to go on if {@code path} no longer names the claimed file: it was replaced (a
         * rename over it) after the claim and before it was opened, so what was opened is not
         * what was claimed.
         */
        public void requireStillAt(Path path) throws IOException {
            if (!FileIdentity.of(path).equals(identity)) {
                throw new StoreIOException(path + ": the file was replaced while it was being opened");
            }
        }

        @Override
        public void close() {
            if (granted()) {
                IN_USE_IN_THIS_JVM.remove(identity);
            }
        }
    }

    private static FileLock lockExclusively(PositionalFile file, Path path) throws IOException {
        FileLock lock;
        try {
            lock = file.tryLock(false);
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
     * keep the file from ever opening again in this JVM. Closing the descriptor releases its
     * record lock; the registry entry goes last.
     */
    private static void release(NativeFile nativeFile, PositionalFile file, Claim claim) {
        closeQuietly(nativeFile);
        closeQuietly(file);
        claim.close();
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
        return claim.created;
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
            file.release(lock);
            lock = lockExclusively(file, path);
        } catch (IOException e) {
            throw new StoreIOException(path + ": cannot lock the container again: " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    /** The container's bytes, read and written by positional calls that no interrupt can close. */
    public PositionalFile file() {
        return file;
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
        release(nativeFile, file, claim);
    }
}
