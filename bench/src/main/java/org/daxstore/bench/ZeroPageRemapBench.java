package org.daxstore.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.daxstore.media.Memory;
import org.daxstore.nativebridge.LibC;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What it would cost on tmpfs to make a freed block unreachable before its storage is punched,
 * so that a load running outside any access section (an optimistic load, validated afterwards)
 * can never re-allocate the page or raise SIGBUS (FAULT-PATH.md, "Optimistic loads"). Per page,
 * on {@value #PAGES} scattered pages of a {@value #SPAN}-byte shared mapping of a tmpfs file
 * (each page backed and mapped, or covered, as the benchmark needs, before every invocation):
 * <ul>
 *   <li>{@code punch}: {@code fallocate(PUNCH_HOLE | KEEP_SIZE)} of the page, what a removal
 *       pays today;</li>
 *   <li>{@code coverAnonymous}: {@code mmap(MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, PROT_READ)}
 *       of one page over it (loads then read the kernel's zero page);</li>
 *   <li>{@code uncover}: the container's page mapped back ({@code MAP_FIXED | MAP_SHARED} at its
 *       offset), the step before the block may be handed out again;</li>
 *   <li>{@code coverPunchUncover}: the three in a row, a removal's whole cost with the cover.</li>
 * </ul>
 * With {@code reader=true} another thread keeps loading from the same mapping (pages no
 * benchmark touches), so that every change of the page tables must also flush the TLB of the
 * reader's CPU (an interrupt to it), as in a store with a view in use on another core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ZeroPageRemapBench {
    static final int PAGE = 4096;
    private static final int PAGES = 256;
    private static final long SPAN = 64L << 20;
    /** The reader loads from this prefix of the mapping; the measured pages lie after it. */
    private static final long READER_BYTES = 1L << 20;
    private static final long STRIDE = (SPAN - READER_BYTES) / PAGES / PAGE * PAGE;

    @Param({"false", "true"})
    public boolean reader;

    private Path containerPath;
    private int container;
    private long base;
    private final boolean[] covered = new boolean[PAGES];
    private Thread readerThread;
    private volatile boolean stop;
    /** Where the reader thread leaves its sum, so that its loads are not dead code. */
    volatile long readerSink;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        containerPath = BenchFiles.newContainer("zero-remap-");
        Files.createFile(containerPath);
        container = LibC.open(containerPath.toString(), LibC.O_RDWR);
        LibC.posixFallocate(container, 0, SPAN, containerPath.toString());
        base = LibC.mmap(0, SPAN, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_SHARED, container, 0,
                containerPath.toString());
        for (long offset = 0; offset < READER_BYTES; offset += PAGE) {
            Memory.putLong(base + offset, offset);
        }
        if (reader) {
            readerThread = new Thread(this::readLoop, "zero-remap-reader");
            readerThread.setDaemon(true);
            readerThread.start();
        }
    }

    private void readLoop() {
        long sum = 0;
        long i = 0;
        while (!stop) {
            sum += Memory.getLong(base + ((i++ * 4160) & (READER_BYTES - 1) & ~7L));
            if ((i & 0xFFFF) == 0) {
                readerSink = sum;
            }
        }
        readerSink = sum;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        stop = true;
        if (readerThread != null) {
            readerThread.join();
        }
        LibC.munmap(base, SPAN);
        LibC.close(container);
        Files.deleteIfExists(containerPath);
    }

    private long offset(int page) {
        return READER_BYTES + page * STRIDE;
    }

    /**
     * Loads from the cover read the kernel's zero page. A shared read-only mapping of a one-page
     * backed tmpfs file costs the same (6.8 against 7.5 us a cover, ZeroPageRemapBench's first
     * version, FAULT-PATH.md) but needs a file, so only the anonymous cover is measured.
     */
    private void cover(int page) {
        LibC.mmap(base + offset(page), PAGE, LibC.PROT_READ, LibC.MAP_FIXED | LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS,
                -1, 0, null);
        covered[page] = true;
    }

    private void uncover(int page) {
        LibC.mmap(base + offset(page), PAGE, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_FIXED | LibC.MAP_SHARED,
                container, offset(page), containerPath.toString());
        covered[page] = false;
    }

    private void punch(int page) {
        LibC.punchHole(container, offset(page), PAGE, containerPath.toString());
    }

    /** Every measured page backed, mapped into the container's mapping and present in its page table. */
    void backAndTouch() {
        for (int p = 0; p < PAGES; p++) {
            if (covered[p]) {
                uncover(p);
            }
            Memory.putLong(base + offset(p), p);
        }
    }

    /** Before each invocation: every measured page backed and touched, as a block in use is. */
    @State(Scope.Benchmark)
    public static class Backed {
        @Setup(Level.Invocation)
        public void prepare(ZeroPageRemapBench bench) {
            bench.backAndTouch();
        }
    }

    /** Before each invocation: every measured page covered by an anonymous read-only page. */
    @State(Scope.Benchmark)
    public static class Covered {
        @Setup(Level.Invocation)
        public void prepare(ZeroPageRemapBench bench) {
            bench.backAndTouch();
            for (int p = 0; p < PAGES; p++) {
                bench.cover(p);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(PAGES)
    public void punch(Backed state) {
        for (int p = 0; p < PAGES; p++) {
            punch(p);
        }
    }

    @Benchmark
    @OperationsPerInvocation(PAGES)
    public void coverAnonymous(Backed state) {
        for (int p = 0; p < PAGES; p++) {
            cover(p);
        }
    }

    @Benchmark
    @OperationsPerInvocation(PAGES)
    public void uncover(Covered state) {
        for (int p = 0; p < PAGES; p++) {
            uncover(p);
        }
    }

    @Benchmark
    @OperationsPerInvocation(PAGES)
    public void coverPunchUncover(Backed state) {
        for (int p = 0; p < PAGES; p++) {
            cover(p);
            punch(p);
            uncover(p);
        }
    }
}
