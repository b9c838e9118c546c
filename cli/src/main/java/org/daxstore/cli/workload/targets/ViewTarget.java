package org.daxstore.cli.workload.targets;

import org.daxstore.DaxMapping;
import org.daxstore.PersistBatch;

/**
 * daxstore through a view: a bulk copy between the view and the thread's buffer per operation
 * ({@link DaxMapping#get(long, byte[], int, int)}, {@code put}), {@link DaxMapping#persist} for
 * {@code --persist each} and one {@link PersistBatch} for a batch.
 */
public final class ViewTarget extends StoreFileTarget {
    public ViewTarget(StoreFile store) {
        super(store);
    }

    @Override
    public ThreadAccess open(int blockSize, boolean writes) {
        return new Access(store.view(), blockSize);
    }

    private static final class Access extends ViewAccess {
        private final byte[] buffer;

        Access(DaxMapping view, int blockSize) {
            super(view, blockSize);
            this.buffer = new byte[blockSize];
        }

        @Override
        public void read(long offset) {
            view.get(offset, buffer, 0, blockSize);
        }

        @Override
        public void write(long offset) {
            view.put(offset, buffer, 0, blockSize);
        }
    }
}
