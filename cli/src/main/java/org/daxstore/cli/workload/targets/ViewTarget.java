package org.daxstore.cli.workload.targets;

import org.daxstore.DaxMapping;
import org.daxstore.PersistBatch;

/**
 * daxstore through a view: a bulk copy between the view and the thread's buffer per operation
 * ({@link DaxMapping#get(long, byte[], int, int)}, {@code put}), {@link DaxMapping#persist} for
 * {@code --persist each} and one {@link PersistBatch} for a batch.
 */
public final class ViewTarget implements Target {
    private final StoreFile store;

    public ViewTarget(StoreFile store) {
        this.store = store;
    }

    @Override
    public ThreadAccess open(int blockSize, boolean writes) {
        return new Access(store.view(), blockSize);
    }

    @Override
    public void pretouch() {
        store.pretouch();
    }

    /** The store file is shared by the daxstore jobs; its owner closes it. */
    @Override
    public void close() {
    }

    private static final class Access extends ThreadAccess {
        private final DaxMapping view;
        private final byte[] buffer;
        private final PersistBatch batch;

        Access(DaxMapping view, int blockSize) {
            super(blockSize);
            this.view = view;
            this.buffer = new byte[blockSize];
            this.batch = view.persistBatch();
        }

        @Override
        public void read(long offset) {
            view.get(offset, buffer, 0, blockSize);
        }

        @Override
        public void write(long offset) {
            view.put(offset, buffer, 0, blockSize);
        }

        @Override
        public void persist(long offset) {
            view.persist(offset, blockSize);
        }

        @Override
        public void persist(long[] offsets, int count) {
            for (int i = 0; i < count; i++) {
                batch.add(offsets[i], blockSize);
            }
            batch.persist();
        }
    }
}
