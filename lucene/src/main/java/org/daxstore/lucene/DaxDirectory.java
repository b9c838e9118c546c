package org.daxstore.lucene;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.lucene.store.BaseDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.OutputStreamIndexOutput;
import org.daxstore.DaxFile;
import org.daxstore.DaxFileExistsException;
import org.daxstore.DaxStore;
import org.daxstore.DaxStoreException;
import org.daxstore.InvalidNameException;
import org.daxstore.StoreOptions;

/**
 * A Lucene {@link org.apache.lucene.store.Directory} whose index files are the files of one
 * daxstore container ({@link DaxStore}).
 *
 * <pre>
 * try (DaxDirectory dir = DaxDirectory.open(Path.of("/dev/shm/index.dax"), StoreOptions.capacity(1L &lt;&lt; 30));
 *      IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig())) {
 *     Document doc = new Document();
 *     doc.add(new TextField("body", "hello persistent memory", Field.Store.YES));
 *     writer.addDocument(doc);
 * }
 * </pre>
 *
 * <p><b>Reads</b> go through one read-only view of each open file, shared by the input's clones
 * and slices; the input copies runs of the file into a heap window (512 bytes after a seek, growing
 * to 16 KiB while the reads run on) with one view access each, and reads bytes, vints, ints and
 * longs from there with plain array reads
 * (see {@code DaxIndexInput}). Nothing the store does while an input reads (a delete, a merge's
 * removal of files, a close) can crash the JVM or show the input another file's bytes: a view
 * access either sees its file or fails.
 *
 * <p><b>Writes</b> are buffered (64 KiB) and appended with positional writes, with the CRC32
 * Lucene's codecs ask for ({@link OutputStreamIndexOutput}). {@link #sync} forces each file,
 * {@link #syncMetaData} the store; {@link #rename} is the store's rename, atomic as Lucene needs
 * for {@code segments_N}, and refuses a taken name with {@link FileAlreadyExistsException}.
 *
 * <p><b>Deleting a file that an input still reads</b> (Lucene does, after a merge or a commit,
 * while older readers are open): as on POSIX, the input goes on reading it. The delete renames
 * the file to a hidden name at once, so its name is free and it is gone from {@link #listAll},
 * {@link #fileLength} and {@link #openInput}, and the hidden file is deleted when the last input
 * opened on it closes (clones and slices do not count: they die with their input). Hidden names
 * start with {@code .daxlucene-deleted-}; hidden files a crash left behind are deleted when a
 * directory next opens on the container. So {@link #getPendingDeletions()} is always empty: no
 * name is ever held back (as it is on Windows, where Lucene must wait to reuse it).
 *
 * <p><b>Locks</b> ({@link #obtainLock}): a table in memory per directory; a second lock of the
 * same name fails with {@link org.apache.lucene.store.LockObtainFailedException}. The store's
 * own lock on the container keeps every other opener out, and one directory at a time may be
 * open on a store (a second is refused with {@link IllegalStateException}), so the table is the
 * container's. Closing the directory releases its locks.
 *
 * <p>Once closed, every method but {@link #close()} throws
 * {@link org.apache.lucene.store.AlreadyClosedException}. Thread-safe.
 */
public final class DaxDirectory extends BaseDirectory {
    /** The output buffer: large enough that appends cost few store writes. */
    static final int OUTPUT_BUFFER = 64 << 10;
    /** The stores with an open directory: one at a time each, since the locks and hidden files are the directory's. */
    private static final Set<DaxStore> STORES_IN_USE = Collections.newSetFromMap(new WeakHashMap<>());

    private final DaxStore store;
    private final boolean ownsStore;
    private final OpenFiles openFiles;
    private final AtomicLong nextTempFile = new AtomicLong();

    /**
     * A directory over an open store, which the caller keeps and closes (after this directory).
     * Deletes the hidden files a crash left (see the class comment).
     *
     * @param store the container
     * @throws NullPointerException if {@code store} is null
     * @throws IllegalStateException if another directory is open on {@code store}
     * @throws IOException if the store cannot list or delete the files a crash left
     * @throws org.apache.lucene.store.AlreadyClosedException if the store is closed
     */
    public DaxDirectory(DaxStore store) throws IOException {
        this(store, false);
    }

    private DaxDirectory(DaxStore store, boolean ownsStore) throws IOException {
        super(new ContainerLockFactory());
        if (store == null) {
            throw new NullPointerException("DaxDirectory: store is null");
        }
        this.store = store;
        this.ownsStore = ownsStore;
        this.openFiles = new OpenFiles(store);
        synchronized (STORES_IN_USE) {
            if (!STORES_IN_USE.add(store)) {
                throw new IllegalStateException(store.path() + ": another DaxDirectory is open on this store; close it first");
            }
        }
        try {
            openFiles.deleteLeftovers();
        } catch (IOException | RuntimeException e) {
            release();
            throw e;
        }
    }

    /**
     * Opens the container in {@code path} (formatting a new one with {@code options} if the file
     * is missing or empty, as {@link DaxStore#open(Path, StoreOptions)}) and a directory over it
     * that closes the store when it closes.
     *
     * @param path    the container file
     * @param options how to format a new container (capacity, block size, the most files)
     * @return the directory; close it when done
     * @throws NullPointerException if {@code path} or {@code options} is null
     * @throws IOException if the store cannot be opened (locked by another opener, corrupt, not
     *     a container, no room); the cause is the store's exception
     * @throws IllegalArgumentException if {@code options} describe no store
     */
    public static DaxDirectory open(Path path, StoreOptions options) throws IOException {
        DaxStore store;
        try {
            store = DaxStore.open(path, options);
        } catch (DaxStoreException e) {
            throw new IOException("opening the container " + path + " for a DaxDirectory: " + e.getMessage(), e);
        }
        try {
            return new DaxDirectory(store, true);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * The store this directory keeps its files in.
     *
     * @return the store (closed once the directory closes, if {@link #open} opened it)
     */
    public DaxStore store() {
        return store;
    }

    /**
     * The index files, sorted; hidden files of deletes deferred for open inputs are not listed.
     *
     * @throws org.apache.lucene.store.AlreadyClosedException if the directory is closed
     */
    @Override
    public String[] listAll() throws IOException {
        ensureOpen();
        List<String> names;
        try {
            names = store.list();
        } catch (DaxStoreException e) {
            throw StoreErrors.translate(e, "listing", store.path().toString());
        }
        List<String> visible = new ArrayList<>(names.size());
        for (String name : names) {
            if (!OpenFiles.isHidden(name)) {
                visible.add(name);
            }
        }
        return visible.toArray(new String[0]); // sorted already: the store lists its names sorted
    }

    /**
     * Deletes a file; if inputs still read it, they go on reading it (see the class comment).
     *
     * @throws NoSuchFileException if there is no such file
     * @throws org.apache.lucene.store.AlreadyClosedException if the directory is closed
     * @throws IOException if the store fails to delete it
     */
    @Override
    public void deleteFile(String name) throws IOException {
        ensureOpen();
        visible(name, "deleteFile");
        try {
            openFiles.delete(name);
        } catch (DaxStoreException e) {
            throw StoreErrors.lookup(e, "deleteFile", name);
        }
    }

    /**
     * The file's length in bytes.
     *
     * @throws NoSuchFileException if there is no such file
     * @throws org.apache.lucene.store.AlreadyClosedException if the directory is closed
     */
    @Override
    public long fileLength(String name) throws IOException {
        ensureOpen();
        visible(name, "fileLength");
        try {
            return store.stat(name).size();
        } catch (DaxStoreException e) {
            throw StoreErrors.lookup(e, "fileLength", name);
        }
    }

    /**
     * A new file, written through a buffered output.
     *
     * @throws FileAlreadyExistsException if a file has that name
     * @throws IllegalArgumentException if the container cannot hold such a name (too long, a NUL
     *     or a slash, or the prefix of hidden files)
     * @throws org.apache.lucene.store.AlreadyClosedException if the directory is closed
     * @throws IOException if the store cannot create it (no inode left)
     */
    @Override
    public IndexOutput createOutput(String name, IOContext context) throws IOException {
        ensureOpen();
        refuseHidden(name, "createOutput");
        DaxFile file;
        try {
            file = store.create(name);
        } catch (InvalidNameException e) {
            throw StoreErrors.badName(e, "createOutput", name);
        } catch (DaxStoreException e) {
            throw StoreErrors.translate(e, "createOutput", name);
        }
        return new OutputStreamIndexOutput("DaxIndexOutput(path=\"" + store.path() + "\" file=\"" + name + "\")", name,
                new AppendingStream(file), OUTPUT_BUFFER);
    }

    /**
     * A new file under a name no file has, {@code prefix_suffix_N.tmp}.
     *
     * @throws org.apache.lucene.store.AlreadyClosedException if the directory is closed
     * @throws IOException if the store cannot create it
     */
    @Override
    public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
        ensureOpen();
        while (true) {
            try {
                return createOutput(getTempFileName(prefix, suffix, nextTempFile.getAndIncrement()), context);
            } catch (FileAlreadyExistsException e) {
                // taken (a file of an earlier run): try the next number
            }
        }
    }

    /**
     * Makes the files' data durable.
     *
     * @throws NoSuchFileException if one of them does not exist
     * @throws org.apache.lucene.store.AlreadyClosedException if the directory is closed
     * @throws IOException if the store fails to force one
     */
    @Override
    public void sync(Collection<String> names) throws IOException {
        ensureOpen();
        for (String name : names) {
            visible(name, "sync");
            try (DaxFile file = store.openFile(name)) {
                file.force();
            } catch (DaxStoreException e) {
                throw StoreErrors.lookup(e, "sync", name);
            }
        }
    }

    /**
     * Makes the names (renames, deletes) durable: forces the store.
     *
     * @throws org.apache.lucene.store.AlreadyClosedException if the directory is closed
     * @throws IOException if the store fails to force
     */
    @Override
    public void syncMetaData() throws IOException {
        ensureOpen();
        try {
            store.force();
        } catch (DaxStoreException e) {
            throw StoreErrors.translate(e, "syncMetaData", store.path().toString());
        }
    }

    /**
     * Renames a file, atomically; inputs open on it keep reading it.
     *
     * @throws NoSuchFileException if {@code source} does not exist
     * @throws FileAlreadyExistsException if {@code dest} exists
     * @throws IllegalArgumentException if the container cannot hold the name {@code dest}
     * @throws org.apache.lucene.store.AlreadyClosedException if the directory is closed
     * @throws IOException if the store fails to rename it
     */
    @Override
    public void rename(String source, String dest) throws IOException {
        ensureOpen();
        visible(source, "rename");
        refuseHidden(dest, "rename");
        try {
            openFiles.rename(source, dest);
        } catch (DaxFileExistsException e) {
            throw StoreErrors.translate(e, "rename '" + source + "' to", dest);
        } catch (InvalidNameException e) {
            if (isValidName(source)) { // so it is dest the container refuses
                throw StoreErrors.badName(e, "rename '" + source + "' to", dest);
            }
            throw StoreErrors.lookup(e, "rename", source);
        } catch (DaxStoreException e) {
            throw StoreErrors.lookup(e, "rename", source);
        }
    }

    /**
     * Opens a file for reading.
     *
     * @throws NoSuchFileException if there is no such file
     * @throws org.apache.lucene.store.AlreadyClosedException if the directory is closed
     * @throws IOException if the store cannot map it
     */
    @Override
    public IndexInput openInput(String name, IOContext context) throws IOException {
        ensureOpen();
        visible(name, "openInput");
        try {
            return new DaxIndexInput("DaxIndexInput(path=\"" + store.path() + "\" file=\"" + name + "\")",
                    openFiles.open(name));
        } catch (DaxStoreException e) {
            throw StoreErrors.lookup(e, "openInput", name);
        }
    }

    /**
     * Always empty: a delete frees the name at once, even while inputs read the file (see the
     * class comment).
     *
     * @throws org.apache.lucene.store.AlreadyClosedException if the directory is closed
     */
    @Override
    public Set<String> getPendingDeletions() throws IOException {
        ensureOpen();
        return Collections.emptySet();
    }

    /**
     * Closes the directory, releases its locks and, if {@link #open} opened the store, closes
     * it; inputs still open then fail with {@link org.apache.lucene.store.AlreadyClosedException}
     * at their next read of the store. Idempotent.
     *
     * @throws IOException if closing the store fails
     */
    @Override
    public synchronized void close() throws IOException {
        if (!isOpen) {
            return;
        }
        isOpen = false;
        ((ContainerLockFactory) lockFactory).close(); // BaseDirectory's field, set by the constructor
        release();
        if (ownsStore) {
            try {
                store.close();
            } catch (DaxStoreException e) {
                throw new IOException("closing the container " + store.path() + ": " + e.getMessage(), e);
            }
        }
    }

    private void release() {
        synchronized (STORES_IN_USE) {
            STORES_IN_USE.remove(store);
        }
    }

    /** Refuses a hidden name as a missing file: to Lucene, a file deleted while open is gone. */
    private void visible(String name, String action) throws NoSuchFileException {
        if (name == null) {
            throw new NullPointerException(action + ": name is null");
        }
        if (OpenFiles.isHidden(name)) {
            throw new NoSuchFileException(name, null, action + ": no such file in " + this);
        }
    }

    /** Refuses a hidden name for a new file or a rename's target: no index file may take one. */
    private void refuseHidden(String name, String action) {
        if (OpenFiles.isHidden(name)) {
            throw new IllegalArgumentException(action + ": '" + name + "' starts with " + OpenFiles.HIDDEN_PREFIX
                    + ", the prefix of " + this + " for files deleted while open");
        }
    }

    private boolean isValidName(String name) {
        try {
            store.exists(name);
            return true;
        } catch (InvalidNameException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "DaxDirectory(" + store.path() + ")";
    }
}
