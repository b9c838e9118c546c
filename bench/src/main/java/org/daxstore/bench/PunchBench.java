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
 * A 4 KiB punch of a page of a file that another thread is reading, against the kernel doing
 * the same to a mapped tmpfs file, in the same run (SampleTime: the rows compare p50 and p99).
 * Each side is a group of two threads over a file of {@value #PAGES} pages of 4 KiB, every page
 * written in set-up:
 * <ul>
 *   <li>group {@code dax}: {@link #daxPunch} measures one {@code DaxFile.punchHole(page * 4096,
 *       4096)} of a random page of a file of a store of 4 KiB blocks (on tmpfs, in the bench
 *       directory), while {@link #daxReader} loads a long from a random offset of the same file
 *       through a {@code DaxMapping} of all of it, in a loop (its samples are each one load);</li>
 *   <li>group {@code kernel}: {@link #kernelPunch} measures one
 *       {@code fallocate(FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, page * 4096, 4096)} of a
 *       random page of a plain tmpfs file in the same directory, mapped {@code MAP_SHARED}
 *       read-write, while {@link #kernelReader} loads a long from a random offset of that mapping
 *       in a loop.</li>
 * </ul>
 * On both sides the page punched is stored back (one long stored to it, through the view or the
 * mapping: a block is allocated again, or the kernel faults a tmpfs page in) before the next
 * punch, in the puncher's per-invocation set-up, outside the measured part; so every measured
 * punch removes a page that has storage, and the reader meets both punched and backed pages. A
 * read of a punched page gives zeros on both sides (the kernel may fault a page in for it, which
 * the next punch then removes).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PunchBench {
    private static final int PAGE = 4096;
    private static final int PAGES = 256;
    private static final long SPAN = (long) PAGES * PAGE;

    /** What a group punches, reads and stores back: a page of a file. */
    interface PagedFile {
        void punch(long page);

        void storeBack(long page);
    }

    /** A daxstore file of {@value #PAGES} written pages and a view of all of it, for one group. */
    @State(Scope.Group)
    public static class DaxSide implements PagedFile {
        private Path container;
        private DaxStore store;
        private DaxFile file;
        DaxMapping view;
        final SplittableRandom readerRandom = new SplittableRandom(1);

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            container = BenchFiles.newContainer("punch-");
            store = DaxStore.open(container, StoreOptions.capacity(16L << 20));
            file = store.create("punched");
            file.allocate(0, SPAN);
            view = file.map(0, SPAN);
            for (long page = 0; page < PAGES; page++) {
                storeBack(page);
            }
        }

        @Override
        public void punch(long page) {
            file.punchHole(page * PAGE, PAGE);
        }

        @Override
        public void storeBack(long page) {
            view.putLong(page * PAGE, page);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            store.close();
            Files.deleteIfExists(container);
        }
    }

    /** A plain tmpfs file of {@value #PAGES} written pages, mapped shared, for one group. */
    @State(Scope.Group)
    public static class KernelSide implements PagedFile {
        private Path path;
        private NativeFile file;
        private FileMapping mapping;
        long address;
        final SplittableRandom readerRandom = new SplittableRandom(1);

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            path = BenchFiles.newContainer("punch-kernel-");
            Files.write(path, new byte[(int) SPAN]);
            file = new NativeFile(path);
            mapping = file.map(0, SPAN, 0);
            address = mapping.address();
            for (long page = 0; page < PAGES; page++) {
                storeBack(page);
            }
        }

        @Override
        public void punch(long page) {
            file.fallocate(LibC.FALLOC_FL_PUNCH_HOLE | LibC.FALLOC_FL_KEEP_SIZE, page * PAGE, PAGE);
        }

        @Override
        public void storeBack(long page) {
            Memory.putLong(address + page * PAGE, page);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            mapping.close();
            file.close();
            Files.deleteIfExists(path);
        }
    }

    /**
     * The puncher's next page, chosen before each invocation, after the page it punched last is
     * stored back: neither is measured. One per side, so that each set-up knows its group's file.
     */
    abstract static class NextPage {
        private final SplittableRandom random = new SplittableRandom(2);
        long page;

        void advance(PagedFile file) {
            file.storeBack(page);
            page = random.nextLong(PAGES);
        }
    }

    @State(Scope.Thread)
    public static class DaxNextPage extends NextPage {
        @Setup(Level.Invocation)
        public void next(DaxSide side) {
            advance(side);
        }
    }

    @State(Scope.Thread)
    public static class KernelNextPage extends NextPage {
        @Setup(Level.Invocation)
        public void next(KernelSide side) {
            advance(side);
        }
    }

    @Benchmark
    @Group("dax")
    @GroupThreads(1)
    public void daxPunch(DaxSide side, DaxNextPage next) {
        side.punch(next.page);
    }

    @Benchmark
    @Group("dax")
    @GroupThreads(1)
    public long daxReader(DaxSide side) {
        return side.view.getLong(side.readerRandom.nextLong(SPAN / 8) * 8);
    }

    @Benchmark
    @Group("kernel")
    @GroupThreads(1)
    public void kernelPunch(KernelSide side, KernelNextPage next) {
        side.punch(next.page);
    }

    @Benchmark
    @Group("kernel")
    @GroupThreads(1)
    public long kernelReader(KernelSide side) {
        return Memory.getLong(side.address + side.readerRandom.nextLong(SPAN / 8) * 8);
    }
}
