package org.daxstore.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.daxstore.DaxFile;
import org.daxstore.DaxStore;
import org.daxstore.StoreOptions;
import org.daxstore.check.CheckReport;
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
 * check every open runs (the format's rules: DESIGN.md invariant 8) walks the largest block maps
 * the container can hold. The same-run baseline, {@link #checkAlone}, is the online check of
 * the same store already open: the same rules over the same metadata, plus the comparison with
 * the in-memory state, so {@code openAndClose - checkAlone} is about what an open would cost
 * without the check. Target: open of a full 16 GiB container under 1 s.
 *
 * <p>The container is filled in set-up by the store itself ({@code allocate}), with its medium
 * wrapped so that data blocks are linked without being backed ({@link UnbackedDataMedium}): the
 * file's block maps, the bitmap and the inodes are those of a full container, but tmpfs holds
 * only the metadata (about 35 MiB at 16 GiB: 2 MiB of regions and 8,200 block-map nodes) instead
 * of 16 GiB of zeroed pages. Open and the
 * check read only metadata, so what they cost is the same; the measured opens use no wrapper.
 * {@code scripts/bench.sh --smoke} runs it at 64 MiB ({@code -p capacity=...} picks another size).
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

        Path path;

        @Setup(Level.Trial)
        public void fill() throws Exception {
            path = BenchFiles.newContainer("open-");
            StoreOptions options = StoreOptions.capacity(parseSize(capacity));
            long dataStart = options.layout().metadataBytes();
            try (DaxStore store = DaxStore.open(path, options.withMediumDecorator(m -> new UnbackedDataMedium(m, dataStart)))) {
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
            } catch (RuntimeException | Error e) {
                Files.deleteIfExists(path);
                throw e;
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

    @Benchmark
    public void openAndClose(FullContainer container) {
        DaxStore.open(container.path).close();
    }

    @Benchmark
    public CheckReport checkAlone(OpenStore open) {
        return open.store.check();
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
