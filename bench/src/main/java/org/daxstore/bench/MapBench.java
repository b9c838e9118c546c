package org.daxstore.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.daxstore.DaxFile;
import org.daxstore.DaxMapping;
import org.daxstore.DaxStore;
import org.daxstore.DaxStoreException;
import org.daxstore.MapMode;
import org.daxstore.StoreOptions;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a view costs in time and heap. Heap is what the benchmark thread allocates
 * ({@code com.sun.management.ThreadMXBean.getCurrentThreadAllocatedBytes}, garbage included, so
 * an upper bound on what the view keeps), counted in {@code @AuxCounters}; the report divides
 * each counter by the measured operations.
 * <ul>
 *   <li>{@link #mapAndClose}: {@code map(0, 1 TiB)} of a sparse file of 1 TiB (truncated to it:
 *       the container is 16 MiB) and {@code close}: time per operation (target under 1 ms) and
 *       {@code heapBytes} per operation (target under 64 KiB). A {@code map} the store refuses
 *       ({@code NotEnoughHeapException}, {@code IllegalArgumentException}: a view's translation
 *       is allocated whole when it is made, 16 bytes a page) is counted in {@code failures} and
 *       its message left in {@link ForkNotes}: the rows are then n/a with the message, and the
 *       suite goes on.</li>
 *   <li>{@link #touchInFileOrder} and {@link #touchFragmented}: {@code translationBytes}, the
 *       heap allocated by {@code map(0, size)} of a fully written file of {@link WrittenFile}
 *       size (1 GiB, 4 KiB blocks) and one load from every page of that fresh view, in page
 *       order; not the close (target under 2 MiB). The map is counted with the loads because a
 *       view used to allocate its whole translation when it was made. What is allocated
 *       includes garbage (a leaf of the translation table that is folded, once its pages turn
 *       out to be adjacent, is replaced by a smaller one), so beside it {@code retainedBytes}
 *       is what the view says its translations hold after the loads
 *       ({@code DaxMapping.translationBytes()}, informative). In file order the file was written sequentially, so its blocks follow each other
 *       (but for a block-map node every 512 pages); fragmented, its pages were written in a
 *       shuffled order, each write followed by one to another file of the same size, so that
 *       adjacent pages rarely have adjacent blocks. The times of these two say how long a scan
 *       of a fresh view takes and are no target.</li>
 * </ul>
 * The 1 GiB file needs a container of 1 GiB (2 GiB fragmented) free in the bench directory,
 * checked before anything is written; {@code --smoke} uses 64 MiB.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MapBench {
    private static final long TIB = 1L << 40;
    private static final int PAGE = 4096;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Bytes the calling thread has allocated so far. */
    static long allocated() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** What {@link #mapAndClose} counts, reset before each iteration: JMH sums an EVENTS counter over the iterations. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class MapCounters {
        public long heapBytes;
        public long failures;

        @Setup(Level.Iteration)
        public void reset() {
            heapBytes = 0;
            failures = 0;
        }
    }

    /**
     * What the touching benchmarks count, reset before each iteration: the heap allocated
     * ({@code translationBytes}, garbage included) and the heap the view says its translations
     * hold after the loads ({@code retainedBytes}, {@code DaxMapping.translationBytes()}).
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class TouchCounters {
        public long translationBytes;
        public long retainedBytes;

        @Setup(Level.Iteration)
        public void reset() {
            translationBytes = 0;
            retainedBytes = 0;
        }
    }

    /** A store of 16 MiB with one sparse file of 1 TiB. */
    @State(Scope.Benchmark)
    public static class SparseFile {
        private Path container;
        private DaxStore store;
        DaxFile file;
        boolean noted;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            container = BenchFiles.newContainer("map-");
            store = DaxStore.open(container, StoreOptions.capacity(16L << 20));
            file = store.create("sparse");
            file.truncate(TIB);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            store.close();
            Files.deleteIfExists(container);
        }
    }

    @Benchmark
    public void mapAndClose(SparseFile sparse, MapCounters counters) {
        long before = allocated();
        try {
            sparse.file.map(0, TIB).close();
        } catch (DaxStoreException | IllegalArgumentException e) {
            counters.failures++;
            if (!sparse.noted) {
                sparse.noted = true;
                ForkNotes.write("MapBench.mapAndClose", e);
            }
        }
        counters.heapBytes += allocated() - before;
    }

    /** A store with one fully written file of {@code size} bytes in 4 KiB blocks, and what touching it allocates. */
    abstract static class WrittenFile {
        private Path container;
        private DaxStore store;
        DaxFile file;
        long size;

        /** Opens a store with room for {@code files} files of {@code fileSize}, after checking the room is there. */
        void open(String fileSize, int files, String prefix) throws Exception {
            size = OpenBench.parseSize(fileSize);
            // Block-map nodes take one block per 512 pages; the rest is metadata.
            StoreOptions options = StoreOptions.capacity(files * (size + size / 256) + (16L << 20));
            container = BenchFiles.newContainer(prefix);
            BenchFiles.requireSpace(container, BenchFiles.layoutOf(options).containerSize(),
                    "MapBench (" + files + " files of " + fileSize + ", -p fileSize)");
            store = DaxStore.open(container, options);
            file = store.create("touched");
        }

        DaxStore store() {
            return store;
        }

        /** Maps all of the file afresh, loads a long from every page, and counts what that allocated. */
        long touchEveryPage(TouchCounters counters) {
            long before = allocated();
            DaxMapping view = file.map(0, size, MapMode.READ_ONLY);
            long sum = 0;
            for (long offset = 0; offset < size; offset += PAGE) {
                sum += view.getLong(offset);
            }
            counters.translationBytes += allocated() - before;
            counters.retainedBytes += view.translationBytes();
            view.close();
            return sum;
        }

        void delete() throws Exception {
            store.close();
            Files.deleteIfExists(container);
        }
    }

    /** A file written from its start to its end, one 1 MiB write after the other. */
    @State(Scope.Benchmark)
    public static class InOrder extends WrittenFile {
        @Param({"1g"})
        public String fileSize;

        @Setup(Level.Trial)
        public void write() throws Exception {
            open(fileSize, 1, "map-in-order-");
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) 1);
            for (long offset = 0; offset < size; offset += chunk.length) {
                file.write(offset, chunk);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            delete();
        }
    }

    /** A file written a page at a time in a shuffled order, each page followed by one of another file. */
    @State(Scope.Benchmark)
    public static class Fragmented extends WrittenFile {
        @Param({"1g"})
        public String fileSize;

        @Setup(Level.Trial)
        public void write() throws Exception {
            open(fileSize, 2, "map-fragmented-");
            int pages = (int) (size / PAGE);
            int[] order = new int[pages];
            for (int i = 0; i < pages; i++) {
                order[i] = i;
            }
            SplittableRandom random = new SplittableRandom(12);
            for (int i = pages - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            byte[] page = new byte[PAGE];
            java.util.Arrays.fill(page, (byte) 1);
            try (DaxFile other = store().create("interleaved")) {
                for (int i = 0; i < pages; i++) {
                    file.write((long) order[i] * PAGE, page);
                    other.write((long) i * PAGE, page);
                }
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            delete();
        }
    }

    @Benchmark
    public long touchInFileOrder(InOrder file, TouchCounters counters) {
        return file.touchEveryPage(counters);
    }

    @Benchmark
    public long touchFragmented(Fragmented file, TouchCounters counters) {
        return file.touchEveryPage(counters);
    }
}
