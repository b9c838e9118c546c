package org.daxstore.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.daxstore.AccessScope;
import org.daxstore.DaxMapping;
import org.daxstore.MapMode;
import org.daxstore.media.Memory;
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
 * The fault path's hot loop: a load or store through a view whose translations are warm,
 * against the same load or store straight on a mapping of the same size (the physical limit),
 * and inside an access scope. Offsets are random and pre-generated; {@code span} decides
 * whether the data fits in the caches, {@code blocks} is the store's block size (4k, or 2m:
 * {@code StoreOptions.HUGE_BLOCK_SIZE}), which decides how many translations the view keeps
 * (one a block: 16,384 for 64 MiB of 4 KiB blocks, 32 of 2 MiB). The raw mapping is the same
 * for both. The targets (issue 12) are at 32 KiB with 4 KiB blocks, and at 64 MiB with each;
 * 32 KiB with 2 MiB blocks (one block) is run because JMH runs every combination.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FaultPathBench {
    private static final int OFFSETS = 1 << 16;

    @Param({"32768", "67108864"})
    long span;

    @Param({"4k", "2m"})
    String blocks;

    private ViewedFile viewed;
    private DaxMapping view;
    private RawMapping raw;
    private long rawAddress;
    private final long[] offsets = new long[OFFSETS];
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        viewed = ViewedFile.create("fault-path-", span, (int) OpenBench.parseSize(blocks));
        view = viewed.view();
        raw = RawMapping.create("fault-path-raw-", span);
        rawAddress = raw.address();
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < OFFSETS; i++) {
            offsets[i] = random.nextLong(span / 8) * 8;
        }
        for (long o = 0; o < span; o += 4096) {
            Memory.putLong(rawAddress + o, o);
            view.putLong(o, o);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        viewed.close();
        raw.close();
    }

    private long nextOffset() {
        return offsets[next++ & (OFFSETS - 1)];
    }

    @Benchmark
    public long rawLoad() {
        return Memory.getLong(rawAddress + nextOffset());
    }

    @Benchmark
    public long viewLoad() {
        return view.getLong(nextOffset());
    }

    @Benchmark
    public void rawStore() {
        long offset = nextOffset();
        Memory.putLong(rawAddress + offset, offset);
    }

    @Benchmark
    public void viewStore() {
        long offset = nextOffset();
        view.putLong(offset, offset);
    }

    /**
     * An access scope over the whole span, opened by the benchmark thread for one measurement
     * iteration: what a hot loop that keeps a scope open sees. (Opening a scope translates
     * every page of its range, so it is not part of the measured operation.)
     */
    @State(Scope.Thread)
    public static class OpenScopes {
        AccessScope reading;
        AccessScope writing;

        @Setup(Level.Iteration)
        public void open(FaultPathBench bench) {
            reading = bench.view.scope(0, bench.span, MapMode.READ_ONLY);
            writing = bench.view.scope(0, bench.span, MapMode.READ_WRITE);
        }

        @TearDown(Level.Iteration)
        public void close() {
            writing.close();
            reading.close();
        }
    }

    @Benchmark
    public long scopedLoad(OpenScopes scopes) {
        return scopes.reading.getLong(nextOffset());
    }

    @Benchmark
    public void scopedStore(OpenScopes scopes) {
        long offset = nextOffset();
        scopes.writing.putLong(offset, offset);
    }
}
