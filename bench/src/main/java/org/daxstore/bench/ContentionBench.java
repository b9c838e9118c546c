package org.daxstore.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.daxstore.DaxFile;
import org.daxstore.DaxMapping;
import org.daxstore.DaxStore;
import org.daxstore.StoreOptions;
import org.daxstore.media.Memory;
import org.daxstore.nativebridge.FileMapping;
import org.daxstore.nativebridge.LibC;
import org.daxstore.nativebridge.NativeFile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loads and stores through a view while another thread punches pages of the same file and
 * stores them back (re-growing what it punched): group {@code punching}. SampleTime gives the
 * percentiles of both: how much the removals slow the accessors (an access that misses, on a
 * page just punched or while a punch runs, faults or waits) and how long a punch takes when it
 * must wait for running accesses. {@link #accessorAlone} is the baseline, in the same run: the
 * same accessor alone (one thread), on a store and file of its own (each benchmark runs in its
 * own fork). Targets (issue 12): the contended accessor's p99 at most twice, and its p99.9 at
 * most ten times, the uncontended p99.
 *
 * <p>Group {@code kernel} is the same work on the kernel's own mapping of a tmpfs file of the
 * same size ({@link #kernelAccessor} and {@link #kernelPuncherAndRegrower}, which punches with
 * {@code fallocate(PUNCH_HOLE)}): how much the kernel's accessor is slowed by the same removals
 * (its page faults on punched pages, and the TLB shootdown each punch of a mapped page sends to
 * the CPU running the accessor).
 */
@State(Scope.Group)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ContentionBench {
    private static final long SPAN = 1L << 20;

    private Path container;
    private DaxStore store;
    private DaxMapping view;
    private DaxFile file;
    private final SplittableRandom accessorRandom = new SplittableRandom(1);
    private final SplittableRandom removerRandom = new SplittableRandom(2);

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        container = BenchFiles.newContainer("contention-");
        store = DaxStore.open(container, StoreOptions.capacity(16L << 20));
        file = store.create("contended");
        file.allocate(0, SPAN);
        view = file.map(0, SPAN);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        store.close();
        Files.deleteIfExists(container);
    }

    @Benchmark
    @Group("punching")
    @GroupThreads(1)
    public long accessor() {
        return access();
    }

    /**
     * The accessor's baseline: the same work as {@link #accessor}, with no thread removing
     * anything. Its group is named after it: JMH gives a group of one method no result of that
     * method's own, so the row names the group.
     */
    @Benchmark
    @Group("accessorAlone")
    @GroupThreads(1)
    public long accessorAlone() {
        return access();
    }

    /** A store and a load of a random long of the file. */
    private long access() {
        long offset = accessorRandom.nextLong(SPAN / 8) * 8;
        view.putLong(offset, offset);
        return view.getLong(offset);
    }

    @Benchmark
    @Group("punching")
    @GroupThreads(1)
    public void puncherAndRegrower() {
        long page = removerRandom.nextLong(SPAN / 4096);
        file.punchHole(page * 4096, 4096);
        view.putLong(page * 4096, page);
    }

    /** The kernel's side: a tmpfs file of {@link #SPAN} bytes, mapped read-write, every page backed. */
    @State(Scope.Group)
    public static class KernelFile {
        private Path path;
        private NativeFile file;
        private FileMapping mapping;
        private long address;
        private final SplittableRandom accessorRandom = new SplittableRandom(1);
        private final SplittableRandom removerRandom = new SplittableRandom(2);

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            path = BenchFiles.newContainer("contention-kernel-");
            Files.write(path, new byte[(int) SPAN]);
            file = new NativeFile(path);
            mapping = file.map(0, SPAN, 0);
            address = mapping.address();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            mapping.close();
            file.close();
            Files.deleteIfExists(path);
        }
    }

    /** {@link #accessor}'s work on the kernel's mapping. */
    @Benchmark
    @Group("kernel")
    @GroupThreads(1)
    public long kernelAccessor(KernelFile kernel) {
        long offset = kernel.accessorRandom.nextLong(SPAN / 8) * 8;
        Memory.putLong(kernel.address + offset, offset);
        return Memory.getLong(kernel.address + offset);
    }

    /** {@link #puncherAndRegrower}'s work on the kernel's mapping. */
    @Benchmark
    @Group("kernel")
    @GroupThreads(1)
    public void kernelPuncherAndRegrower(KernelFile kernel) {
        long page = kernel.removerRandom.nextLong(SPAN / 4096);
        kernel.file.fallocate(LibC.FALLOC_FL_PUNCH_HOLE | LibC.FALLOC_FL_KEEP_SIZE, page * 4096, 4096);
        Memory.putLong(kernel.address + page * 4096, page);
    }
}
