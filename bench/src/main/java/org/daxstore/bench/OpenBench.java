package org.daxstore.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.daxstore.CheckReport;
import org.daxstore.DaxFile;
import org.daxstore.DaxStore;
import org.daxstore.StoreOptions;
import org.daxstore.fs.StoreHooks;
import org.daxstore.nativebridge.NativeFile;
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
 * Opening a full container: {@code DaxStore.open} and {@code close} of a store of
 * {@link #capacity} bytes in 4 KiB blocks whose every data block some file owns, so that the
 * check every open runs (the format's rules: docs/DESIGN.md invariant 8) walks the largest block maps
 * the container can hold. The same-run baseline, {@link #checkAlone}, is the online check of
 * the same store already open: the same rules over the same metadata, plus the comparison with
 * the in-memory state, so {@code openAndClose - checkAlone} is about what an open would cost
 * without the check. Target: open of a full 16 GiB container under 1 s.
 *
 * <p>The container is filled in set-up by the store itself ({@code allocate}), with its medium
 * wrapped so that data blocks are linked without being backed ({@link UnbackedDataMedium}), which
 * is quick: the file's block maps, the bitmap and the inodes are those of a full container, and
 * only its metadata (about 35 MiB at 16 GiB: 2 MiB of regions and 8,200 block-map nodes) has
 * pages. The data blocks are then holes under blocks in use, which every open backs before it
 * maps anything ({@code fs/InUseStorage}: a store into such a hole on a full tmpfs is SIGBUS), so
 * what a measured open finds is set by {@link #storage}:
 * <ul>
 *   <li>{@code backed}: set-up backs them with one {@code posix_fallocate}, as a store that wrote
 *       every block leaves its container; the measured opens find no hole (the container's
 *       {@code st_blocks} covers its length, so nothing is walked).
 *       tmpfs then holds the whole capacity: 16 GiB of RAM at the default size;</li>
 *   <li>{@code holes}: the data holes the fill left are punched again before every measured open
 *       (outside the timing), which then backs the whole capacity: what the first open of a
 *       sparse copy of a full container costs. Memory as for {@code backed}, and each open costs
 *       seconds at 16 GiB: run it with a smaller {@code -p capacity}.</li>
 * </ul>
 * The measured opens use no wrapper. {@code scripts/bench.sh --smoke} runs it at 64 MiB
 * ({@code -p capacity=...} picks another size).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OpenBench {

    /** A full container, built once per fork and deleted at its end. */
    @State(Scope.Benchmark)
    public static class FullContainer {
        /** Container size: a number with a k, m or g suffix (powers of 1024). */
        @Param({"16g"})
        String capacity;

        /**
         * What backs the data blocks when a measured open starts: {@code backed}, or {@code holes}
         * with {@code -p storage=holes} (see the class comment).
         */
        @Param({"backed"})
        String storage;

        Path path;
        /** The holes the unbacked fill left, {start, end} each: punched again before each open with {@code holes}. */
        List<long[]> dataHoles;

        @Setup(Level.Trial)
        public void fill() throws Exception {
            path = BenchFiles.newContainer("open-");
            StoreOptions options = StoreOptions.capacity(parseSize(capacity));
            BenchFiles.requireSpace(path, BenchFiles.layoutOf(options).containerSize(), "OpenBench (a full " + capacity
                    + " container, -p capacity)");
            long dataStart = BenchFiles.layoutOf(options).metadataBytes();
            try {
                fillUnbacked(options);
                dataHoles = holesOf(path, dataStart, BenchFiles.layoutOf(options).containerSize());
                // Storage under the whole data region at once, as a store that wrote every block
                // leaves its container (posix_fallocate: on tmpfs seconds at 16 GiB, where backing
                // the holes by an open, page by page, takes minutes).
                try (NativeFile file = new NativeFile(path)) {
                    file.posixFallocate(dataStart, BenchFiles.layoutOf(options).containerSize() - dataStart);
                }
            } catch (RuntimeException | Error e) {
                Files.deleteIfExists(path);
                throw e;
            }
        }

        /** Fills the container with files whose data blocks are left unbacked ({@link UnbackedDataMedium}). */
        private void fillUnbacked(StoreOptions options) {
            long dataStart = BenchFiles.layoutOf(options).metadataBytes();
            try (DaxStore store = StoreHooks.NONE.withMediumDecorator(m -> new UnbackedDataMedium(m, dataStart))
                    .openForTesting(() -> DaxStore.open(path, options))) {
                int block = store.info().blockSize();
                try (DaxFile file = store.create("full")) {
                    file.allocate(0, pagesThatFit(store.info().freeBlocks(), block) * block);
                }
                // What the one file's map nodes left over: a file of one page costs one block.
                for (int i = 0; store.info().freeBlocks() > 0; i++) {
                    try (DaxFile file = store.create("rest-" + i)) {
                        file.allocate(0, block);
                    }
                }
            }
        }

        /** Punches the data holes of the fill again, with {@code holes}; with {@code backed} does nothing. */
        void punchDataHoles() {
            if (storage.equals("holes")) {
                try (NativeFile file = new NativeFile(path)) {
                    for (long[] hole : dataHoles) {
                        file.punchHole(hole[0], hole[1] - hole[0]);
                    }
                }
            } else if (!storage.equals("backed")) {
                throw new IllegalArgumentException("storage must be backed or holes, not " + storage);
            }
        }

        @TearDown(Level.Trial)
        public void delete() throws Exception {
            Files.deleteIfExists(path);
        }
    }

    /** The full container, open for the whole fork. */
    @State(Scope.Benchmark)
    public static class OpenStore {
        DaxStore store;

        @Setup(Level.Trial)
        public void open(FullContainer container) {
            store = DaxStore.open(container.path);
        }

        @TearDown(Level.Trial)
        public void close() {
            store.close();
        }
    }

    /** Makes the data blocks holes again before each measured open, where {@link FullContainer#storage} says so. */
    @State(Scope.Benchmark)
    public static class Reholed {
        @Setup(Level.Invocation)
        public void punch(FullContainer container) {
            container.punchDataHoles();
        }
    }

    @Benchmark
    public void openAndClose(FullContainer container, Reholed reholed) {
        DaxStore.open(container.path).close();
    }

    @Benchmark
    public CheckReport checkAlone(OpenStore open) {
        return open.store.check();
    }

    /** The holes of the file at {@code path} within {@code [from, to)}, {start, end} each. */
    static List<long[]> holesOf(Path path, long from, long to) {
        List<long[]> holes = new ArrayList<>();
        try (NativeFile file = new NativeFile(path)) {
            for (long at = from; at < to; ) {
                long data = file.nextData(at);
                long end = data < 0 ? to : Math.min(data, to);
                if (end > at) {
                    holes.add(new long[] {at, end});
                }
                if (data < 0 || data >= to) {
                    break;
                }
                at = file.nextHole(data);
            }
        }
        return holes;
    }

    /**
     * The most pages one file can map with {@code blocks} blocks, counting its block-map nodes:
     * one leaf node per {@code blockSize / 8} pages, one node above per as many leaves, and so on
     * up to a single root.
     */
    static long pagesThatFit(long blocks, int blockSize) {
        long perNode = blockSize / Long.BYTES;
        long low = 0;
        long high = blocks;
        while (low < high) {
            long pages = (low + high + 1) >>> 1;
            if (pages + nodesFor(pages, perNode) <= blocks) {
                low = pages;
            } else {
                high = pages - 1;
            }
        }
        return low;
    }

    private static long nodesFor(long pages, long perNode) {
        long nodes = 0;
        for (long level = pages; level > 1; ) {
            level = (level + perNode - 1) / perNode;
            nodes += level;
        }
        return nodes;
    }

    static long parseSize(String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        int shift = switch (lower.charAt(lower.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        return Long.parseLong(shift == 0 ? lower : lower.substring(0, lower.length() - 1)) << shift;
    }
}
