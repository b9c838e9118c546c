package org.daxstore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.daxstore.check.StoreChecker;
import org.daxstore.events.StoreOpenEvent;
import org.daxstore.fs.FileData;
import org.daxstore.fs.FileNode;
import org.daxstore.fs.Namespace;
import org.daxstore.fs.ReplacingFormat;
import org.daxstore.fs.StoreCounters;
import org.daxstore.fs.StoreHooks;
import org.daxstore.fs.Volume;
import org.daxstore.fs.VolumeOptions;
import org.daxstore.sync.AccessSections;

/**
 * A file store inside one container file on persistent memory or tmpfs.
 *
 * <pre>
 * try (DaxStore store = DaxStore.open(Path.of("/dev/shm/demo.dax"), StoreOptions.capacity(64 &lt;&lt; 20))) {
 *     DaxFile file = store.create("orders");
 *     file.write(0, "hello".getBytes(StandardCharsets.UTF_8));
 * }
 * </pre>
 *
 * Thread-safe: a store and its file handles may be shared by any number of threads. The
 * container is locked while open: a second opener, in this JVM or another process, gets
 * {@link StoreLockedException}.
 *
 * <p>Once the store is closed, every method but {@link #close()}, {@link #path()} and
 * {@link #wasCleanlyClosed()} throws {@link ClosedException}, and so does every method of its
 * files, views and scopes but their own {@code close()} and fixed accessors. On a thread with an
 * {@link AccessScope} of this store open, every method but {@link #path()} and
 * {@link #wasCleanlyClosed()} throws {@link IllegalStateException}, and {@link #close()} leaves
 * the store open (see {@link AccessScope}).
 */
public final class DaxStore implements AutoCloseable {
    /**
     * How long an operation that waits for the store's open access scopes (truncate, punch,
     * delete, a replacing rename, close) waits for scopes of threads that are still alive,
     * before it gives up with {@link OpenScopesException}, changing nothing.
     */
    public static final Duration SCOPE_WAIT_LIMIT = Volume.SCOPE_WAIT_LIMIT;

    private final Volume volume;
    private final Namespace namespace;
    private final FileData data;

    private DaxStore(Volume volume) {
        this.volume = volume;
        this.namespace = new Namespace(volume);
        this.data = new FileData(volume);
    }

    /**
     * Opens the store in {@code path}, formatting a new one with {@code options} if the file
     * does not exist or is empty. An existing store keeps the parameters it was formatted with.
     * Every open replays the journal if the store was not closed cleanly, then checks the image
     * against the format's rules (FORMAT.md) before it uses it.
     *
     * @param path    the container: a file (created if it is missing) or a device DAX node
     * @param options how to format a new store, and the medium, clock and heap budget of this open
     * @return the open store; close it when done
     * @throws NullPointerException if {@code path} or {@code options} is null
     * @throws IllegalArgumentException if a new store is to be formatted and {@code options}
     *     describe no store: a capacity below {@link StoreOptions#minimumCapacity()}, or more
     *     blocks than the format can count; nothing is created or truncated
     * @throws NotEnoughHeapException if the store's in-memory state (its allocation bitmaps,
     *     about 3 bits a block) would not fit the heap budget; nothing is allocated
     * @throws StoreLockedException if the container is open, in this JVM (by any path to it) or
     *     in another process
     * @throws NotAContainerException if the path names no container: a file without the magic
     *     number or too short for a superblock, or not a regular file or device DAX node (a FIFO,
     *     a directory, a socket), which is refused before it is opened
     * @throws CorruptStoreException if the image breaks a rule of the format (FORMAT.md), naming
     *     each (inode, block, offset); the container is left as it was, for
     *     {@code daxstore fsck --repair}
     * @throws MediumUnavailableException if the medium asked for cannot be used here (the pmem
     *     medium without libpmem), saying why
     * @throws StoreFullException if the file system under the container has no room to back the
     *     metadata of a new store, or the holes of an existing one under its metadata and the
     *     blocks in use; the container is left as it was (a file this call created is removed)
     * @throws StoreIOException if the container cannot be created, opened, mapped, read or locked
     *     (a missing directory, no permission), or an interrupt from another thread closed its
     *     channel while the open used it (the thread's interrupt status is then set)
     */
    public static DaxStore open(Path path, StoreOptions options) {
        Arguments.notNull(path, "path", "DaxStore.open");
        Arguments.notNull(options, "options", "DaxStore.open (open(Path) opens an existing store without options)");
        return opened(openVolume(options.volumeOptions(), o -> Volume.open(path, o, Volume.OpenMode.EXISTING_OR_NEW)));
    }

    /**
     * Opens an existing store, checked as {@link #open(Path, StoreOptions)} checks it, on the
     * medium the {@value MediumChoice#PROPERTY} system property names ({@link MediumChoice#AUTO}
     * if it is unset) and with the JVM's heap as its budget.
     *
     * @param path the container: a file or a device DAX node
     * @return the open store; close it when done
     * @throws NullPointerException if {@code path} is null
     * @throws IllegalArgumentException if the {@value MediumChoice#PROPERTY} system property
     *     names no medium
     * @throws NotEnoughHeapException if the store's in-memory state (its allocation bitmaps,
     *     about 3 bits a block) would not fit the heap budget; nothing is allocated
     * @throws StoreLockedException if the container is open, in this JVM (by any path to it) or
     *     in another process
     * @throws NotAContainerException if the path names no container: an empty file, a file without
     *     the magic number or too short for a superblock, or not a regular file or device DAX node
     *     (a FIFO, a directory, a socket), which is refused before it is opened
     * @throws CorruptStoreException if the image breaks a rule of the format (FORMAT.md), naming
     *     each (inode, block, offset); the container is left as it was, for
     *     {@code daxstore fsck --repair}
     * @throws MediumUnavailableException if the medium asked for cannot be used here (the pmem
     *     medium without libpmem), saying why
     * @throws StoreFullException if the file system under the container has no room to back the
     *     holes under its metadata and the blocks in use; the container is left as it was
     * @throws StoreIOException if the container cannot be opened, mapped, read or locked (a missing
     *     directory, no permission), or an interrupt from another thread closed its channel
     *     while the open used it (the thread's interrupt status is then set)
     */
    public static DaxStore open(Path path) {
        Arguments.notNull(path, "path", "DaxStore.open");
        return opened(openVolume(StoreOptions.existingStore(), o -> Volume.open(path, o, Volume.OpenMode.EXISTING)));
    }

    /**
     * Opens an existing store, as {@link #open(Path)} does, on the medium given rather than the
     * one the {@value MediumChoice#PROPERTY} system property names.
     *
     * @param path   the container: a file or a device DAX node
     * @param medium the medium that maps it
     * @return the open store; close it when done
     * @throws NullPointerException if {@code path} or {@code medium} is null
     * @throws NotEnoughHeapException if the store's in-memory state (its allocation bitmaps,
     *     about 3 bits a block) would not fit the heap budget; nothing is allocated
     * @throws StoreLockedException if the container is open, in this JVM (by any path to it) or
     *     in another process
     * @throws NotAContainerException if the path names no container: an empty file, a file without
     *     the magic number or too short for a superblock, or not a regular file or device DAX node
     *     (a FIFO, a directory, a socket), which is refused before it is opened
     * @throws CorruptStoreException if the image breaks a rule of the format (FORMAT.md), naming
     *     each (inode, block, offset); the container is left as it was, for
     *     {@code daxstore fsck --repair}
     * @throws MediumUnavailableException if {@code medium} cannot be used here (the pmem medium
     *     without libpmem), saying why
     * @throws StoreFullException if the file system under the container has no room to back the
     *     holes under its metadata and the blocks in use; the container is left as it was
     * @throws StoreIOException if the container cannot be opened, mapped, read or locked (a missing
     *     directory, no permission), or an interrupt from another thread closed its channel
     *     while the open used it (the thread's interrupt status is then set)
     */
    public static DaxStore open(Path path, MediumChoice medium) {
        Arguments.notNull(path, "path", "DaxStore.open");
        Arguments.notNull(medium, "medium", "DaxStore.open");
        return opened(openVolume(StoreOptions.existingStore(medium), o -> Volume.open(path, o, Volume.OpenMode.EXISTING)));
    }

    /** The store on an opened volume, without the temporaries a writer left ({@link #createTemporary()}). */
    private static DaxStore opened(Volume volume) {
        DaxStore store = new DaxStore(volume);
        try {
            store.namespace.deleteStaleTemporaries();
        } catch (RuntimeException | Error e) {
            try {
                volume.close();
            } catch (RuntimeException | Error closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return store;
    }

    /**
     * Formats a new store in {@code path}, which must be missing or empty.
     *
     * @param path    the container: a file, created if it is missing
     * @param options how to format the store, and the medium, clock and heap budget of this open
     * @return the new store, open; close it when done
     * @throws NullPointerException if {@code path} or {@code options} is null
     * @throws StoreExistsException if the file holds anything
     * @throws IllegalArgumentException if {@code options} describe no store: a capacity
     *     below {@link StoreOptions#minimumCapacity()}, or more blocks than the format can count;
     *     nothing is created or truncated
     * @throws NotEnoughHeapException if the store's in-memory state (its allocation bitmaps,
     *     about 3 bits a block) would not fit the heap budget; nothing is allocated
     * @throws StoreLockedException if the container is open, in this JVM (by any path to it) or
     *     in another process
     * @throws NotAContainerException if the path names neither a regular file nor a device DAX
     *     node (a FIFO, a directory, a socket), refused before it is opened
     * @throws MediumUnavailableException if the medium asked for cannot be used here (the pmem
     *     medium without libpmem), saying why
     * @throws StoreFullException if the file system under the container has no room to back the new
     *     store's metadata; the container is left as it was (a file this call created is removed)
     * @throws StoreIOException if the container cannot be created, opened, mapped, read or locked
     *     (a missing directory, no permission), or an interrupt from another thread closed its
     *     channel while the open used it (the thread's interrupt status is then set)
     */
    public static DaxStore create(Path path, StoreOptions options) {
        Arguments.notNull(path, "path", "DaxStore.create");
        Arguments.notNull(options, "options", "DaxStore.create");
        return new DaxStore(openVolume(options.volumeOptions(), o -> Volume.open(path, o, Volume.OpenMode.NEW)));
    }

    /**
     * Formats a new store in {@code path}, replacing whatever the file held. The file is locked
     * first, so a store open elsewhere is refused with {@link StoreLockedException}, not wiped.
     * A regular file that holds anything is replaced only once the new store is complete: it is
     * built under a temporary name beside the file ({@code .<name>.daxstore-format-<random>}) and
     * renamed over it, so a format that fails (a full file system, say) leaves the old file byte
     * for byte and removes the temporary. A device is formatted in place.
     *
     * @param path    the container: a file (created if it is missing) or a device DAX node
     * @param options how to format the store, and the medium, clock and heap budget of this open
     * @return the new store, open; close it when done
     * @throws NullPointerException if {@code path} or {@code options} is null
     * @throws IllegalArgumentException if {@code options} describe no store: a capacity
     *     below {@link StoreOptions#minimumCapacity()}, or more blocks than the format can count;
     *     nothing is created or truncated
     * @throws NotEnoughHeapException if the store's in-memory state (its allocation bitmaps,
     *     about 3 bits a block) would not fit the heap budget; nothing is allocated
     * @throws StoreLockedException if the container is open, in this JVM (by any path to it) or
     *     in another process
     * @throws NotAContainerException if the path names neither a regular file nor a device DAX
     *     node (a FIFO, a directory, a socket), refused before it is opened
     * @throws MediumUnavailableException if the medium asked for cannot be used here (the pmem
     *     medium without libpmem), saying why
     * @throws StoreFullException if the file system under the container has no room to back the new
     *     store's metadata; the container is left as it was
     * @throws StoreIOException if the container cannot be created, opened, renamed over, mapped,
     *     read or locked (a missing directory, no permission), or an interrupt from another thread
     *     closed its channel while the open used it (the thread's interrupt status is then set)
     */
    public static DaxStore format(Path path, StoreOptions options) {
        Arguments.notNull(path, "path", "DaxStore.format");
        Arguments.notNull(options, "options", "DaxStore.format");
        return new DaxStore(openVolume(options.volumeOptions(), o -> ReplacingFormat.applies(path)
                ? ReplacingFormat.format(path, o) : Volume.open(path, o, Volume.OpenMode.REPLACE)));
    }

    /**
     * Creates an empty file.
     *
     * @param name the new file's name
     * @return a handle to the new file, of size 0
     * @throws NullPointerException if {@code name} is null
     * @throws InvalidNameException if {@code name} breaks the format's rules (empty, longer than
     *     255 UTF-8 bytes, a NUL or a slash, not valid Unicode), or starts with
     *     {@code .daxstore-tmp-}, the prefix reserved for {@link #createTemporary()}
     * @throws DaxFileExistsException if a file of that name exists
     * @throws StoreFullException if the inode table is full ({@link StoreOptions#withMaxFiles})
     * @throws ClosedException if the store is closed
     * @throws IllegalStateException on a thread with an access scope of this store open
     * @throws StoreIOException if writing the metadata back fails (an msync error on a disk file
     *     system); the operation has not happened
     */
    public DaxFile create(String name) {
        Arguments.notNull(name, "name", "DaxStore.create");
        return call(() -> handle(namespace.create(name)));
    }

    /**
     * Creates an empty file under a unique name of the store's own, {@code
     * .daxstore-tmp-<inode>-<generation>} ({@link DaxFile#name()}), for a new version of a file:
     * write it, {@link DaxFile#force() force} it and {@link #renameReplacing rename} it over the
     * file it replaces, or {@link #delete} it on failure. One left behind (its writer was killed)
     * is deleted at the next open. {@link #create} and the renames refuse names with the prefix
     * {@code .daxstore-tmp-}, so no user's file can take such a name.
     *
     * @return a handle to the new, empty file
     * @throws StoreFullException if the inode table is full ({@link StoreOptions#withMaxFiles})
     * @throws ClosedException if the store is closed
     * @throws IllegalStateException on a thread with an access scope of this store open
     * @throws StoreIOException if writing the metadata back fails (an msync error on a disk file
     *     system); the operation has not happened
     */
    public DaxFile createTemporary() {
        return call(() -> handle(namespace.createTemporary()));
    }

    /**
     * Opens an existing file.
     *
     * @param name the file's name
     * @return a new handle to it (handles are cheap; each may be closed on its own)
     * @throws NullPointerException if {@code name} is null
     * @throws InvalidNameException if {@code name} breaks the format's rules (empty, longer than
     *     255 UTF-8 bytes, a NUL or a slash, not valid Unicode)
     * @throws NoSuchDaxFileException if no file has that name
     * @throws ClosedException if the store is closed
     * @throws IllegalStateException on a thread with an access scope of this store open
     */
    public DaxFile openFile(String name) {
        Arguments.notNull(name, "name", "DaxStore.openFile");
        return call(() -> handle(namespace.lookup(name)));
    }

    /**
     * Whether a file has this name.
     *
     * @param name the name
     * @return true if a file of that name exists now
     * @throws NullPointerException if {@code name} is null
     * @throws InvalidNameException if {@code name} breaks the format's rules (empty, longer than
     *     255 UTF-8 bytes, a NUL or a slash, not valid Unicode)
     * @throws ClosedException if the store is closed
     * @throws IllegalStateException on a thread with an access scope of this store open
     */
    public boolean exists(String name) {
        Arguments.notNull(name, "name", "DaxStore.exists");
        return call(() -> namespace.exists(name));
    }

    /**
     * Deletes a file and frees its blocks; its handles and views fail with
     * {@link NoSuchDaxFileException} from then on. Waits for the access scopes of the store that
     * are open.
     *
     * @param name the file's name
     * @throws NullPointerException if {@code name} is null
     * @throws InvalidNameException if {@code name} breaks the format's rules (empty, longer than
     *     255 UTF-8 bytes, a NUL or a slash, not valid Unicode)
     * @throws NoSuchDaxFileException if no file has that name
     * @throws OpenScopesException if threads keep access scopes of the store open past
     *     {@link #SCOPE_WAIT_LIMIT}; nothing is changed
     * @throws CorruptStoreException if the file's block map is found damaged while its blocks are
     *     freed (a stray write into the container while the store is open)
     * @throws ClosedException if the store is closed
     * @throws IllegalStateException on a thread with an access scope of this store open
     * @throws StoreIOException if writing the metadata back fails (an msync error on a disk file
     *     system); the operation has not happened
     */
    public void delete(String name) {
        Arguments.notNull(name, "name", "DaxStore.delete");
        run(() -> namespace.delete(name));
    }

    /**
     * Renames a file; fails with {@link DaxFileExistsException} if {@code to} exists, and with
     * {@link InvalidNameException} if it starts with the reserved {@code .daxstore-tmp-}.
     * Handles and views of the file follow it.
     *
     * @param from the file's name
     * @param to   its new name
     * @throws NullPointerException if {@code from} or {@code to} is null
     * @throws InvalidNameException if either name breaks the format's rules, or {@code to} starts
     *     with {@code .daxstore-tmp-}
     * @throws NoSuchDaxFileException if no file is named {@code from}
     * @throws DaxFileExistsException if a file is named {@code to}
     * @throws ClosedException if the store is closed
     * @throws IllegalStateException on a thread with an access scope of this store open
     * @throws StoreIOException if writing the metadata back fails (an msync error on a disk file
     *     system); the operation has not happened
     */
    public void rename(String from, String to) {
        Arguments.notNull(from, "from", "DaxStore.rename");
        Arguments.notNull(to, "to", "DaxStore.rename");
        run(() -> namespace.rename(from, to));
    }

    /**
     * Renames {@code from} to {@code to}, replacing the file named {@code to} if there is one,
     * atomically (POSIX {@code rename(2)}): one metadata transaction frees the replaced file's
     * blocks and gives {@code from} its name, so after a crash there are either both files as
     * they were or the renamed one alone. The replaced file's handles and views fail from then
     * on with {@link NoSuchDaxFileException}, as after {@link #delete}; like delete, it waits
     * for open access scopes to end. Handles of {@code from} follow it. Write a new version
     * under a temporary name, {@link DaxFile#force() force} it, then rename it over the old one:
     * a failure on the way leaves the old one intact.
     *
     * @param from the file's name
     * @param to   its new name, which may be taken
     * @throws NullPointerException if {@code from} or {@code to} is null
     * @throws InvalidNameException if either name breaks the format's rules, or {@code to} starts
     *     with {@code .daxstore-tmp-}
     * @throws NoSuchDaxFileException if {@code from} does not exist
     * @throws OpenScopesException if threads keep access scopes of the store open past
     *     {@link #SCOPE_WAIT_LIMIT}; nothing is changed (only a rename that replaces a file waits)
     * @throws CorruptStoreException if the replaced file's block map is found damaged while its
     *     blocks are freed (a stray write into the container while the store is open)
     * @throws ClosedException if the store is closed
     * @throws IllegalStateException on a thread with an access scope of this store open
     * @throws StoreIOException if writing the metadata back fails (an msync error on a disk file
     *     system); the operation has not happened
     */
    public void renameReplacing(String from, String to) {
        Arguments.notNull(from, "from", "DaxStore.renameReplacing");
        Arguments.notNull(to, "to", "DaxStore.renameReplacing");
        run(() -> namespace.renameReplacing(from, to));
    }

    /**
     * The names of all files, sorted.
     *
     * @return the names, a new list
     * @throws ClosedException if the store is closed
     * @throws IllegalStateException on a thread with an access scope of this store open
     */
    public List<String> list() {
        return call(namespace::list);
    }

    /**
     * What the store holds about a file now, as {@link DaxFile#stat()}.
     *
     * @param name the file's name
     * @return its name, inode, generation, size, allocated bytes and times
     * @throws NullPointerException if {@code name} is null
     * @throws InvalidNameException if {@code name} breaks the format's rules (empty, longer than
     *     255 UTF-8 bytes, a NUL or a slash, not valid Unicode)
     * @throws NoSuchDaxFileException if no file has that name
     * @throws ClosedException if the store is closed
     * @throws IllegalStateException on a thread with an access scope of this store open
     */
    public FileStat stat(String name) {
        Arguments.notNull(name, "name", "DaxStore.stat");
        return call(() -> handle(namespace.lookup(name)).stat());
    }

    /**
     * What the store has done since it was opened: faults, removals and their grace periods,
     * journal commits, persists. Counted by the slow paths only, without a lock.
     * @return the counts now; each only grows while the store is open
     * @throws ClosedException if the store is closed
     * @throws IllegalStateException on a thread with an access scope of this store open
     */
    public StoreStats stats() {
        return call(() -> {
            StoreCounters c = volume.counters();
            return new StoreStats(c.faults(), c.allocatingFaults(), c.removals(), Duration.ofNanos(c.gracePeriodNanos()),
                    c.journalCommits(), c.persists(), c.persistedBytes());
        });
    }

    /**
     * What the store is and holds now: its medium, layout, free blocks and files.
     *
     * @return a snapshot, taken under the store's metadata lock
     * @throws ClosedException if the store is closed
     * @throws IllegalStateException on a thread with an access scope of this store open
     */
    public StoreInfo info() {
        return call(() -> volume.locked(() -> new StoreInfo(volume.path(), volume.uuid(),
                volume.mediumDescription(), mediumInfo(), AccessSections.ordering(), volume.layout().containerSize(), volume.layout().blockSize(),
                volume.layout().dataBlockCount(),
                volume.allocator().freeBlocks() + volume.allocator().storagePendingBlocks(), volume.layout().inodeCount(),
                volume.inodes().liveCount(), volume.medium().allocatedBytes())));
    }

    /** The typed medium of {@link #info()}: the internal choice and persistence, mapped onto the public values. */
    private MediumInfo mediumInfo() {
        MediumChoice kind = switch (volume.mediumKind()) {
            case PMEM -> MediumChoice.PMEM;
            case MAPPED -> MediumChoice.MAPPED;
            case AUTO -> throw new IllegalStateException("the selector chose no medium: " + volume.mediumDescription());
        };
        MediumInfo.Persistence persistence = switch (volume.medium().persistence()) {
            case CACHE_LINES -> MediumInfo.Persistence.CACHE_LINES;
            case MSYNC -> MediumInfo.Persistence.MSYNC;
            case NONE -> MediumInfo.Persistence.NONE;
        };
        return new MediumInfo(kind, persistence, volume.mediumReason());
    }

    /**
     * Checks every rule of the format on the open store (the online fsck), under the store's
     * metadata lock: metadata operations wait for it, views do not.
     *
     * @return what it found: consistent, or each broken rule with where
     * @throws ClosedException if the store is closed
     * @throws IllegalStateException on a thread with an access scope of this store open
     */
    public CheckReport check() {
        return call(() -> CheckReport.of(volume.locked(() -> StoreChecker.check(volume))));
    }

    /**
     * Makes everything durable: the analogue of {@code syncfs}.
     *
     * @throws ClosedException if the store is closed
     * @throws IllegalStateException on a thread with an access scope of this store open
     * @throws StoreIOException if the operating system fails to write the store back (an msync
     *     error on a disk file system); it may not be durable
     */
    public void force() {
        run(volume::force);
    }

    /**
     * The container's path. Fixed when the store was opened: works after close too.
     *
     * @return the path the store was opened with
     */
    public Path path() {
        return volume.path();
    }

    /**
     * Whether the store had been closed cleanly before this open. Fixed then: works after close
     * too.
     *
     * @return true if it had (a store this open formatted counts as closed cleanly); false if
     *     the process that had it open last crashed or was killed, and the journal was replayed
     */
    public boolean wasCleanlyClosed() {
        return volume.wasClean();
    }

    /**
     * Waits for running operations and open access scopes, makes everything durable and
     * releases the container. Idempotent. A scope whose thread has ended without closing it is
     * revoked (see {@link AccessScope}), not waited for. Scopes of live threads are waited for,
     * for at most {@link #SCOPE_WAIT_LIMIT}: the container cannot be unmapped while they may
     * still reach it.
     *
     * @throws IllegalStateException on a thread with an access scope of this store open (it
     *     would wait for that scope for ever); the store stays open
     * @throws OpenScopesException if live threads keep scopes open past the limit: the store
     *     then refuses every new operation, as a closed one does, but stays mapped and locked;
     *     call close again once the scopes are closed
     * @throws StoreIOException if closing fails part-way (making everything durable, returning
     *     freed storage); the container is released all the same
     */
    @Override
    public void close() {
        volume.close();
    }

    private DaxFile handle(FileNode node) {
        return new DaxFile(volume, data, node);
    }

    private <T> T call(java.util.function.Supplier<T> action) {
        volume.enter();
        try {
            return action.get();
        } finally {
            volume.exit();
        }
    }

    private void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    /**
     * Opens the volume with {@code options}; if that fails, gives their test hooks back to the
     * enclosing {@link StoreHooks#openForTesting}, so that the store a test opens next in it (a
     * retry) still gets them, and no failed open leaves a test running without its hooks.
     */
    private static Volume openVolume(VolumeOptions options, Function<VolumeOptions, Volume> opening) {
        StoreOpenEvent event = StoreOpenEvent.begun();
        try {
            Volume volume = opening.apply(options);
            StoreOpenEvent.end(event, volume.path().toString(), volume.mediumDescription(), !volume.wasClean(),
                    volume.openCheckNanos());
            return volume;
        } catch (RuntimeException | Error e) {
            StoreHooks.giveBack(options.hooks());
            throw e;
        }
    }
}
