package org.daxstore.cli.workload.targets;

import org.daxstore.AccessScope;
import org.daxstore.DaxMapping;
import org.daxstore.MapMode;

/**
 * daxstore through access scopes: each thread opens one scope over the whole file before its
 * loop (read-write if the job writes) and loads or stores a block a long at a time through it,
 * with no copy into the heap. One scope per operation would measure the scope's opening
 * instead: it allocates the scope's page table and takes the view's lock, which is what scopes
 * are meant to be held open against. Persistence goes through the view, as for
 * {@link ViewTarget} (views work while a scope is open on the thread).
 */
public final class ScopeTarget extends StoreFileTarget {
    public ScopeTarget(StoreFile store) {
        super(store);
    }

    @Override
    public ThreadAccess open(int blockSize, boolean writes) {
        return new Access(store.view(), blockSize, writes);
    }

    private static final class Access extends ViewAccess {
        private final AccessScope scope;
        /** Where the loads' sum goes: a field of an object that escapes, so the JIT keeps the loads. */
        private long sink;

        Access(DaxMapping view, int blockSize, boolean writes) {
            super(view, blockSize);
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
        public void close() {
            scope.close();
        }
    }
}
