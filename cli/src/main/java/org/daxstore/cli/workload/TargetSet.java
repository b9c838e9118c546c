package org.daxstore.cli.workload;

import java.util.EnumMap;
import java.util.Map;

import org.daxstore.cli.workload.targets.FileChannelTarget;
import org.daxstore.cli.workload.targets.MappedBufferTarget;
import org.daxstore.cli.workload.targets.PlainFile;
import org.daxstore.cli.workload.targets.PositionalTarget;
import org.daxstore.cli.workload.targets.RawMappingTarget;
import org.daxstore.cli.workload.targets.ScopeTarget;
import org.daxstore.cli.workload.targets.StoreFile;
import org.daxstore.cli.workload.targets.Target;
import org.daxstore.cli.workload.targets.ViewTarget;

/**
 * The targets of a run, each made when its first job needs it. Pretouched, a target is written
 * once and kept for every later job and grid point (the daxstore jobs share one store file), so
 * that setting it up is paid once; without pretouch, each job gets fresh files, so that every
 * job measures its own first touches.
 */
final class TargetSet implements AutoCloseable {
    private final Location location;
    private final WorkloadSpec spec;
    private final Map<JobKind, Target> open = new EnumMap<>(JobKind.class);
    private StoreFile store;
    private String medium;

    TargetSet(Location location, WorkloadSpec spec) {
        this.location = location;
        this.spec = spec;
    }

    /**
     * The target of {@code kind}, made (and pretouched) if it is not open yet.
     *
     * @throws org.daxstore.DaxStoreException if the store cannot be made or written
     * @throws java.io.UncheckedIOException if a plain file cannot
     */
    Target target(JobKind kind) {
        Target target = open.get(kind);
        if (target == null) {
            target = make(kind);
            open.put(kind, target);
            if (spec.pretouch()) {
                target.pretouch();
            }
        }
        return target;
    }

    /** After a job of {@code kind}: without pretouch its files go, so the next job starts cold. */
    void finished(JobKind kind) {
        if (!spec.pretouch()) {
            Target target = open.remove(kind);
            if (target != null) {
                target.close();
            }
            closeStore();
        }
    }

    /** The store's medium, once the store has been made (null before). */
    String medium() {
        return medium;
    }

    /**
     * Opens the store now (a device DAX is tried before any job, so that one daxstore cannot
     * use is refused at once).
     */
    StoreFile store() {
        if (store == null) {
            location.containerMade(true);
            try {
                store = StoreFile.create(location.container(), location.isDeviceDax(), spec.size(), spec.containerBlockSize());
            } catch (RuntimeException | Error e) {
                location.containerMade(false); // what the create made it removed; anything there is another's
                throw e;
            }
            medium = store.medium();
        }
        return store;
    }

    private Target make(JobKind kind) {
        return switch (kind) {
            case VIEW -> new ViewTarget(store());
            case SCOPE -> new ScopeTarget(store());
            case POSITIONAL -> new PositionalTarget(store());
            case RAW -> RawMappingTarget.map(plainFile(kind));
            case BUFFER -> MappedBufferTarget.map(plainFile(kind));
            case CHANNEL -> new FileChannelTarget(plainFile(kind));
        };
    }

    private PlainFile plainFile(JobKind kind) {
        return PlainFile.create(location.file(kind.option() + ".dat"), spec.size());
    }

    private void closeStore() {
        if (store != null && open.keySet().stream().noneMatch(JobKind::isDaxstore)) {
            store.close();
            store = null;
        }
    }

    @Override
    public void close() {
        for (Target target : open.values()) {
            target.close();
        }
        open.clear();
        closeStore();
    }
}
