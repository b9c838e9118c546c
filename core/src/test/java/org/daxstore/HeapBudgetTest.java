package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.daxstore.fs.HeapBudget;
import org.daxstore.testing.Layouts;
import org.junit.jupiter.api.Test;

/**
 * A store plans its heap before it allocates: an open (or format) of a container whose bitmaps
 * would not fit its heap budget, and a view that would take the store's open views past their
 * share, are refused with {@link NotEnoughHeapException} saying what is needed, the budget and
 * what to do, never an {@link OutOfMemoryError}. The budget is injected per store
 * ({@link StoreOptions#withHeapBudget}) so that the refusal is tested in this JVM; it can only
 * tighten the JVM's own limit.
 */
class HeapBudgetTest {
    /** A sparse 256 GiB container of 4 KiB blocks: its allocator alone takes 24 MiB of bitmaps. */
    private static final long LARGE = 256L << 30;
    private static final long SMALL_BUDGET = 16L << 20;

    @Test
    void aFormatThatWouldNotFitTheBudgetIsRefusedBeforeTheFileIsCreated() {
        Path path = TempStores.newContainerPath("heap-format-");
        try {
            NotEnoughHeapException e = assertThrows(NotEnoughHeapException.class,
                    () -> DaxStore.create(path, StoreOptions.capacity(LARGE).withHeapBudget(SMALL_BUDGET)).close());
            assertSaysNeededBudgetAndWhatToDo(e.getMessage(), path);
            assertFalse(Files.exists(path), "a refused format left a file behind");
        } finally {
            TempStores.delete(path);
        }
    }

    /** An empty file that open would format: refused before the format, and left empty. */
    @Test
    void anEmptyFileIsNotFormattedForAStoreThatWouldNotFit() throws Exception {
        Path path = TempStores.newContainerPath("heap-empty-");
        try {
            Files.write(path, new byte[0]);
            NotEnoughHeapException e = assertThrows(NotEnoughHeapException.class,
                    () -> DaxStore.open(path, StoreOptions.capacity(LARGE).withHeapBudget(SMALL_BUDGET)).close());
            assertSaysNeededBudgetAndWhatToDo(e.getMessage(), path);
            assertEquals(0, Files.size(path), "the empty file was formatted");
        } finally {
            TempStores.delete(path);
        }
    }

    @Test
    void anOpenThatWouldNotFitTheBudgetIsRefusedAndChangesNothing() throws Exception {
        Path path = TempStores.newContainerPath("heap-open-");
        try {
            DaxStore.create(path, StoreOptions.capacity(LARGE)).close();
            byte[] superblock = new org.daxstore.testing.ImageFile(path).read(0, 4096);
            NotEnoughHeapException e = assertThrows(NotEnoughHeapException.class,
                    () -> DaxStore.open(path, StoreOptions.capacity(LARGE).withHeapBudget(SMALL_BUDGET)).close());
            assertSaysNeededBudgetAndWhatToDo(e.getMessage(), path);
            assertArrayEquals(superblock, new org.daxstore.testing.ImageFile(path).read(0, 4096),
                    "a refused open wrote the superblock (the clean flag)");
            try (DaxStore store = DaxStore.open(path, StoreOptions.capacity(LARGE)
                    .withHeapBudget(HeapBudget.openBytes(Layouts.of(StoreOptions.capacity(LARGE)))))) {
                assertEquals(LARGE, store.info().capacity(), "a budget of exactly the estimate opens");
            }
        } finally {
            TempStores.delete(path);
        }
    }

    /**
     * The hostile case itself, in a JVM of 64 MiB of heap: a 1 TiB container (formatted here, in
     * a larger heap) is refused with NotEnoughHeapException by the budget's default, the JVM's
     * heap. Before the fix this child died with OutOfMemoryError in the allocator.
     */
    @Test
    void aOneTebibyteContainerInA64MibHeapIsRefusedNotOutOfMemory() throws Exception {
        Path path = TempStores.newContainerPath("heap-child-");
        try {
            DaxStore.create(path, StoreOptions.capacity(1L << 40)).close();
            String output = childWithASmallHeap("-Xmx64m", path);
            assertTrue(output.contains("thrown: " + NotEnoughHeapException.class.getName()), output);
            assertSaysNeededBudgetAndWhatToDo(output, path);
        } finally {
            TempStores.delete(path);
        }
    }

    /**
     * The plan fits the budget, but the heap is already taken by other objects (in a 12 MiB heap
     * a 64 GiB store needs about 7 MiB of bitmaps): the store's own allocation runs out, and that
     * is NotEnoughHeapException, with the OutOfMemoryError as its cause, never the error itself.
     * Before the fix the child printed "thrown: java.lang.OutOfMemoryError" (from BlockAllocator).
     */
    @Test
    void anAllocationThePlanAllowedButTheHeapCannotHoldIsNotEnoughHeap() throws Exception {
        Path path = TempStores.newContainerPath("heap-inuse-");
        try {
            DaxStore.create(path, StoreOptions.capacity(64L << 30)).close();
            String output = childWithASmallHeap("-Xmx12m", path);
            assertTrue(output.contains("thrown: " + NotEnoughHeapException.class.getName() + ": " + path), output);
            assertFalse(output.contains("OutOfMemoryError: "), output);
        } finally {
            TempStores.delete(path);
        }
    }

    /**
     * A view's translation is a cache: with the heap full of the application's objects (all but
     * 1 MiB of 16), a 1 GiB view still works, and stores into and loads every block of the store,
     * its faults keeping what translation fits and serving the rest uncached.
     */
    @Test
    void aViewWorksInAFullHeap() throws Exception {
        Path path = TempStores.newContainerPath("heap-view-");
        try {
            DaxStore.create(path, StoreOptions.capacity(16L << 20)).close();
            String output = childWithASmallHeap("-Xmx16m", path, String.valueOf(1L << 30));
            assertTrue(output.contains("touched 1024 pages"), output);
            assertFalse(output.contains("thrown: "), output);
        } finally {
            TempStores.delete(path);
        }
    }

    private static String childWithASmallHeap(String heap, Path path, String... mapLength) throws Exception {
        List<String> args = new ArrayList<>(List.of(path.toString()));
        args.addAll(List.of(mapLength));
        return org.daxstore.testing.ChildJvm.run(List.of(heap), OpenWithASmallHeap.class, List.of(),
                java.util.Map.of(), 120, args.toArray(String[]::new)).output();
    }

    /**
     * The translations of a store's views together stay within their share of the budget (a
     * quarter): views of a file of blocks in no order (nothing folds), each touching every page,
     * fill the share; the next view's accesses are served uncached, and correctly; closing a
     * view gives its share back.
     */
    @Test
    void theViewsOfAStoreTogetherStayWithinTheirShare() {
        Path path = TempStores.newContainerPath("heap-views-");
        long budget = 8L << 20; // the views' share: 2 MiB
        int pages = 2048;
        try (DaxStore store = DaxStore.open(path, StoreOptions.capacity(16 << 20).withHeapBudget(budget));
                DaxFile file = store.create("f")) {
            file.truncate((long) pages * 4096);
            for (int p = pages - 1; p >= 0; p--) { // backwards: no two neighbours get adjacent blocks
                file.write((long) p * 4096, new byte[] {(byte) p});
            }
            List<DaxMapping> views = new ArrayList<>();
            long share = budget / 4;
            DaxMapping last;
            do { // until a view finds the share spent: about 2 MiB / 16 KiB views
                last = file.map(0, (long) pages * 4096, MapMode.READ_ONLY);
                touchAll(last, pages);
                views.add(last);
            } while (last.translationBytes() >= pages * 8L && views.size() < 1000);
            last = file.map(0, (long) pages * 4096, MapMode.READ_ONLY);
            touchAll(last, pages);
            views.add(last);
            assertTrue(last.translationBytes() < 1024, "a view got " + last.translationBytes() + " bytes past the share");
            long total = views.stream().mapToLong(DaxMapping::translationBytes).sum();
            // Each view's top array and single directory (72 bytes here) are taken even past the share.
            assertTrue(total <= share + 72L * views.size(), total + " bytes of translation, more than the share of " + share);
            views.get(0).close();
            views.get(0).close(); // a second close gives nothing back twice
            DaxMapping again = file.map(0, (long) pages * 4096, MapMode.READ_ONLY);
            touchAll(again, pages);
            assertTrue(again.translationBytes() >= pages * 8L, "a closed view's share went to the next: " + again.translationBytes());
            again.close();
            views.forEach(DaxMapping::close);
        } finally {
            TempStores.delete(path);
        }
    }

    private static void touchAll(DaxMapping view, int pages) {
        for (int p = 0; p < pages; p++) {
            assertEquals((byte) p, view.getByte((long) p * 4096), "page " + p);
        }
    }

    /** The budget is the JVM's heap unless given, and a larger one is the JVM's: it cannot turn the check off. */
    @Test
    void theBudgetIsAtMostTheJvmsHeap() {
        long heap = Runtime.getRuntime().maxMemory();
        assertEquals(heap, HeapBudget.wholeHeap().bytes());
        assertEquals(heap, new HeapBudget(Long.MAX_VALUE / 2).bytes());
        assertEquals(SMALL_BUDGET, new HeapBudget(SMALL_BUDGET).bytes());
        assertEquals(Long.MAX_VALUE, StoreOptions.capacity(1 << 20).heapBudget());
        assertThrows(IllegalArgumentException.class, () -> StoreOptions.capacity(1 << 20).withHeapBudget(0));
    }

    private static void assertSaysNeededBudgetAndWhatToDo(String message, Path path) {
        assertTrue(message.contains(path.toString()) && message.contains("needs about") && message.contains("MiB")
                && message.contains("Runtime.maxMemory()") && message.contains("-Xmx"), message);
    }
}
