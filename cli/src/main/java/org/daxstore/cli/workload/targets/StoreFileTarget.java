package org.daxstore.cli.workload.targets;

/**
 * A daxstore job's target: one kind of access to the {@link StoreFile} that every daxstore job
 * of a run shares. Its pretouch is the store file's; closing it closes nothing, because the
 * file's owner (the run) closes it once after the last job.
 */
abstract class StoreFileTarget implements Target {
    protected final StoreFile store;

    StoreFileTarget(StoreFile store) {
        this.store = store;
    }

    @Override
    public final void pretouch() {
        store.pretouch();
    }

    @Override
    public final void close() {
    }
}
