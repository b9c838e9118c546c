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
                    .withHeapBudget(HeapBudget.openBytes(StoreOptions.capacity(LARGE).layout())))) {
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
            org.daxstore.testing.ChildJvm.Result result = org.daxstore.testing.ChildJvm.run(List.of("-Xmx64m"),
                    OpenWithASmallHeap.class, List.of(), java.util.Map.of(), 120, path.toString());
            assertTrue(result.output().contains("thrown: " + NotEnoughHeapException.class.getName()), result.output());
            assertSaysNeededBudgetAndWhatToDo(result.output(), path);
        } finally {
            TempStores.delete(path);
        }
    }

    /**
     * The plan fits the budget, but the heap is already taken by other objects (in a 12 MiB heap
     * a 64 GiB store needs about 7 MiB of bitmaps; a 1 GiB view in 16 MiB needs 4 MiB, its share,
     * after the child has filled its heap with objects of its own but for 1 MiB):
     * the store's own allocation runs out, and that is NotEnoughHeapException, with the
     * OutOfMemoryError as its cause, never the error itself. Before the fix both children printed
     * "thrown: java.lang.OutOfMemoryError" (from BlockAllocator, from Translator).
     */
    @Test
    void anAllocationThePlanAllowedButTheHeapCannotHoldIsNotEnoughHeap() throws Exception {
        assertNotEnoughHeapInAChild(64L << 30, "-Xmx12m");
        assertNotEnoughHeapInAChild(16L << 20, "-Xmx16m", String.valueOf(1L << 30));
    }

    /** A store of {@code capacity} opened (and, given a length, mapped) by a child JVM with {@code heap}. */
    private static void assertNotEnoughHeapInAChild(long capacity, String heap, String... mapLength) throws Exception {
        Path path = TempStores.newContainerPath("heap-inuse-");
        try {
            DaxStore.create(path, StoreOptions.capacity(capacity)).close();
            List<String> args = new ArrayList<>(List.of(path.toString()));
            args.addAll(List.of(mapLength));
            String output = org.daxstore.testing.ChildJvm.run(List.of(heap), OpenWithASmallHeap.class, List.of(),
                    java.util.Map.of(), 120, args.toArray(String[]::new)).output();
            assertTrue(output.contains("thrown: " + NotEnoughHeapException.class.getName() + ": " + path), output);
            assertFalse(output.contains("OutOfMemoryError: "), output);
        } finally {
            TempStores.delete(path);
        }
    }

    /** Views each under the share of one view, together over it: the one that would pass it is refused until another closes. */
    @Test
    void theViewsOfAStoreTogetherStayWithinTheirShare() {
        Path path = TempStores.newContainerPath("heap-views-");
        long budget = 64L << 20; // the views' share: 16 MiB, 16 bytes a page
        long viewLength = (6L << 20) / 16 * 4096; // 6 MiB of translation each
        try (DaxStore store = DaxStore.open(path, StoreOptions.capacity(16 << 20).withHeapBudget(budget));
                DaxFile file = store.create("f")) {
            List<DaxMapping> views = new ArrayList<>();
            views.add(file.map(0, viewLength));
            views.add(file.map(0, viewLength));
            NotEnoughHeapException e = assertThrows(NotEnoughHeapException.class, () -> file.map(0, viewLength));
            assertTrue(e.getMessage().contains("'f'") && e.getMessage().contains("already take 12 MiB of the 16 MiB")
                    && e.getMessage().contains("close views"), e.getMessage());
            views.remove(0).close();
            views.add(file.map(0, viewLength));
            views.get(0).close();
            views.get(0).close(); // a second close gives nothing back twice
            views.add(file.map(0, viewLength));
            assertThrows(NotEnoughHeapException.class, () -> file.map(0, viewLength));
            views.forEach(DaxMapping::close);
        } finally {
            TempStores.delete(path);
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
