package org.daxstore;

import java.nio.file.Path;

/**
 * Child JVM of {@link HeapBudgetTest}: opens the container named by its argument (and maps a
 * view of each length after it, if the open succeeds) and prints what happened, one line:
 * {@code opened}, or the class and message of what was thrown, an {@link OutOfMemoryError}
 * included.
 */
public final class OpenWithASmallHeap {
    private OpenWithASmallHeap() {
    }

    public static void main(String[] args) {
        try (DaxStore store = DaxStore.open(Path.of(args[0]))) {
            System.out.println("opened");
        } catch (Throwable e) {
            System.out.println("thrown: " + e.getClass().getName() + ": " + e.getMessage());
        }
    }
}
