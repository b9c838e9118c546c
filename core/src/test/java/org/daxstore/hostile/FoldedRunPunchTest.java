package org.daxstore.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.daxstore.AccessScope;
import org.daxstore.DaxFile;
import org.daxstore.DaxMapping;
import org.daxstore.DaxStore;
import org.daxstore.MapMode;
import org.daxstore.StoreOptions;
import org.daxstore.TempStores;
import org.junit.jupiter.api.Test;

/**
 * A file written in order folds each leaf of 512 pages into one word. Punches that cover such
 * runs in part (one page in the middle, the first or last page of a leaf, a range across two
 * leaves, a partial page) must zero exactly their range, through old views (folded) and new.
 */
class FoldedRunPunchTest {
    private static final int PAGE = 4096;
    private static final int LEAF = 512;
    private static final int PAGES = 3 * LEAF + 17;

    @Test
    void punchesOfPartsOfFoldedLeaves() {
        Path path = TempStores.newContainerPath("hostile-fold");
        try (DaxStore store = DaxStore.create(path, StoreOptions.capacity(64L << 20))) {
            DaxFile file = store.create("f");
            long length = (long) PAGES * PAGE;
            byte[] shadow = new byte[(int) length];
            for (int i = 0; i < shadow.length; i += 8) {
                long value = 0x7700_0000_0000_0000L | i;
                for (int b = 0; b < 8; b++) {
                    shadow[i + b] = (byte) (value >>> (8 * b));
                }
            }
            file.write(0, shadow);
            List<DaxMapping> old = new ArrayList<>();
            old.add(file.map(0, length));
            old.add(file.map(PAGE, length - PAGE));         // leaves shifted by one page
            old.add(file.map(100, length - 100));           // unaligned
            old.add(file.map(0, length + 64L * PAGE));      // longer than the file
            for (DaxMapping view : old) {
                touchAll(view);
            }
            long folded = old.get(0).translationBytes();
            assertTrue(folded < 8L * PAGES / 4, "a file written in order should fold: " + folded + " bytes");

            long[][] punches = {
                    {700L * PAGE, PAGE},                    // one page in the middle of leaf 1
                    {(long) LEAF * PAGE, PAGE},             // first page of leaf 1
                    {(2L * LEAF - 1) * PAGE, PAGE},         // last page of leaf 1
                    {(2L * LEAF - 5) * PAGE, 10L * PAGE},   // across leaves 1 and 2
                    {5L * PAGE + 100, 200},                 // inside one page
                    {9L * PAGE + 4000, PAGE + 200},         // partial pages at both ends, one whole
                    {(3L * LEAF) * PAGE - 1, 3},            // the last byte of leaf 2, two of the tail leaf
                    {length - PAGE - 1, 2 * PAGE},          // the last page, and past the end
                    {0, PAGE},                              // the very first page
            };
            for (long[] punch : punches) {
                file.punchHole(punch[0], punch[1]);
                long end = Math.min(length, punch[0] + punch[1]);
                for (long i = punch[0]; i < end; i++) {
                    shadow[(int) i] = 0;
                }
                String what = "after punchHole(" + punch[0] + ", " + punch[1] + ")";
                for (DaxMapping view : old) {
                    check(view, shadow, what + " through an old view at " + view.fileOffset());
                }
                try (DaxMapping fresh = file.map(0, length)) {
                    check(fresh, shadow, what + " through a new view");
                }
                // rewrite one punched page through an old view: its new block breaks the run
                long page = punch[0] / PAGE;
                DaxMapping writer = old.get(0);
                long value = 0x1100_0000_0000_0000L | page;
                writer.putLong(page * PAGE, value);
                for (int b = 0; b < 8; b++) {
                    shadow[(int) (page * PAGE + b)] = (byte) (value >>> (8 * b));
                }
                for (DaxMapping view : old) {
                    check(view, shadow, what + " and a rewrite of page " + page + ", through an old view at " + view.fileOffset());
                }
            }
            for (DaxMapping view : old) {
                view.close();
            }
        } finally {
            TempStores.delete(path);
        }
    }

    private static void touchAll(DaxMapping view) {
        for (long i = 0; i < Math.min(view.length(), (long) PAGES * PAGE - view.fileOffset()); i += PAGE) {
            view.getByte(i);
        }
    }

    private static void check(DaxMapping view, byte[] shadow, String what) {
        long from = view.fileOffset();
        int length = (int) (shadow.length - from);
        byte[] bulk = new byte[length];
        view.get(0, bulk, 0, length);
        for (int i = 0; i < length; i++) {
            if (bulk[i] != shadow[(int) from + i]) {
                throw new AssertionError(what + ": bulk get differs at file offset " + (from + i) + ": " + bulk[i]
                        + " instead of " + shadow[(int) from + i]);
            }
        }
        for (long page = 0; page < PAGES; page++) {
            for (long at : new long[] {page * PAGE, page * PAGE + PAGE / 2, page * PAGE + PAGE - 8}) {
                if (at < from) {
                    continue;
                }
                assertEquals(expectedLong(shadow, (int) at), view.getLong(at - from), what + ": getLong at file offset " + at);
            }
        }
        long scoped = Math.min(length, 4L * LEAF * PAGE);
        try (AccessScope scope = view.scope(0, scoped, MapMode.READ_ONLY)) {
            for (long i = 0; i + 8 <= scoped; i += 1024) {
                assertEquals(expectedLong(shadow, (int) (from + i)), scope.getLong(i), what + ": scoped getLong at file offset " + (from + i));
            }
        }
    }

    private static long expectedLong(byte[] shadow, int at) {
        long value = 0;
        for (int b = 0; b < 8; b++) {
            value |= (shadow[at + b] & 0xFFL) << (8 * b);
        }
        return value;
    }
}
