package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

import org.daxstore.format.Layout;
import org.daxstore.harness.crash.RecordingMedium;
import org.daxstore.nativebridge.Pmem;
import org.daxstore.testing.ChildJvm;
import org.daxstore.testing.Hooked;
import org.daxstore.testing.Layouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Which medium a store runs on, why, and what its persistence touches: selection (automatic,
 * forced, refused), the persistence of exactly the cache lines asked for, batching, and the
 * alignment of 2 MiB blocks. Process-wide facts (libpmem loaded or not, PMEM_IS_PMEM_FORCE) are
 * tested in child JVMs.
 */
class MediaTest {
    private static final Path DIR = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm")
            : Path.of(System.getProperty("java.io.tmpdir"));
    private Path path;
    private RecordingMedium recording;

    @BeforeEach
    void setUp() throws Exception {
        path = Files.createTempFile(DIR, "media-", ".dax");
        Files.delete(path);
    }

    @AfterEach
    void tearDown() throws Exception {
        Files.deleteIfExists(path);
    }

    private DaxStore recorded(MediumChoice choice, int blockSize) {
        return Hooked.decorating(StoreOptions.capacity(16 << 20).withBlockSize(blockSize).withMedium(choice),
                medium -> recording = new RecordingMedium(medium)).create(path);
    }

    @Test
    void autoChoosesPmemWhenLibpmemLoadsAndSaysWhy() {
        assumeTrue(Pmem.isAvailable(), () -> "libpmem is unavailable here: " + Pmem.unavailableReason());
        try (DaxStore store = DaxStore.create(path, StoreOptions.capacity(4 << 20).withMedium(MediumChoice.AUTO))) {
            String medium = store.info().medium();
            assertTrue(medium.startsWith("pmem: libpmem "), medium);
            assertTrue(medium.endsWith("chosen because libpmem is available"), medium);
        }
    }

    @Test
    void theMappedMediumCanBeForced() {
        try (DaxStore store = DaxStore.create(path, StoreOptions.capacity(4 << 20).withMedium(MediumChoice.MAPPED))) {
            String medium = store.info().medium();
            assertTrue(medium.startsWith("mapped: FileChannel.map"), medium);
            assertTrue(medium.endsWith("forced by the options"), medium);
        }
    }

    @Test
    void withoutLibpmemAutoFallsBackAndAForcedPmemIsRefused() throws Exception {
        ChildJvm.Result auto = ChildJvm.run(DescribeMedium.class, List.of(Pmem.DISABLE_PROPERTY + "=true"), Map.of(), 60,
                path.toString(), "auto");
        assertTrue(auto.output().contains("medium: mapped: ")
                && auto.output().contains("chosen because libpmem is unavailable: disabled by -Ddaxstore.pmem.disable=true"),
                auto.output());
        Files.deleteIfExists(path);
        ChildJvm.Result pmem = ChildJvm.run(DescribeMedium.class, List.of(Pmem.DISABLE_PROPERTY + "=true"), Map.of(), 60,
                path.toString(), "pmem");
        assertTrue(pmem.output().contains("MediumUnavailableException: " + path
                + ": the options force the pmem medium, but libpmem is unavailable"), pmem.output());
    }

    @Test
    void pmemIsPmemForceTurnsOnCacheLineFlushes() throws Exception {
        assumeTrue(Pmem.isAvailable(), () -> "libpmem is unavailable here: " + Pmem.unavailableReason());
        ChildJvm.Result forced = ChildJvm.run(DescribeMedium.class, List.of(), Map.of("PMEM_IS_PMEM_FORCE", "1"), 60,
                path.toString(), "pmem");
        assertTrue(forced.output().contains("pmem_is_pmem=1, so persist writes back cache lines"), forced.output());
        Files.deleteIfExists(path);
        ChildJvm.Result plain = ChildJvm.run(DescribeMedium.class, List.of(), Map.of("PMEM_IS_PMEM_FORCE", "0"), 60,
                path.toString(), "pmem");
        assertTrue(plain.output().contains("pmem_is_pmem=0"), plain.output());
    }

    @ParameterizedTest
    @EnumSource(value = MediumChoice.class, names = {"AUTO", "MAPPED"})
    void persistCoversExactlyTheCacheLinesOfTheRange(MediumChoice choice) {
        try (DaxStore store = recorded(choice, 4096); DaxFile file = store.create("f")) {
            file.allocate(0, 3 * 4096);
            try (DaxMapping view = file.map(0, 3 * 4096)) {
                long[][] ranges = {{100, 300}, {4000, 200}, {64, 64}, {0, 1}, {8191, 2}};
                for (long[] range : ranges) {
                    recording.clearHistory();
                    long fences = recording.fences();
                    view.persist(range[0], range[1]);
                    assertEquals(linesOf(store, file, range[0], range[1]), recording.flushHistory(),
                            "persist(" + range[0] + ", " + range[1] + ")");
                    assertEquals(fences + 1, recording.fences(), "one fence per persist");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = MediumChoice.class, names = {"AUTO", "MAPPED"})
    void aBatchOfSmallRangesCostsOneFenceAndFewFlushes(MediumChoice choice) {
        try (DaxStore store = recorded(choice, 4096); DaxFile file = store.create("f")) {
            file.allocate(0, 4 * 4096);
            try (DaxMapping view = file.map(0, 4 * 4096)) {
                PersistBatch batch = view.persistBatch();
                BitSet expected = new BitSet();
                for (long index = 8; index < 4 * 4096; index += 128) {
                    view.putLong(index, index);
                    batch.add(index, 8);
                    expected.or(linesOf(store, file, index, 8));
                }
                recording.clearHistory();
                long fences = recording.fences();
                batch.persist();
                assertEquals(fences + 1, recording.fences());
                assertTrue(recording.flushCalls() <= 4, recording.flushCalls() + " flush calls for 128 ranges");
                BitSet flushed = recording.flushHistory();
                BitSet missing = (BitSet) expected.clone();
                missing.andNot(flushed);
                assertTrue(missing.isEmpty(), "lines not flushed: " + missing);
                assertEquals(0, batch.size(), "persist empties the batch");
            }
        }
    }

    /**
     * A batch of more than one section's worth (256 KiB of its ranges, a tiny range counting as
     * a cache line) is translated and flushed section by section: every line of every range is
     * still flushed, nothing outside the file's blocks is, a range past the file's end stops at
     * it, and one fence ends the whole batch.
     */
    @ParameterizedTest
    @EnumSource(value = MediumChoice.class, names = {"AUTO", "MAPPED"})
    void aBatchLongerThanASectionFlushesEveryLineWithOneFence(MediumChoice choice) {
        int page = 4096;
        int size = 1 << 20;
        try (DaxStore store = recorded(choice, page); DaxFile file = store.create("f")) {
            file.allocate(0, size);
            long[] pageOffsets = new long[size / page];
            BitSet fileLines = new BitSet();
            for (int p = 0; p < pageOffsets.length; p++) {
                pageOffsets[p] = containerOffset(file, (long) p * page);
                fileLines.set((int) (pageOffsets[p] / RecordingMedium.LINE), (int) ((pageOffsets[p] + page) / RecordingMedium.LINE));
            }
            try (DaxMapping view = file.map(0, 2L * size)) {
                PersistBatch batch = view.persistBatch();
                BitSet expected = new BitSet();
                long[][] ranges = new long[5003][];
                ranges[0] = new long[] {100, 300 << 10};
                ranges[1] = new long[] {(512 << 10) - 10, 20};
                for (int i = 0; i < 5000; i++) {
                    ranges[2 + i] = new long[] {(600 << 10) + i * 64L + 3, 1};
                }
                ranges[5002] = new long[] {size - 100, size}; // half past the end of the file
                for (long[] range : ranges) {
                    batch.add(range[0], range[1]);
                    for (long pos = range[0]; pos < Math.min(size, range[0] + range[1]); pos++) {
                        expected.set((int) ((pageOffsets[(int) (pos / page)] + pos % page) / RecordingMedium.LINE));
                    }
                }
                recording.clearHistory();
                long fences = recording.fences();
                batch.persist();
                assertEquals(fences + 1, recording.fences(), "one fence for the whole batch");
                BitSet flushed = recording.flushHistory();
                BitSet missing = (BitSet) expected.clone();
                missing.andNot(flushed);
                assertTrue(missing.isEmpty(), missing.cardinality() + " lines not flushed: " + missing);
                BitSet outside = (BitSet) flushed.clone();
                outside.andNot(fileLines);
                assertTrue(outside.isEmpty(), "lines flushed outside the file's blocks: " + outside);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = MediumChoice.class, names = {"AUTO", "MAPPED"})
    void hugeBlocksAreMappedOnTwoMegabyteBoundaries(MediumChoice choice) {
        int huge = StoreOptions.HUGE_BLOCK_SIZE;
        try (DaxStore store = recorded(choice, huge)) {
            Layout layout = Layouts.of(StoreOptions.capacity(16 << 20).withBlockSize(huge));
            for (long block = layout.firstDataBlock(); block < layout.blockCount(); block++) {
                long address = recording.address(layout.blockOffset(block));
                assertEquals(0, address % huge, "block " + block + " is mapped at 0x" + Long.toHexString(address));
            }
        }
    }

    @Test
    void aBatchOnAClosedViewIsRefused() {
        try (DaxStore store = recorded(MediumChoice.AUTO, 4096); DaxFile file = store.create("f")) {
            file.allocate(0, 4096);
            DaxMapping view = file.map(0, 4096);
            PersistBatch batch = view.persistBatch().add(0, 8);
            view.close();
            assertThrows(ClosedException.class, batch::persist);
            assertThrows(ClosedException.class, () -> batch.add(0, 8));
            assertThrows(ClosedException.class, view::persistBatch);
            try (DaxMapping open = file.map(0, 4096)) {
                assertThrows(IndexOutOfBoundsException.class, () -> open.persistBatch().add(4090, 8));
            }
        }
    }

    /** The cache lines of the container that hold file bytes {@code [offset, offset + length)}. */
    private BitSet linesOf(DaxStore store, DaxFile file, long offset, long length) {
        BitSet lines = new BitSet();
        for (long pos = offset; pos < offset + length; pos++) {
            lines.set((int) (containerOffset(file, pos) / RecordingMedium.LINE));
        }
        return lines;
    }

    /** Where file byte {@code pos} lives in the container, found through a scope's address and the medium's base. */
    private long containerOffset(DaxFile file, long pos) {
        try (DaxMapping view = file.map(pos, 1); AccessScope scope = view.scope(0, 1, MapMode.READ_WRITE)) {
            return scope.addressOf(0) - recording.address(0);
        }
    }

    /** Prints the medium of a store at args[0] opened with the choice args[1], or the exception. */
    public static final class DescribeMedium {
        public static void main(String[] args) {
            MediumChoice choice = MediumChoice.valueOf(args[1].toUpperCase(java.util.Locale.ROOT));
            try (DaxStore store = DaxStore.create(Path.of(args[0]), StoreOptions.capacity(4 << 20).withMedium(choice))) {
                System.out.println("medium: " + store.info().medium());
            } catch (DaxStoreException e) {
                System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }
}
