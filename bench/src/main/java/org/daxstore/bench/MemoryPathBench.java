package org.daxstore.bench;

import java.util.concurrent.TimeUnit;

import org.daxstore.media.Memory;
import org.daxstore.media.UnsafeMemoryAccess;
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
 * The two memory paths side by side in one JVM: {@code *Ffm} calls {@link Memory}, which on JDK 22
 * and later is the multi-release jar's FFM version, and {@code *Unsafe} calls
 * {@link UnsafeMemoryAccess}, the Unsafe path {@code Memory} takes on JDK 17 to 21. Each pair does
 * the same work on the same 256 KiB of a plain tmpfs mapping (in the caches: what is measured is
 * the instructions around the access): a single load and a single store at an address that moves
 * every call; a loop over a 4 KiB page of long loads, and of long stores (what an {@code AccessScope}
 * loop comes to, one operation per long); and bulk copies of 4 KiB and 64 B to and from a heap
 * array. Target: FFM within 1.1 x of Unsafe (issue 13). On JDK 17 to 21 both sides are Unsafe.
 * The names put each pair next to each other in JMH's (alphabetical) order, so that the two sides
 * of a ratio run minutes apart at most on a machine whose load changes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class MemoryPathBench {
    private static final int SPAN = 256 << 10;
    private static final int PAGE = 4096;
    private static final int LONGS = PAGE / Long.BYTES;
    /** An odd number of longs: the next address visits every long of the span before it repeats. */
    private static final long STRIDE = 7919L * Long.BYTES;

    private RawMapping raw;
    private long base;
    private long cursor;
    private final byte[] heap = new byte[PAGE];

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        if (Runtime.version().feature() >= 22 && !Memory.implementation().startsWith("FFM")) {
            throw new IllegalStateException("JDK " + Runtime.version().feature() + " but Memory is "
                    + Memory.implementation() + ": the benchmark jar is not multi-release, or was built on JDK 17");
        }
        raw = RawMapping.create("memory-path-", SPAN);
        base = raw.address();
        UnsafeMemoryAccess.fill(base, SPAN, (byte) 1);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        raw.close();
    }

    private long nextLong() {
        long c = cursor;
        cursor = (c + STRIDE) & (SPAN - Long.BYTES);
        return base + c;
    }

    private long nextPage() {
        long c = cursor;
        cursor = (c + PAGE) & (SPAN - PAGE);
        return base + c;
    }

    @Benchmark
    public long getLongFfm() {
        return Memory.getLong(nextLong());
    }

    @Benchmark
    public long getLongUnsafe() {
        return UnsafeMemoryAccess.getLong(nextLong());
    }

    @Benchmark
    public void putLongFfm() {
        long address = nextLong();
        Memory.putLong(address, address);
    }

    @Benchmark
    public void putLongUnsafe() {
        long address = nextLong();
        UnsafeMemoryAccess.putLong(address, address);
    }

    @Benchmark
    @OperationsPerInvocation(LONGS)
    public long loopLoadFfm() {
        long page = nextPage();
        long sum = 0;
        for (int i = 0; i < PAGE; i += Long.BYTES) {
            sum += Memory.getLong(page + i);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(LONGS)
    public long loopLoadUnsafe() {
        long page = nextPage();
        long sum = 0;
        for (int i = 0; i < PAGE; i += Long.BYTES) {
            sum += UnsafeMemoryAccess.getLong(page + i);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(LONGS)
    public void loopStoreFfm() {
        long page = nextPage();
        for (int i = 0; i < PAGE; i += Long.BYTES) {
            Memory.putLong(page + i, i);
        }
    }

    @Benchmark
    @OperationsPerInvocation(LONGS)
    public void loopStoreUnsafe() {
        long page = nextPage();
        for (int i = 0; i < PAGE; i += Long.BYTES) {
            UnsafeMemoryAccess.putLong(page + i, i);
        }
    }

    @Benchmark
    public byte[] copyOut4kFfm() {
        Memory.copyToHeap(nextPage(), heap, 0, PAGE);
        return heap;
    }

    @Benchmark
    public byte[] copyOut4kUnsafe() {
        UnsafeMemoryAccess.copyToHeap(nextPage(), heap, 0, PAGE);
        return heap;
    }

    @Benchmark
    public void copyIn4kFfm() {
        Memory.copyFromHeap(heap, 0, nextPage(), PAGE);
    }

    @Benchmark
    public void copyIn4kUnsafe() {
        UnsafeMemoryAccess.copyFromHeap(heap, 0, nextPage(), PAGE);
    }

    @Benchmark
    public byte[] copyOut64Ffm() {
        Memory.copyToHeap(nextLong() & ~63L, heap, 0, 64);
        return heap;
    }

    @Benchmark
    public byte[] copyOut64Unsafe() {
        UnsafeMemoryAccess.copyToHeap(nextLong() & ~63L, heap, 0, 64);
        return heap;
    }
}
