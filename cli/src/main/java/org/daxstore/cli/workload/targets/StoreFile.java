package org.daxstore.cli.workload.targets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.daxstore.DaxFile;
import org.daxstore.DaxMapping;
import org.daxstore.DaxStore;
import org.daxstore.MapMode;
import org.daxstore.StoreOptions;
import org.daxstore.format.Layout;

/**
 * The daxstore side of a run: a store in the container, one file of the run's size in it and a
 * read-write view of the whole file, which every thread of the view and scope jobs shares (a
 * view is thread-safe; sharing one is what an application does). The positional job uses the
 * file handle.
 */
public final class StoreFile implements AutoCloseable {
    /** The file's name inside the store. */
    static final String FILE_NAME = "workload";
    /** The store holds one file: a small inode table. */
    static final int MAX_FILES = 4;

    private final Path container;
    private final boolean device;
    private final DaxStore store;
    private final DaxFile file;
    private final DaxMapping view;
    private boolean touched;

    private StoreFile(Path container, boolean device, DaxStore store, DaxFile file, DaxMapping view) {
        this.container = container;
        this.device = device;
        this.store = store;
        this.file = file;
        this.view = view;
    }

    /**
     * Formats a store in {@code container} with room for a file of {@code size} bytes, creates
     * that file (sparse) and maps it.
     *
     * @param container where the store goes: a missing or empty file, or a device DAX node
     * @param device    whether it is a device DAX node, which is formatted in place
     * @param size      the file's size in bytes
     * @param blockSize the store's block size
     * @return the open store file; close it to close the store and remove the container file
     * @throws org.daxstore.DaxStoreException as {@link DaxStore#create} or {@link DaxStore#format} throws it
     * @throws IllegalArgumentException if the options describe no store
     */
    public static StoreFile create(Path container, boolean device, long size, int blockSize) {
        StoreOptions options = options(size, blockSize);
        DaxStore store = device ? DaxStore.format(container, options) : DaxStore.create(container, options);
        try {
            DaxFile file = store.create(FILE_NAME);
            file.truncate(size);
            return new StoreFile(container, device, store, file, file.map(0, size, MapMode.READ_WRITE));
        } catch (RuntimeException e) {
            closeAndRemove(store, container, device);
            throw e;
        }
    }

    /**
     * Options for a store that holds a file of {@code size} bytes: its blocks, room for its
     * block map (a pointer of 8 bytes a block, doubled for the interior nodes and the rounding)
     * and the metadata of a store of that capacity, whose journal and bitmap grow with it: so
     * the capacity grows until the layout has the data blocks.
     */
    static StoreOptions options(long size, int blockSize) {
        long blocks = (size + blockSize - 1) / blockSize;
        long needed = blocks + 2 + 2 * ((blocks * Long.BYTES + blockSize - 1) / blockSize);
        long capacity = Math.max(needed * blockSize, StoreOptions.capacity(1L << 30).withBlockSize(blockSize)
                .withMaxFiles(MAX_FILES).minimumCapacity());
        while (Layout.forOptions(capacity, blockSize, MAX_FILES).dataBlockCount() < needed) {
            capacity += Math.max(blockSize, capacity / 256);
        }
        return StoreOptions.capacity(capacity).withBlockSize(blockSize).withMaxFiles(MAX_FILES);
    }

    DaxFile file() {
        return file;
    }

    DaxMapping view() {
        return view;
    }

    /** What the store says of its medium: which, how it persists, and why it was chosen. */
    public String medium() {
        return store.info().medium();
    }

    /**
     * Allocates every block of the file, then writes all of it through the view (once, however
     * many jobs share the file).
     */
    synchronized void pretouch() {
        if (touched) {
            return;
        }
        long size = view.length();
        file.allocate(0, size);
        Pieces.cover(FILE_NAME, size, (at, piece, length) -> view.put(at, piece, 0, length));
        touched = true;
    }

    /** Closes the view and the store and removes the container (a device is left formatted). */
    @Override
    public void close() {
        view.close();
        closeAndRemove(store, container, device);
    }

    private static void closeAndRemove(DaxStore store, Path container, boolean device) {
        store.close();
        if (!device) {
            try {
                Files.deleteIfExists(container);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + container + ": " + e.getMessage(), e);
            }
        }
    }
}
