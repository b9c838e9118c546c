package org.daxstore.cli.workload.targets;

import org.daxstore.AccessScope;
import org.daxstore.DaxMapping;
import org.daxstore.MapMode;
import org.daxstore.PersistBatch;

/**
 * daxstore through access scopes: each thread opens one scope over the whole file before its
 * loop (read-write if the job writes) and loads or stores a block a long at a time through it,
 * with no copy into the heap. One scope per operation would measure the scope's opening
 * instead: it allocates the scope's page table and takes the view's lock, which is what scopes
 * are meant to be held open against. Persistence goes through the view, as for
 * {@link ViewTarget} (views work while a scope is open on the thread).
 */
public final class ScopeTarget implements Target {
    private final StoreFile store;

    public ScopeTarget(StoreFile store) {
        this.store = store;
    }

    @Override
    public ThreadAccess open(int blockSize, boolean writes) {
        return new Access(store.view(), blockSize, writes);
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
        private final AccessScope scope;
        private final PersistBatch batch;
        /** Where the loads' sum goes: a field of an object that escapes, so the JIT keeps the loads. */
        private long sink;

        Access(DaxMapping view, int blockSize, boolean writes) {
            super(blockSize);
            this.view = view;
            this.batch = view.persistBatch();
            this.scope = view.scope(0, view.length(), writes ? MapMode.READ_WRITE : MapMode.READ_ONLY);
        }

        @Override
        public void read(long offset) {
            long sum = 0;
            for (long at = offset, end = offset + blockSize; at < end; at += Long.BYTES) {
                sum += scope.getLong(at);
            }
            sink += sum;
        }

        @Override
        public void write(long offset) {
            for (long at = offset, end = offset + blockSize; at < end; at += Long.BYTES) {
                scope.putLong(at, at);
            }
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

        @Override
        public void close() {
            scope.close();
        }
    }
}
