package org.daxstore;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A store for one test call of {@link ApiMethods}: a file {@value #FILE} of {@value #FILE_BYTES}
 * bytes of {@link #FILL} (enough for a block map with inner nodes), a handle to it, a view of its
 * first {@value #VIEW_BYTES} bytes and a batch of that view holding one range; on request a
 * scope over the view. Closing it closes the store and deletes the container.
 */
final class ApiFixture implements AutoCloseable {
    static final String FILE = "f";
    /** A name no file of the fixture has. */
    static final String FREE_NAME = "g";
    static final int FILE_BYTES = 3 << 20;
    static final int VIEW_BYTES = 4096;
    static final byte FILL = 0x5A;

    final Path path;
    final DaxStore store;
    final DaxFile file;
    final DaxMapping view;
    final PersistBatch batch;
    private AccessScope scope;

    private ApiFixture(MapMode viewMode) {
        path = TempStores.newContainerPath("api-");
        store = DaxStore.open(path, StoreOptions.capacity(16 << 20));
        file = store.create(FILE);
        byte[] contents = new byte[FILE_BYTES];
        Arrays.fill(contents, FILL);
        file.write(0, contents);
        view = file.map(0, VIEW_BYTES, viewMode);
        batch = view.persistBatch().add(0, VIEW_BYTES);
    }

    /** A fixture whose view is read-write. */
    static ApiFixture open() {
        return new ApiFixture(MapMode.READ_WRITE);
    }

    static ApiFixture open(MapMode viewMode) {
        return new ApiFixture(viewMode);
    }

    /**
     * The fixture's object of API class {@code type}; for {@link AccessScope}, a scope over the
     * whole view in {@code scopeMode}, opened now on the calling thread.
     */
    Object receiver(Class<?> type, MapMode scopeMode) {
        if (type == DaxStore.class) {
            return store;
        } else if (type == DaxFile.class) {
            return file;
        } else if (type == DaxMapping.class) {
            return view;
        } else if (type == PersistBatch.class) {
            return batch;
        } else if (type == AccessScope.class) {
            return scope(scopeMode);
        }
        throw new AssertionError("ApiFixture has no object of " + type.getName() + ": add one to ApiFixture.receiver");
    }

    /** The fixture's scope over the whole view, in the view's mode, opened on the calling thread by the first call. */
    AccessScope scope() {
        return scope(view.mode());
    }

    private AccessScope scope(MapMode mode) {
        if (scope == null) {
            scope = view.scope(0, VIEW_BYTES, mode);
        }
        return scope;
    }

    /**
     * True if the file's first {@value #FILE_BYTES} bytes still all hold {@link #FILL}. Closes
     * the fixture's scope first: the file cannot be read on a thread that has one open.
     */
    boolean contentsUnchanged() {
        if (scope != null) {
            scope.close();
        }
        byte[] back = new byte[FILE_BYTES];
        if (file.read(0, back) != FILE_BYTES) {
            return false;
        }
        for (byte b : back) {
            if (b != FILL) {
                return false;
            }
        }
        return true;
    }

    /** Closes the scope (if it is open, on this thread) and the store, and deletes the container. */
    @Override
    public void close() {
        try {
            if (scope != null) {
                scope.close();
            }
            store.close();
        } finally {
            TempStores.delete(path);
        }
    }
}
