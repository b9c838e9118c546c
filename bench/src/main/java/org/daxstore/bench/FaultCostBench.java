package org.daxstore.bench;

import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.daxstore.DaxFile;
import org.daxstore.DaxMapping;
import org.daxstore.DaxStore;
import org.daxstore.StoreOptions;
import org.daxstore.alloc.BlockAllocator;
import org.daxstore.media.MappedChunk;
import org.daxstore.media.Memory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a fault costs, per page, against the kernel doing the same job: the first touch of a
 * page of a fresh tmpfs mapping ({@code kernelFaultTmpfs}). Each invocation touches
 * {@value #PAGES} pages once; the state they start from is rebuilt before every invocation,
 * outside the measurement.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FaultCostBench {
    private static final int PAGES = 256;
    private static final int PAGE = 4096;
    private static final long SPAN = (long) PAGES * PAGE;

    private Path container;
    private Path kernelFile;
    private DaxStore store;
    private DaxFile mapped;
    private DaxFile sparse;
    private DaxFile growing;
    private DaxMapping freshView;
    private DaxMapping holeView;
    private DaxMapping growingView;
    private RandomAccessFile kernel;
    private MappedChunk kernelMapping;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        container = BenchFiles.newContainer("fault-cost-");
        store = DaxStore.open(container, StoreOptions.capacity(64L << 20));
        mapped = store.create("mapped");
        mapped.allocate(0, SPAN);
        sparse = store.create("sparse");
        sparse.truncate(SPAN);
        growing = store.create("growing");
        holeView = sparse.map(0, SPAN);
        kernelFile = BenchFiles.newContainer("kernel-");
        kernel = new RandomAccessFile(kernelFile.toFile(), "rw");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        store.close();
        if (kernelMapping != null) {
            kernelMapping.close();
        }
        kernel.close();
        Files.deleteIfExists(container);
        Files.deleteIfExists(kernelFile);
    }

    /** Fresh state for the next invocation: a cold view, an empty file, an unbacked tmpfs mapping. */
    @Setup(Level.Invocation)
    public void freshPages() throws Exception {
        freshView = mapped.map(0, SPAN);
        growing.truncate(0);
        growing.truncate(SPAN);
        growingView = growing.map(0, SPAN);
        if (kernelMapping != null) {
            kernelMapping.close();
        }
        kernel.setLength(0);
        kernel.setLength(SPAN);
        kernelMapping = MappedChunk.map(kernel.getChannel(), FileChannel.MapMode.READ_WRITE, 0, SPAN);
    }

    /** A translation miss on an allocated block: block-map walk and cache fill. */
    @Benchmark
    @OperationsPerInvocation(PAGES)
    public long readFaultMapped() {
        long sum = 0;
        for (int p = 0; p < PAGES; p++) {
            sum += freshView.getLong((long) p * PAGE);
        }
        return sum;
    }

    /** A load from a hole: block-map walk, then the zero page (nothing is cached or allocated). */
    @Benchmark
    @OperationsPerInvocation(PAGES)
    public long readFaultHole() {
        long sum = 0;
        for (int p = 0; p < PAGES; p++) {
            sum += holeView.getLong((long) p * PAGE);
        }
        return sum;
    }

    /** A store to a hole: a block is allocated, linked in a transaction and cached. */
    @Benchmark
    @OperationsPerInvocation(PAGES)
    public void writeFaultAlloc() {
        for (int p = 0; p < PAGES; p++) {
            growingView.putLong((long) p * PAGE, p);
        }
    }

    /**
     * As {@link #writeFaultAlloc}, but every block handed out is one whose storage was punched
     * (the allocator's warm pool is kept empty): the first store to each page then pays the
     * kernel's fault for a new tmpfs page, as in a store's first growth into never-used blocks.
     */
    @Benchmark
    @OperationsPerInvocation(PAGES)
    public void writeFaultAllocCold(ColdBlocks cold) {
        for (int p = 0; p < PAGES; p++) {
            cold.view.putLong((long) p * PAGE, p);
        }
    }

    /** A store of its own whose warm pool is drained before each invocation. */
    @State(Scope.Benchmark)
    public static class ColdBlocks {
        private Path container;
        private DaxStore store;
        private DaxFile growing;
        private DaxFile drain;
        DaxMapping view;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            container = BenchFiles.newContainer("fault-cold-");
            store = DaxStore.open(container, StoreOptions.capacity(64L << 20));
            growing = store.create("growing");
            drain = store.create("drain");
        }

        /**
         * Growing's freed blocks enter the pool and drain's overflow it and are punched; drain then
         * takes a pool's worth of blocks, all warm ones, so growing's faults get punched blocks.
         */
        @Setup(Level.Invocation)
        public void punchedBlocksOnly() throws Exception {
            growing.truncate(0);
            drain.truncate(0);
            drain.allocate(0, BlockAllocator.WARM_POOL_BYTES);
            growing.truncate(SPAN);
            view = growing.map(0, SPAN);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            store.close();
            Files.deleteIfExists(container);
        }
    }

    /** The kernel's cost for the same job: the first store to each page of a fresh tmpfs mapping. */
    @Benchmark
    @OperationsPerInvocation(PAGES)
    public void kernelFaultTmpfs() {
        long address = kernelMapping.address();
        for (int p = 0; p < PAGES; p++) {
            Memory.putLong(address + (long) p * PAGE, p);
        }
    }
}
