package org.daxstore.fault;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.daxstore.fs.HeapBudget;

/**
 * One view's translations: view page to container address, in a three-level table that exists
 * only where pages have been touched, like a CPU page table.
 *
 * <h2>Shape</h2>
 * A view of {@code n} pages has a top array of {@code ceil(n / 2^21)} references, allocated
 * with the view (at most {@value #MOST_TOP}, for the largest file); a <em>directory</em> of up
 * to {@value #DIRECTORY_SIZE} references per 2^21 pages (fewer for a smaller view; allocated
 * with the view too if it is the only one, so that a hit skips the top) and a <em>leaf</em> of up to
 * {@value #LEAF_SIZE} addresses per 512 pages are allocated by the first fault in their range.
 * An entry is the address of the container block that backs the page, or 0 (no translation:
 * block addresses are never 0). A leaf has one more word than it has pages, its last, which
 * counts the pages it translates. So a touched page costs 8 bytes, the kernel's cost of a page
 * table entry, and a view costs a few hundred bytes until it is used, whatever its length.
 *
 * <p>A leaf whose every page is translated, to blocks that follow each other in the container
 * (a file written in order), is <em>folded</em>: replaced by an array of one word, the address
 * of its first page, like a huge-page mapping. Its pages then cost nothing, and a table over a
 * file of adjacent blocks stays small enough to stay in the CPU's caches. Only a folded leaf has
 * length 1 (an unfolded leaf of one page has two words), and a folded leaf never changes: a
 * removal of part of it replaces it with an unfolded leaf.
 *
 * <h2>Concurrency</h2>
 * {@link #entry} (the hit) takes no lock: volatile loads of the directory slot, the leaf slot and
 * the entry (plain loads on x86). Everything that changes the table ({@link #install},
 * {@link #shootDown}, {@link #clear}) runs under the table's monitor, and publishes with volatile
 * stores, so that a new directory or leaf is seen whole. The monitor is the page-table lock of
 * this design: the fault that installs checks the file's seqtex under it, and the remover that
 * shoots down takes it after making the seqtex odd, so an install either comes first and is
 * shot down, or comes after and sees the odd sequence ({@link Translator} explains why that is
 * what safety needs).
 *
 * <h2>Memory</h2>
 * Directories and leaves are taken from the store's {@link HeapBudget} before they are
 * allocated; when the budget is spent, a fault installs nothing and its access is served
 * uncached (slower, never refused). {@link #clear} gives everything back.
 */
public final class TranslationTable {
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle LEAVES = MethodHandles.arrayElementVarHandle(long[][].class);
    private static final VarHandle DIRECTORIES = MethodHandles.arrayElementVarHandle(long[][][].class);

    static final int LEAF_SHIFT = 9;
    static final int LEAF_SIZE = 1 << LEAF_SHIFT;
    private static final int LEAF_MASK = LEAF_SIZE - 1;
    private static final int DIRECTORY_SHIFT = 12;
    static final int DIRECTORY_SIZE = 1 << DIRECTORY_SHIFT;
    private static final int DIRECTORY_MASK = DIRECTORY_SIZE - 1;
    /** Pages one directory spans. */
    private static final int TOP_SHIFT = LEAF_SHIFT + DIRECTORY_SHIFT;
    /** The largest top array: a view of the largest file (2^46 bytes) in the smallest pages (4 KiB). */
    static final int MOST_TOP = 1 << (46 - 12 - TOP_SHIFT);
    /** Heap an array takes beyond its elements, and the most an element does. */
    private static final long ARRAY_HEADER = 16;

    private final long pages;
    private final int blockShift;
    private final long[][][] top;
    /**
     * The one directory of a view of at most 2^21 pages (8 GiB of 4 KiB pages), made with the
     * table (at most {@value #DIRECTORY_SIZE} references) so that a hit of such a view skips the
     * top array; null for a larger view. Never replaced: {@link #clear} empties it.
     */
    private final long[][] single;
    private final HeapBudget budget;
    /** Heap the table holds now (its top array included), taken from the budget; under the monitor. */
    private long bytes;

    /**
     * A table for a view of {@code pages} pages of {@code 1 << blockShift} bytes. The top array
     * is taken from {@code budget} too, but never refused: it is at most {@value #MOST_TOP}
     * references, less than the objects of the view itself.
     */
    public TranslationTable(long pages, int blockShift, HeapBudget budget) {
        int topLength = (int) ((pages + (1L << TOP_SHIFT) - 1) >>> TOP_SHIFT);
        this.pages = pages;
        this.blockShift = blockShift;
        this.budget = budget;
        this.top = new long[topLength][][];
        this.single = topLength == 1 ? new long[(int) leavesOf(pages)][] : null;
        if (single != null) {
            this.top[0] = single;
        }
        this.bytes = arrayBytes(topLength) + (single == null ? 0 : arrayBytes(single.length));
        budget.forceReserveView(bytes);
    }

    /** The address of the block of view page {@code page}, or 0 if it has no translation. */
    public long entry(long page) {
        return entry(single, top, page, blockShift);
    }

    /**
     * The top array and the single directory, for a hit path that keeps them in its own final
     * fields: both are made with the table and never replaced, so a hit saves the load of the
     * table itself (and, for a view of one directory, of the top array).
     */
    long[][][] top() {
        return top;
    }

    long[][] single() {
        return single;
    }

    /**
     * The address of the block of view page {@code page} in the table whose single directory
     * is {@code single} (or, if that is null, whose top array is {@code top}), or 0: the hit.
     * Two or three volatile loads (plain on x86); for a folded leaf, an add instead of the last.
     */
    static long entry(long[][] single, long[][][] top, long page, int blockShift) {
        long[][] directory = single != null ? single : (long[][]) DIRECTORIES.getVolatile(top, (int) (page >>> TOP_SHIFT));
        if (directory == null) {
            return 0;
        }
        long[] leaf = (long[]) LEAVES.getVolatile(directory, (int) (page >>> LEAF_SHIFT) & DIRECTORY_MASK);
        if (leaf == null) {
            return 0;
        }
        int slot = (int) page & LEAF_MASK;
        if (leaf.length == 1) {
            return leaf[0] + ((long) slot << blockShift);
        }
        return (long) LONGS.getVolatile(leaf, slot);
    }

    /**
     * The number of pages from view page {@code page}, whose block the caller read at
     * {@code first}, up to {@code most}, whose translations follow on from it in the container:
     * 1 if the next page's is not adjacent. A folded leaf counts whole.
     */
    long adjacentPages(long page, long first, long most) {
        long run = 1;
        while (run < most && page + run < pages) {
            long next = page + run;
            long expected = first + (run << blockShift);
            long[] leaf = leafOf(next);
            if (leaf != null && leaf.length == 1 && (next & LEAF_MASK) == 0 && leaf[0] == expected) {
                run += LEAF_SIZE; // a folded leaf that continues the run
            } else if (entry(next) == expected) {
                run++;
            } else {
                break;
            }
        }
        return Math.min(run, most);
    }

    private long[] leafOf(long page) {
        long[][] directory = single != null ? single : (long[][]) DIRECTORIES.getVolatile(top, (int) (page >>> TOP_SHIFT));
        return directory == null ? null : (long[]) LEAVES.getVolatile(directory, (int) (page >>> LEAF_SHIFT) & DIRECTORY_MASK);
    }

    /** What an install checks under the table's monitor: whether the fault's look-up still holds. */
    public interface Validity {
        boolean stillValid(long sequence);
    }

    /**
     * Installs {@code address} for view page {@code page} if {@code validity} says the look-up
     * made at {@code sequence} still holds, checked under the table's monitor (see the header);
     * false if it did not, or if the heap (or its budget) had no room for the directory or leaf
     * the page needs. Allocates nothing but those.
     */
    public synchronized boolean install(long page, long address, Validity validity, long sequence) {
        if (!validity.stillValid(sequence)) {
            return false;
        }
        int topSlot = (int) (page >>> TOP_SHIFT);
        long[][] directory = top[topSlot];
        if (directory == null) {
            int length = (int) Math.min(DIRECTORY_SIZE, leavesOf(pages) - ((long) topSlot << DIRECTORY_SHIFT));
            directory = length <= 0 ? null : (long[][]) allocate(arrayBytes(length), () -> new long[length][]);
            if (directory == null) {
                return false;
            }
            DIRECTORIES.setVolatile(top, topSlot, directory);
        }
        int directorySlot = (int) (page >>> LEAF_SHIFT) & DIRECTORY_MASK;
        long[] leaf = directory[directorySlot];
        if (leaf != null && leaf.length == 1) {
            return true; // folded: every page of it is translated already
        }
        int leafPages = leafPages(page);
        if (leaf == null) {
            leaf = (long[]) allocate(arrayBytes(leafPages + 1), () -> new long[leafPages + 1]);
            if (leaf == null) {
                return false;
            }
            LEAVES.setVolatile(directory, directorySlot, leaf);
        }
        int slot = (int) page & LEAF_MASK;
        if (leaf[slot] == 0) {
            leaf[leafPages]++;
        }
        LONGS.setVolatile(leaf, slot, address);
        if (leaf[leafPages] == leafPages && leafPages > 1 && adjacent(leaf, leafPages)) {
            LEAVES.setVolatile(directory, directorySlot, new long[] {leaf[0]});
            give(arrayBytes(leafPages + 1) - arrayBytes(1));
        }
        return true;
    }

    private boolean adjacent(long[] leaf, int leafPages) {
        for (int i = 1; i < leafPages; i++) {
            if (leaf[i] != leaf[0] + ((long) i << blockShift)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Drops the translations of view pages {@code [from, to)}: an access that begins after this
     * returns faults on them. A folded leaf that the range covers in part is unfolded; if the
     * budget has no room for that, the whole leaf is dropped (its other pages then fault once).
     */
    public synchronized void shootDown(long from, long to) {
        from = Math.max(0, from);
        to = Math.min(pages, to);
        for (long page = from; page < to; ) {
            int topSlot = (int) (page >>> TOP_SHIFT);
            long[][] directory = top[topSlot];
            if (directory == null) {
                page = (long) (topSlot + 1) << TOP_SHIFT;
                continue;
            }
            int directorySlot = (int) (page >>> LEAF_SHIFT) & DIRECTORY_MASK;
            long leafStart = page & ~(long) LEAF_MASK;
            long leafEnd = Math.min(pages, leafStart + LEAF_SIZE);
            long end = Math.min(to, leafEnd);
            long[] leaf = directory[directorySlot];
            if (leaf != null) {
                if (page == leafStart && end == leafEnd) {
                    dropLeaf(directory, directorySlot, leaf);
                } else {
                    clearPart(directory, directorySlot, leaf, (int) (leafEnd - leafStart), (int) (page - leafStart), (int) (end - leafStart));
                }
            }
            page = end;
        }
    }

    private void clearPart(long[][] directory, int directorySlot, long[] leaf, int leafPages, int from, int to) {
        if (leaf.length == 1) {
            long[] unfolded = (long[]) allocate(arrayBytes(leafPages + 1), () -> new long[leafPages + 1]);
            if (unfolded == null) {
                dropLeaf(directory, directorySlot, leaf);
                return;
            }
            for (int i = 0; i < leafPages; i++) {
                unfolded[i] = i >= from && i < to ? 0 : leaf[0] + ((long) i << blockShift);
            }
            unfolded[leafPages] = leafPages - (to - from);
            LEAVES.setVolatile(directory, directorySlot, unfolded);
            give(arrayBytes(1));
            return;
        }
        for (int i = from; i < to; i++) {
            if (leaf[i] != 0) {
                LONGS.setVolatile(leaf, i, 0L);
                leaf[leafPages]--;
            }
        }
        if (leaf[leafPages] == 0) {
            dropLeaf(directory, directorySlot, leaf);
        }
    }

    private void dropLeaf(long[][] directory, int directorySlot, long[] leaf) {
        LEAVES.setVolatile(directory, directorySlot, (long[]) null);
        give(arrayBytes(leaf.length));
    }

    /** Drops every translation and gives the heap back (the view is closing, or its store). */
    public synchronized void clear() {
        if (single != null) {
            for (int d = 0; d < single.length; d++) {
                LEAVES.setVolatile(single, d, (long[]) null); // the hit path holds single itself
            }
        } else {
            for (int t = 0; t < top.length; t++) {
                DIRECTORIES.setVolatile(top, t, (long[][]) null);
            }
        }
        give(bytes);
    }

    /** Heap the table takes now, in bytes (its top array included, until {@link #clear}). */
    public synchronized long bytes() {
        return bytes;
    }

    private int leafPages(long page) {
        return (int) Math.min(LEAF_SIZE, pages - (page & ~(long) LEAF_MASK));
    }

    private static long leavesOf(long pages) {
        return (pages + LEAF_SIZE - 1) >>> LEAF_SHIFT;
    }

    private static long arrayBytes(long elements) {
        return ARRAY_HEADER + elements * Long.BYTES;
    }

    /**
     * An array of {@code size} bytes made by {@code make}, taken from the budget first; null if
     * the budget or the heap has no room. Translation is a cache: without room it is not kept.
     */
    private Object allocate(long size, java.util.function.Supplier<Object> make) {
        if (!budget.tryReserveView(size)) {
            return null;
        }
        try {
            Object array = make.get();
            bytes += size;
            return array;
        } catch (OutOfMemoryError full) {
            budget.releaseView(size);
            return null;
        }
    }

    private void give(long size) {
        bytes -= size;
        budget.releaseView(size);
    }
}
