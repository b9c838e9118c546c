package org.daxstore.hostile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.nio.file.Path;

import org.daxstore.DaxFile;
import org.daxstore.DaxMapping;
import org.daxstore.DaxStore;
import org.daxstore.StoreOptions;
import org.daxstore.TempStores;
import org.junit.jupiter.api.Test;

/**
 * Views dropped without {@code close}, which the store says it forgets (MappedViews holds them
 * weakly), must give their translations' heap back to the store's budget: otherwise every
 * later view of the store runs uncached for good.
 */
class DroppedViewsBudgetTest {
    private static final int PAGE = 4096;
    /** Touched pages are one per leaf of 512 pages, so that no leaf folds: about 4 KiB each. */
    private static final int TOUCHED = 256;
    private static final long STRIDE = 512L * PAGE;

    // FAILED BEFORE THE FIX: a view that is dropped and collected never releases what its translation
    // table took from the HeapBudget (TranslationTable.clear runs only on close), so after a few
    // dropped views the budget is spent and a fresh view installs nothing: its translationBytes()
    // stays at its empty top, and every access of every view of the store faults.
    @Test
    void droppedViewsGiveTheirTranslationsBack() throws Exception {
        Path path = TempStores.newContainerPath("hostile-budget");
        // budget 8 MiB: the views' share is 2 MiB, two views of TOUCHED leaves each.
        try (DaxStore store = DaxStore.create(path, StoreOptions.capacity(64L << 20).withHeapBudget(8L << 20))) {
            DaxFile file = store.create("f");
            file.truncate(TOUCHED * STRIDE);
            for (int i = 0; i < TOUCHED; i++) {
                file.write(i * STRIDE, new byte[] {(byte) (i + 1)});
            }
            for (int round = 0; round < 10; round++) { // closed views give back: the control
                try (DaxMapping closed = file.map(0, TOUCHED * STRIDE)) {
                    long empty = closed.translationBytes();
                    touch(closed);
                    assertTrue(closed.translationBytes() > empty + TOUCHED * 8L, "control: a view of a fresh store"
                            + " installed nothing (" + closed.translationBytes() + " bytes): the budget is too small for the test");
                }
            }
            for (int round = 0; round < 10; round++) {
                WeakReference<DaxMapping> dropped = touchAndDrop(file);
                for (int i = 0; i < 200 && dropped.get() != null; i++) {
                    System.gc();
                    Thread.sleep(5);
                }
                assertTrue(dropped.get() == null, "the dropped view was not collected: the test cannot judge");
            }
            try (DaxMapping fresh = file.map(0, TOUCHED * STRIDE)) {
                long empty = fresh.translationBytes();
                touch(fresh);
                long touched = fresh.translationBytes();
                assertTrue(touched > empty + TOUCHED * 8L, "after 10 views were dropped and collected, a fresh view"
                        + " could install no translation (translationBytes " + empty + " before touching " + TOUCHED
                        + " pages, " + touched + " after): the dropped views' heap was never given back to the budget");
            }
        } finally {
            TempStores.delete(path);
        }
    }

    private static WeakReference<DaxMapping> touchAndDrop(DaxFile file) {
        DaxMapping view = file.map(0, TOUCHED * STRIDE);
        touch(view);
        return new WeakReference<>(view);
    }

    private static void touch(DaxMapping view) {
        for (int i = 0; i < TOUCHED; i++) {
            if (view.getByte(i * STRIDE) != (byte) (i + 1)) {
                throw new AssertionError("page " + i * 512 + " read the wrong byte");
            }
        }
    }
}
