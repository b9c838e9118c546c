package org.daxstore.bench;

import java.util.concurrent.TimeUnit;

import org.daxstore.DaxMapping;
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
 * Sequential bulk copy bandwidth: a file of 64 MiB read (or written) front to back in 1 MiB
 * chunks through a view, against the same copies straight from (or to) a plain mapping of a
 * tmpfs file of the same size: the physical limit. The view copies each chunk in access sections
 * of at most 256 KiB, one copy per run of blocks adjacent in the container (the file is allocated
 * in one go, so runs end only at the map node every 512 blocks): that overhead is what this measures.
 *
 * <p>One operation is one byte, so JMH's score, in operations per microsecond, is the bandwidth
 * in MB/s (10^6 bytes per second); {@link Operation} tells the report so, which labels it MB/s.
 * The file is larger than the caches, so it streams from memory.
 */
@Operation(value = "a byte copied, in 1 MiB chunks", isByte = true)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(BulkCopyBench.CHUNK)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BulkCopyBench {
    static final int CHUNK = 1 << 20;
    private static final long SPAN = 64L << 20;

    private ViewedFile viewed;
    private DaxMapping view;
    private RawMapping raw;
    private long rawAddress;
    private final byte[] buffer = new byte[CHUNK];
    private long position;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        viewed = ViewedFile.create("bulk-", SPAN);
        view = viewed.view();
        raw = RawMapping.create("bulk-raw-", SPAN);
        rawAddress = raw.address();
        // Back every page of both, and warm the view's translations, before measuring.
        for (long o = 0; o < SPAN; o += CHUNK) {
            view.put(o, buffer, 0, CHUNK);
            Memory.copyFromHeap(buffer, 0, rawAddress + o, CHUNK);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        viewed.close();
        raw.close();
    }

    /** The next chunk's offset: front to back, then round again. */
    private long nextChunk() {
        long p = position;
        position = (p + CHUNK) & (SPAN - 1);
        return p;
    }

    @Benchmark
    public byte[] viewRead() {
        view.get(nextChunk(), buffer, 0, CHUNK);
        return buffer;
    }

    @Benchmark
    public byte[] rawRead() {
        Memory.copyToHeap(rawAddress + nextChunk(), buffer, 0, CHUNK);
        return buffer;
    }

    @Benchmark
    public void viewWrite() {
        view.put(nextChunk(), buffer, 0, CHUNK);
    }

    @Benchmark
    public void rawWrite() {
        Memory.copyFromHeap(buffer, 0, rawAddress + nextChunk(), CHUNK);
    }
}
