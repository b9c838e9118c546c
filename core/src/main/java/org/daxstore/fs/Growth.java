package org.daxstore.fs;

import java.util.Arrays;

/**
 * What one operation that gives a range blocks (write, allocate, zero-range) has committed so
 * far, so that a failure in a later step can take it back: the size the file had, and the pages
 * below that size which were holes and got blocks. Pages at or beyond the old size need no list:
 * shrinking back to the old size frees them all.
 */
final class Growth {
    final long oldSize;
    /** The height the file's block map had: a step may have raised it ({@code BlockMap.reach}). */
    final int oldHeight;
    private long[] filled = new long[16];
    private int count;
    private boolean committed;

    Growth(long oldSize, int oldHeight) {
        this.oldSize = oldSize;
        this.oldHeight = oldHeight;
    }

    /** Records that the step now committing gave hole {@code page} (below the old size) a block. */
    void filled(long page) {
        if (count == filled.length) {
            filled = Arrays.copyOf(filled, 2 * count);
        }
        filled[count++] = page;
    }

    /** Forgets what the step that failed recorded: its transaction was rolled back. */
    void stepRolledBack(int countBefore) {
        count = countBefore;
    }

    int count() {
        return count;
    }

    /** A step committed: from now on a failure has something to undo. */
    void stepCommitted() {
        committed = true;
    }

    boolean anythingCommitted() {
        return committed;
    }

    /** The filled pages, ascending (steps run in ascending order of pages). */
    long page(int i) {
        return filled[i];
    }
}
