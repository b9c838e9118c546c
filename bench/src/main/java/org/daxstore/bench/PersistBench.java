package org.daxstore.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.daxstore.DaxFile;
import org.daxstore.DaxMapping;
import org.daxstore.DaxStore;
import org.daxstore.StoreOptions;
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
 * Making a store durable: a store through a view, then {@code persist} of 64 B, 4 KiB or 2 MiB,
 * on each medium this machine has: tmpfs (where persist is a no-op) and the disk file system
 * under {@code java.io.tmpdir} (msync).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PersistBench {
    @Param({"64", "4096", "2097152"})
    int size;

    @Param({"tmpfs", "disk"})
    String medium;

    private Path container;
    private DaxStore store;
    private DaxMapping view;
    private long value;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path dir = Path.of(medium.equals("tmpfs") ? "/dev/shm" : System.getProperty("java.io.tmpdir"));
        container = Files.createTempFile(dir, "persist-", ".dax");
        Files.delete(container);
        store = DaxStore.open(container, StoreOptions.capacity(16L << 20));
        DaxFile file = store.create("persist");
        file.allocate(0, 4L << 20);
        view = file.map(0, 4L << 20);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        store.close();
        Files.deleteIfExists(container);
    }

    @Benchmark
    public void storeAndPersist() {
        view.putLong(0, ++value);
        view.putLong(size - 8, value);
        view.persist(0, size);
    }
}
