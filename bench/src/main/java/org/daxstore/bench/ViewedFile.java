package org.daxstore.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.daxstore.DaxFile;
import org.daxstore.DaxMapping;
import org.daxstore.DaxStore;
import org.daxstore.StoreOptions;

/** A new store in the benchmark directory with one file of allocated blocks, and a view of all of it. */
final class ViewedFile implements AutoCloseable {
    /** Room for the metadata beside the file's blocks. */
    private static final long HEADROOM = 16L << 20;

    private final Path container;
    private final DaxStore store;
    private final DaxFile file;
    private final DaxMapping view;

    private ViewedFile(Path container, DaxStore store, DaxFile file, DaxMapping view) {
        this.container = container;
        this.store = store;
        this.file = file;
        this.view = view;
    }

    static ViewedFile create(String prefix, long size) throws IOException {
        return create(prefix, size, StoreOptions.DEFAULT_BLOCK_SIZE);
    }

    /** As {@link #create(String, long)}, in a store of blocks of {@code blockSize} bytes. */
    static ViewedFile create(String prefix, long size, int blockSize) throws IOException {
        Path container = BenchFiles.newContainer(prefix);
        // Block-map nodes are blocks too: with 2 MiB blocks the headroom holds a few of them.
        long headroom = Math.max(HEADROOM, 8L * blockSize);
        DaxStore store = DaxStore.open(container, StoreOptions.capacity(size + headroom).withBlockSize(blockSize));
        DaxFile file = store.create(prefix);
        file.allocate(0, size);
        return new ViewedFile(container, store, file, file.map(0, size));
    }

    DaxFile file() {
        return file;
    }

    DaxMapping view() {
        return view;
    }

    @Override
    public void close() throws IOException {
        store.close();
        Files.deleteIfExists(container);
    }
}
