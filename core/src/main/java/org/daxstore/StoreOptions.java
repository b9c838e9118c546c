package org.daxstore;

import java.time.Clock;
import java.util.function.UnaryOperator;

import org.daxstore.format.Layout;
import org.daxstore.media.Medium;

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
    public static final int DEFAULT_BLOCK_SIZE = 4096;
    public static final int HUGE_BLOCK_SIZE = 2 << 20;
    public static final int DEFAULT_MAX_FILES = 1024;

    private final long capacity;
    private final int blockSize;
    private final int maxFiles;

    private final MediumChoice medium;
    private final UnaryOperator<Medium> mediumDecorator;
    private final Clock clock;
    /** The heap the store may plan with, at most the JVM's ({@code Long.MAX_VALUE}: the JVM's). */
    private final long heapBudget;

    private StoreOptions(long capacity, int blockSize, int maxFiles, MediumChoice medium,
                         UnaryOperator<Medium> mediumDecorator, Clock clock, long heapBudget) {
        this.heapBudget = heapBudget;
        this.capacity = capacity;
        this.blockSize = blockSize;
        this.maxFiles = maxFiles;
        this.medium = medium;
        this.mediumDecorator = mediumDecorator;
        this.clock = clock;
    }

    /** Options for a store of {@code capacity} bytes (rounded down to whole blocks). */
    public static StoreOptions capacity(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, not " + capacity);
        }
        return new StoreOptions(capacity, DEFAULT_BLOCK_SIZE, DEFAULT_MAX_FILES, MediumChoice.fromSystemProperty(),
                UnaryOperator.identity(), Clock.systemUTC(), Long.MAX_VALUE);
    }

    /** A power of two from 4 KiB to 2 MiB; 2 MiB blocks can be mapped as huge pages. */
    public StoreOptions withBlockSize(int size) {
        if (Integer.bitCount(size) != 1 || size < (1 << Layout.MIN_BLOCK_SHIFT) || size > (1 << Layout.MAX_BLOCK_SHIFT)) {
            throw new IllegalArgumentException("block size " + size + " is not a power of two from 4 KiB to 2 MiB");
        }
        return new StoreOptions(capacity, size, maxFiles, medium, mediumDecorator, clock, heapBudget);
    }

    /** The size of the inode table: how many files the store can hold at once. */
    public StoreOptions withMaxFiles(int count) {
        if (count < 1 || count > Layout.MAX_INODES) {
            throw new IllegalArgumentException("max files " + count + " is outside [1, " + Layout.MAX_INODES + "]");
        }
        return new StoreOptions(capacity, blockSize, count, medium, mediumDecorator, clock, heapBudget);
    }

    /**
     * Wraps the medium the store maps, for format and for this open. For test harnesses: the
     * crash tests wrap it in a {@link org.daxstore.media.RecordingMedium} to see every flush and
     * fence. The decorator must pass every call through.
     */
    public StoreOptions withMediumDecorator(UnaryOperator<Medium> decorator) {
        return new StoreOptions(capacity, blockSize, maxFiles, medium,
                Arguments.notNull(decorator, "decorator", "StoreOptions.withMediumDecorator"), clock, heapBudget);
    }

    /**
     * Which medium maps the container, for format and for this open; {@link MediumChoice#AUTO}
     * unless the {@value MediumChoice#PROPERTY} system property says otherwise. Unlike the format
     * parameters, this applies to an existing store too when it is opened with these options.
     */
    public StoreOptions withMedium(MediumChoice choice) {
        return new StoreOptions(capacity, blockSize, maxFiles, Arguments.notNull(choice, "choice", "StoreOptions.withMedium"),
                mediumDecorator, clock, heapBudget);
    }

    /**
     * The clock that stamps the store's and its files' creation and modification times, for
     * format and for this open; the system clock unless given. For test harnesses: the crash
     * enumeration fixes it, so that a workload writes the same bytes every time it runs and a
     * replay judges the images the campaign judged.
     */
    public StoreOptions withClock(Clock stamps) {
        return new StoreOptions(capacity, blockSize, maxFiles, medium, mediumDecorator,
                Arguments.notNull(stamps, "stamps", "StoreOptions.withClock"), heapBudget);
    }

    /**
     * The heap this store may plan with, for this open: {@code Runtime.maxMemory()} unless given,
     * and never more. An open whose bitmaps would not fit, and a view that would take the store's
     * views together past a quarter of it, are refused with {@link NotEnoughHeapException}
     * before anything is allocated. A smaller budget leaves room for the application's own heap
     * (and lets a test check the refusal without a small JVM); a larger one than the JVM's is
     * the JVM's.
     */
    public StoreOptions withHeapBudget(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("heap budget must be positive, not " + bytes);
        }
        return new StoreOptions(capacity, blockSize, maxFiles, medium, mediumDecorator, clock, bytes);
    }

    /** The heap budget asked for ({@code Long.MAX_VALUE}: the JVM's whole heap); see {@link #withHeapBudget}. */
    public long heapBudget() {
        return heapBudget;
    }

    public Clock clock() {
        return clock;
    }

    public MediumChoice medium() {
        return medium;
    }

    public UnaryOperator<Medium> mediumDecorator() {
        return mediumDecorator;
    }

    public long capacity() {
        return capacity;
    }

    public int blockSize() {
        return blockSize;
    }

    public int maxFiles() {
        return maxFiles;
    }

    /**
     * The smallest capacity a store of this block size and number of files can have: its metadata
     * (superblocks, journal, bitmap, inode table), rounded up to a block, and one data block.
     * A smaller {@link #capacity} is refused when a store is formatted, with this number named.
     */
    public long minimumCapacity() {
        return Layout.minimumCapacity(Integer.numberOfTrailingZeros(blockSize), maxFiles);
    }

    /** The layout these options give, or an {@link IllegalArgumentException} saying why there is none. */
    public Layout layout() {
        return Layout.forCapacity(capacity, Integer.numberOfTrailingZeros(blockSize), maxFiles);
    }

    @Override
    public String toString() {
        return "capacity=" + capacity + ", blockSize=" + blockSize + ", maxFiles=" + maxFiles + ", medium=" + medium;
    }
}
