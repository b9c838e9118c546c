package org.daxstore;

import java.time.Clock;

import org.daxstore.format.Layout;
import org.daxstore.fs.StoreHooks;
import org.daxstore.fs.VolumeOptions;
import org.daxstore.media.MediumSelector;

/**
 * How to format a new store, and which medium maps it. Immutable; each {@code with} method
 * returns a copy. Opening an existing store takes its format parameters (capacity, block size,
 * files) from its superblock and ignores these; the medium choice applies to every open.
 *
 * <pre>
 *   StoreOptions.capacity(1L &lt;&lt; 30).withBlockSize(2 &lt;&lt; 20).withMaxFiles(4096)
 * </pre>
 */
public final class StoreOptions {
    /** The block size unless {@link #withBlockSize} says otherwise: 4 KiB, the page size. */
    public static final int DEFAULT_BLOCK_SIZE = 4096;
    /** The largest block size, 2 MiB: such blocks are aligned so that each can be mapped as a huge page. */
    public static final int HUGE_BLOCK_SIZE = 2 << 20;
    /** The size of the inode table unless {@link #withMaxFiles} says otherwise. */
    public static final int DEFAULT_MAX_FILES = 1024;

    private final long capacity;
    private final int blockSize;
    private final int maxFiles;

    private final MediumChoice medium;
    private final Clock clock;
    /** The heap the store may plan with, at most the JVM's ({@code Long.MAX_VALUE}: the JVM's). */
    private final long heapBudget;

    private StoreOptions(long capacity, int blockSize, int maxFiles, MediumChoice medium, Clock clock, long heapBudget) {
        this.heapBudget = heapBudget;
        this.capacity = capacity;
        this.blockSize = blockSize;
        this.maxFiles = maxFiles;
        this.medium = medium;
        this.clock = clock;
    }

    /**
     * Options for a store of {@code capacity} bytes (rounded down to whole blocks), with the
     * default block size and inode table, the medium the {@value MediumChoice#PROPERTY} system
     * property names, the system clock and the JVM's heap as the budget. Whether the capacity
     * holds a store is checked when one is formatted ({@link #minimumCapacity()}).
     *
     * @param capacity the container's size in bytes
     * @return the options
     * @throws IllegalArgumentException if {@code capacity} is not positive, or the
     *     {@value MediumChoice#PROPERTY} system property names no medium
     */
    public static StoreOptions capacity(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, not " + capacity);
        }
        return new StoreOptions(capacity, DEFAULT_BLOCK_SIZE, DEFAULT_MAX_FILES, MediumChoice.fromSystemProperty(),
                Clock.systemUTC(), Long.MAX_VALUE);
    }

    /**
     * These options with another block size: a power of two from 4 KiB to 2 MiB; 2 MiB blocks
     * can be mapped as huge pages.
     *
     * @param size the block size in bytes
     * @return a copy with that block size
     * @throws IllegalArgumentException if {@code size} is not a power of two from 4 KiB to 2 MiB
     */
    public StoreOptions withBlockSize(int size) {
        if (Integer.bitCount(size) != 1 || size < (1 << Layout.MIN_BLOCK_SHIFT) || size > (1 << Layout.MAX_BLOCK_SHIFT)) {
            throw new IllegalArgumentException("block size " + size + " is not a power of two from 4 KiB to 2 MiB");
        }
        return new StoreOptions(capacity, size, maxFiles, medium, clock, heapBudget);
    }

    /**
     * These options with another size of the inode table: how many files the store can hold at
     * once.
     *
     * @param count the number of files, from 1 to {@value org.daxstore.format.Layout#MAX_INODES}
     * @return a copy with that inode table
     * @throws IllegalArgumentException if {@code count} is outside that range
     */
    public StoreOptions withMaxFiles(int count) {
        if (count < 1 || count > Layout.MAX_INODES) {
            throw new IllegalArgumentException("max files " + count + " is outside [1, " + Layout.MAX_INODES + "]");
        }
        return new StoreOptions(capacity, blockSize, count, medium, clock, heapBudget);
    }

    /**
     * Which medium maps the container, for format and for this open; {@link MediumChoice#AUTO}
     * unless the {@value MediumChoice#PROPERTY} system property says otherwise. Unlike the format
     * parameters, this applies to an existing store too when it is opened with these options.
     *
     * @param choice the medium
     * @return a copy with that choice
     * @throws NullPointerException if {@code choice} is null
     */
    public StoreOptions withMedium(MediumChoice choice) {
        return new StoreOptions(capacity, blockSize, maxFiles, Arguments.notNull(choice, "choice", "StoreOptions.withMedium"),
                clock, heapBudget);
    }

    /**
     * The clock that stamps the store's and its files' creation and modification times, for
     * format and for this open; the system clock unless given. For test harnesses: the crash
     * enumeration fixes it, so that a workload writes the same bytes every time it runs and a
     * replay judges the images the campaign judged.
     *
     * @param stamps the clock
     * @return a copy with that clock
     * @throws NullPointerException if {@code stamps} is null
     */
    public StoreOptions withClock(Clock stamps) {
        return new StoreOptions(capacity, blockSize, maxFiles, medium,
                Arguments.notNull(stamps, "stamps", "StoreOptions.withClock"), heapBudget);
    }

    /**
     * The heap this store may plan with, for this open: {@code Runtime.maxMemory()} unless given,
     * and never more. An open whose bitmaps would not fit is refused with
     * {@link NotEnoughHeapException} before anything is allocated; the translations of the
     * store's views together take at most a quarter of it (past that a view serves its accesses
     * uncached, and a scope too large for that share is refused). A smaller budget leaves room
     * for the application's own heap (and lets a test check the refusal without a small JVM); a
     * larger one than the JVM's is the JVM's.
     *
     * @param bytes the budget in bytes
     * @return a copy with that budget
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public StoreOptions withHeapBudget(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("heap budget must be positive, not " + bytes);
        }
        return new StoreOptions(capacity, blockSize, maxFiles, medium, clock, bytes);
    }

    /**
     * The heap budget asked for; see {@link #withHeapBudget}.
     *
     * @return the budget in bytes; {@code Long.MAX_VALUE} for the JVM's whole heap
     */
    public long heapBudget() {
        return heapBudget;
    }

    /**
     * The clock that stamps times; see {@link #withClock}.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * The medium asked for; see {@link #withMedium}.
     *
     * @return the choice
     */
    public MediumChoice medium() {
        return medium;
    }

    /**
     * The capacity asked for; see {@link #capacity(long)}.
     *
     * @return the container's size in bytes, before rounding down to whole blocks
     */
    public long capacity() {
        return capacity;
    }

    /**
     * The block size; see {@link #withBlockSize}.
     *
     * @return bytes per block
     */
    public int blockSize() {
        return blockSize;
    }

    /**
     * The size of the inode table; see {@link #withMaxFiles}.
     *
     * @return how many files the store can hold at once
     */
    public int maxFiles() {
        return maxFiles;
    }

    /**
     * The smallest capacity a store of this block size and number of files can have: its metadata
     * (superblocks, journal, bitmap, inode table), rounded up to a block, and one data block.
     * A smaller {@link #capacity} is refused when a store is formatted, with this number named.
     *
     * @return the smallest capacity in bytes
     */
    public long minimumCapacity() {
        return Layout.minimumCapacity(Integer.numberOfTrailingZeros(blockSize), maxFiles);
    }

    /**
     * These options as the store's internals take them, with the hooks of a store opened now on
     * this thread ({@link StoreHooks#forStoreOpenedNow}: none outside a test's hooked open).
     */
    VolumeOptions volumeOptions() {
        return new VolumeOptions(capacity, blockSize, maxFiles, selectorChoice(medium), clock, heapBudget,
                StoreHooks.forStoreOpenedNow());
    }

    /**
     * The options of {@link DaxStore#open(java.nio.file.Path)}, which formats nothing: the
     * medium the {@value MediumChoice#PROPERTY} system property names, the system clock, the
     * JVM's heap, and the hooks of a store opened now on this thread.
     */
    static VolumeOptions existingStore() {
        return existingStore(MediumChoice.fromSystemProperty());
    }

    /** As {@link #existingStore()}, on the medium given. */
    static VolumeOptions existingStore(MediumChoice medium) {
        return new VolumeOptions(0, DEFAULT_BLOCK_SIZE, DEFAULT_MAX_FILES, selectorChoice(medium),
                Clock.systemUTC(), Long.MAX_VALUE, StoreHooks.forStoreOpenedNow());
    }

    private static MediumSelector.Choice selectorChoice(MediumChoice choice) {
        switch (choice) {
            case PMEM:
                return MediumSelector.Choice.PMEM;
            case MAPPED:
                return MediumSelector.Choice.MAPPED;
            case AUTO:
            default:
                return MediumSelector.Choice.AUTO;
        }
    }

    @Override
    public String toString() {
        return "capacity=" + capacity + ", blockSize=" + blockSize + ", maxFiles=" + maxFiles + ", medium=" + medium;
    }
}
