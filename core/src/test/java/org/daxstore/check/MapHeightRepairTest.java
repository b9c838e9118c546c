package org.daxstore.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.daxstore.DaxFile;
import org.daxstore.DaxStore;
import org.daxstore.FileStat;
import org.daxstore.StoreOptions;
import org.daxstore.TempStores;
import org.daxstore.format.InodeFormat;
import org.daxstore.format.Layout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A wrong block-map height in an inode, for a file of every height class (0 to the largest,
 * 4 for 4 KiB blocks) set to every other height: the repair must read the map under the height
 * it validates under and give back the file's exact bytes, and never keep a map node as file
 * data (too low a height) nor clear "pointers" inside data blocks (too high). Both with the
 * record resealed (a checksum cannot tell) and with its checksum left wrong (a flipped bit, which
 * the repair salvages when the file fits the container, and otherwise reports lost).
 */
class MapHeightRepairTest {
    private static final StoreOptions OPTIONS = StoreOptions.capacity(8 << 20).withMaxFiles(16);
    private static final int BLOCK = 4096;
    /** For each height class, the pages written: the last one decides the height. */
    private static final long[][] PAGES = {
        {0},
        {0, 1, 2, 3, 4},
        {0, 1, 2, 600},
        {0, 5, (1L << 18) + 5},
        {3, (1L << 27) + 1},
    };

    private static Path built;
    private static Layout layout;
    private static final List<byte[][]> WRITTEN = new ArrayList<>();
    private static final List<FileStat> STATS = new ArrayList<>();

    private Path path;

    @BeforeAll
    static void build() throws IOException {
        built = TempStores.newContainerPath("height-");
        Random random = new Random(23);
        try (DaxStore store = DaxStore.create(built, OPTIONS)) {
            for (int h = 0; h < PAGES.length; h++) {
                byte[][] pages = new byte[PAGES[h].length][];
                try (DaxFile file = store.create("h" + h)) {
                    for (int i = 0; i < pages.length; i++) {
                        pages[i] = new byte[h == 0 ? 100 : BLOCK];
                        random.nextBytes(pages[i]);
                        file.write(PAGES[h][i] * BLOCK, pages[i]);
                    }
                    STATS.add(file.stat());
                }
                WRITTEN.add(pages);
            }
        }
        layout = new ImageFile(built).superblock().layout();
        assertEquals(PAGES.length - 1, Layout.maxMapHeight(layout.blockShift()), "a class for every height");
        ImageFile image = new ImageFile(built);
        for (int h = 0; h < PAGES.length; h++) {
            assertEquals(h, (int) image.getLong(layout.inodeOffset(h) + InodeFormat.MAP_HEIGHT), "file h" + h + "'s height");
        }
    }

    @AfterAll
    static void deleteBuilt() {
        TempStores.delete(built);
    }

    /** Every file class, every wrong height, sealed or not. */
    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (int file = 0; file < PAGES.length; file++) {
            for (int height = 0; height < PAGES.length; height++) {
                if (height != file) {
                    cases.add(Arguments.of(file, height, 1));
                    cases.add(Arguments.of(file, height, 0));
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "file h{0}, height := {1}, resealed {2}")
    @MethodSource("cases")
    void aWrongHeightIsCorrectedOrTheLossReported(int file, int height, int resealed) throws IOException {
        path = TempStores.newContainerPath("height-");
        try {
            Files.copy(built, path);
            ImageFile image = new ImageFile(path);
            long at = layout.inodeOffset(file) + InodeFormat.MAP_HEIGHT;
            if (resealed == 1) {
                image.editInode(layout, file, InodeFormat.MAP_HEIGHT, height);
            } else {
                image.write(at, new byte[] {(byte) height});
            }
            RepairReport report = Fsck.repair(path);
            assertEquals(RepairReport.Status.REPAIRED, report.status(), report.toString());
            boolean salvageable = resealed == 1 || STATS.get(file).size() <= layout.containerSize();
            String text = report.toString();
            if (salvageable) {
                assertTrue(text.contains("file 'h" + file + "' (inode " + file + "): its block map does not validate under the"
                        + " recorded height " + height + " and does under height " + file + ": the height corrected"), text);
            } else {
                assertTrue(text.contains("not salvaged, since") && text.contains("is beyond the container's capacity")
                        && text.contains("('h" + file
                        + "' by the damaged record, " + STATS.get(file).size() + " bytes) is lost"), text);
            }
            assertEquals(FsckReport.Status.CLEAN, Fsck.check(path).status());
            try (DaxStore store = DaxStore.open(path)) {
                assertTrue(store.check().isConsistent(), store.check().toString());
                for (int other = 0; other < PAGES.length; other++) {
                    if (other == file && !salvageable) {
                        assertTrue(!store.list().contains("h" + file), store.list().toString());
                    } else {
                        assertSameFile(store, other);
                    }
                }
            }
        } finally {
            TempStores.delete(path);
        }
    }

    /** The file's size, its blocks (no node kept as data, none dropped), and every page written, byte for byte. */
    private static void assertSameFile(DaxStore store, int h) {
        try (DaxFile file = store.openFile("h" + h)) {
            FileStat stat = file.stat();
            assertEquals(STATS.get(h).size(), stat.size(), "h" + h + "'s size");
            assertEquals(STATS.get(h).allocatedBytes(), stat.allocatedBytes(), "h" + h + "'s blocks");
            for (int i = 0; i < PAGES[h].length; i++) {
                byte[] expected = WRITTEN.get(h)[i];
                byte[] actual = new byte[expected.length];
                file.read(PAGES[h][i] * BLOCK, actual);
                assertArrayEquals(expected, actual, "h" + h + " page " + PAGES[h][i]);
            }
            if (STATS.get(h).size() > BLOCK) {
                byte[] hole = new byte[BLOCK];
                file.read(PAGES[h][PAGES[h].length - 1] * BLOCK - BLOCK, hole);
                long last = PAGES[h][PAGES[h].length - 1];
                boolean written = PAGES[h].length > 1 && PAGES[h][PAGES[h].length - 2] == last - 1;
                if (!written) {
                    assertArrayEquals(new byte[BLOCK], hole, "h" + h + " page " + (last - 1) + " is a hole");
                }
            }
        }
    }
}
