package org.daxstore.fs;

import java.time.Clock;
import java.util.Objects;

import org.daxstore.format.Layout;
import org.daxstore.media.MediumSelector;

/**
 * What {@link Volume#open} needs to format and open a store: the format parameters (used only
 * when it formats), the medium, the clock, the heap budget and the store's test hooks. The
 * public package builds it from its {@code StoreOptions}, so that this package needs nothing of
 * that one; tests and tools inside the project build it directly.
 *
 * @param capacity   the container's size in bytes, before rounding down to whole blocks
 * @param blockSize  bytes per block, a power of two
 * @param maxFiles   the size of the inode table
 * @param medium     which medium maps the container
 * @param clock      what stamps creation and modification times
 * @param heapBudget the heap the store may plan with ({@code Long.MAX_VALUE}: the JVM's)
 * @param hooks      the store's test hooks ({@link StoreHooks#NONE} outside tests)
 */
public record VolumeOptions(long capacity, int blockSize, int maxFiles, MediumSelector.Choice medium, Clock clock,
                            long heapBudget, StoreHooks hooks) {
    /** The defaults of the public options, without a property read: 4 KiB blocks, 1024 files, the automatic medium. */
    public static VolumeOptions capacity(long capacity) {
        return new VolumeOptions(capacity, 4096, 1024, MediumSelector.Choice.AUTO, Clock.systemUTC(), Long.MAX_VALUE,
                StoreHooks.NONE);
    }

    /** For opening an existing store, which formats nothing: the automatic medium, no hooks. */
    public static VolumeOptions forExisting() {
        return capacity(0);
    }

    public VolumeOptions {
        Objects.requireNonNull(medium, "medium");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(hooks, "hooks");
    }

    public VolumeOptions withBlockSize(int size) {
        return new VolumeOptions(capacity, size, maxFiles, medium, clock, heapBudget, hooks);
    }

    public VolumeOptions withMaxFiles(int count) {
        return new VolumeOptions(capacity, blockSize, count, medium, clock, heapBudget, hooks);
    }

    public VolumeOptions withMedium(MediumSelector.Choice choice) {
        return new VolumeOptions(capacity, blockSize, maxFiles, choice, clock, heapBudget, hooks);
    }

    public VolumeOptions withClock(Clock stamps) {
        return new VolumeOptions(capacity, blockSize, maxFiles, medium, stamps, heapBudget, hooks);
    }

    public VolumeOptions withHooks(StoreHooks storeHooks) {
        return new VolumeOptions(capacity, blockSize, maxFiles, medium, clock, heapBudget, storeHooks);
    }

    /**
     * The layout these options give a new store.
     *
     * @throws IllegalArgumentException if they describe no store, saying why
     */
    public Layout layout() {
        return Layout.forOptions(capacity, blockSize, maxFiles);
    }

    @Override
    public String toString() {
        return "capacity=" + capacity + ", blockSize=" + blockSize + ", maxFiles=" + maxFiles + ", medium=" + medium;
    }
}
