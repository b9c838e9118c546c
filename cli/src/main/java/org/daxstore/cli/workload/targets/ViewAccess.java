package org.daxstore.cli.workload.targets;

import org.daxstore.DaxMapping;
import org.daxstore.PersistBatch;

/**
 * A thread's access that persists through a daxstore view: {@link DaxMapping#persist} for
 * {@code --persist each} and one {@link PersistBatch} (made before the loop, so no operation
 * allocates) for a batch.
 */
abstract class ViewAccess extends ThreadAccess {
    protected final DaxMapping view;
    private final PersistBatch batch;

    ViewAccess(DaxMapping view, int blockSize) {
        super(blockSize);
        this.view = view;
        this.batch = view.persistBatch();
    }

    @Override
    public final void persist(long offset) {
        view.persist(offset, blockSize);
    }

    @Override
    public final void persist(long[] offsets, int count) {
        for (int i = 0; i < count; i++) {
            batch.add(offsets[i], blockSize);
        }
        batch.persist();
    }
}
