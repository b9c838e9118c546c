package org.daxstore.alloc;

/**
 * Runs of blocks in a bitmap of 64-bit words (bit {@code b & 63} of word {@code b >>> 6} is
 * block {@code b}), handled a word at a time: a truncate of 1 GiB frees 262,144 blocks of
 * 4 KiB, and doing each bit on its own (a method call, a load, a store) was most of what the
 * store added to the kernel's own truncate. Every range is {@code [from, to)}, with
 * {@code 0 <= from <= to <= 64 * bits.length}; the callers keep to it (an index past the words
 * is an {@link ArrayIndexOutOfBoundsException}).
 */
final class BlockRuns {
    private BlockRuns() {
    }

    /** The bits of word {@code word} that fall in {@code [from, to)}; 0 if none. */
    static long mask(int word, long from, long to) {
        long first = (long) word << 6;
        long low = Math.max(from, first) - first;
        long high = Math.min(to, first + 64) - first;
        if (low >= high) {
            return 0;
        }
        long upTo = high == 64 ? -1L : (1L << high) - 1;
        return upTo & (-1L << low);
    }

    /** Sets the bits of {@code [from, to)}. */
    static void set(long[] bits, long from, long to) {
        for (int w = (int) (from >>> 6), last = (int) ((to - 1) >>> 6); from < to && w <= last; w++) {
            bits[w] |= mask(w, from, to);
        }
    }

    /** Clears the bits of {@code [from, to)}. */
    static void clear(long[] bits, long from, long to) {
        for (int w = (int) (from >>> 6), last = (int) ((to - 1) >>> 6); from < to && w <= last; w++) {
            bits[w] &= ~mask(w, from, to);
        }
    }

    /**
     * Visits the maximal runs of set bits within {@code [from, to)}, in ascending order, each
     * clipped to the range: a word of all ones or all zeros costs one test.
     */
    static void forEachSetRun(long[] bits, long from, long to, BlockAllocator.RunVisitor visitor) {
        long runStart = -1;
        for (int w = (int) (from >>> 6), last = (int) ((to - 1) >>> 6); from < to && w <= last; w++) {
            long mask = mask(w, from, to);
            long word = bits[w] & mask;
            long base = (long) w << 6;
            if (word == mask && runStart >= 0) {
                continue; // the run goes on through this word
            }
            // Walk the word's transitions: each step finds the next end of a run, then the next start.
            long pending = word;
            int at = Long.numberOfTrailingZeros(mask);
            int end = 64 - Long.numberOfLeadingZeros(mask);
            while (at < end) {
                if (runStart >= 0) {
                    long zeros = ~pending & mask & (-1L << at);
                    if (zeros == 0) {
                        at = end;
                        break;
                    }
                    at = Long.numberOfTrailingZeros(zeros);
                    visitor.visit(runStart, base + at);
                    runStart = -1;
                } else {
                    long ones = pending & (-1L << at);
                    if (ones == 0) {
                        at = end;
                        break;
                    }
                    at = Long.numberOfTrailingZeros(ones);
                    runStart = base + at;
                }
            }
        }
        if (runStart >= 0) {
            visitor.visit(runStart, to);
        }
    }
}
