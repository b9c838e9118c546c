package org.daxstore.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.daxstore.DaxFile;
import org.daxstore.DaxStore;
import org.daxstore.StoreOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The skeleton of the suite: a 4 KiB positional read through the store against a copy of the
 * same bytes from a heap array (the baseline, measured in the same run). The fault-path suite
 * replaces it in the benchmarks issue.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PositionalReadBench {
    private Path path;
    private DaxStore store;
    private DaxFile file;
    private final byte[] source = new byte[4096];
    private final byte[] buffer = new byte[4096];

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        path = Files.createTempFile(Path.of(System.getProperty("daxstore.bench.dir", "/dev/shm")), "bench-", ".dax");
        Files.delete(path);
        store = DaxStore.open(path, StoreOptions.capacity(64 << 20));
        file = store.create("bench");
        file.write(0, new byte[1 << 20]);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        store.close();
        Files.deleteIfExists(path);
    }

    @Benchmark
    public byte[] heapCopyBaseline() {
        System.arraycopy(source, 0, buffer, 0, buffer.length);
        return buffer;
    }

    @Benchmark
    public byte[] positionalRead() {
        file.read(8192, buffer, 0, buffer.length);
        return buffer;
    }
}
