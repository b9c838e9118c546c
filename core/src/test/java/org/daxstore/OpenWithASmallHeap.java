package org.daxstore;

import java.nio.file.Path;

/**
 * A child JVM's main for {@code HeapBudgetTest}: opens the store at {@code args[0]} and, given a
 * length in {@code args[1]}, maps that much of a file, first filling the heap with the
 * application's own objects but for about 1 MiB, then stores into a page for each block the
 * store has room for and loads them back; prints what was thrown, if anything.
 */
public final class OpenWithASmallHeap {
    private OpenWithASmallHeap() {
    }

    /** Chunks of 64 KiB held until the heap is full, then 16 given back. */
    private static java.util.List<byte[]> fillTheHeap() {
        java.util.List<byte[]> chunks = new java.util.ArrayList<>();
        try {
            while (true) {
                chunks.add(new byte[64 << 10]);
            }
        } catch (OutOfMemoryError full) {
            for (int i = 0; i < 16 && !chunks.isEmpty(); i++) {
                chunks.remove(chunks.size() - 1); // allocates nothing, unlike subList
            }
        }
        return chunks;
    }

    public static void main(String[] args) {
        try (DaxStore store = DaxStore.open(Path.of(args[0]))) {
            System.out.println("opened");
            if (args.length > 1) {
                java.util.List<byte[]> application = fillTheHeap();
                try (DaxFile file = store.exists("f") ? store.openFile("f") : store.create("f");
                        DaxMapping view = file.map(0, Long.parseLong(args[1]), MapMode.READ_WRITE)) {
                    System.out.println("mapped " + view.length() + " beside " + application.size() + " chunks");
                    int pages = (int) (store.info().freeBlocks() / 2 / 1024 * 1024);
                    file.truncate((long) pages * 4096);
                    for (int p = 0; p < pages; p++) {
                        view.putInt((long) p * 4096, p);
                    }
                    for (int p = 0; p < pages; p++) {
                        if (view.getInt((long) p * 4096) != p) {
                            throw new AssertionError("page " + p + " reads " + view.getInt((long) p * 4096));
                        }
                    }
                    System.out.println("touched " + pages + " pages");
                }
            }
        } catch (Throwable e) {
            System.out.println("thrown: " + e.getClass().getName() + ": " + e.getMessage());
            for (StackTraceElement frame : e.getStackTrace()) {
                System.out.println("\tat " + frame);
            }
        }
    }
}
