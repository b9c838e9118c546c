package org.daxstore.media;

import java.util.Arrays;

/**
 * Container ranges to flush together: {@link #flush} merges them and issues one
 * {@link Medium#flush} per merged run, so that many small ranges cost a few native calls, not one
 * each. Ranges that overlap or lie closer than {@link Medium#flushMergeGap()} become one run: on
 * persistent memory writing back a few clean lines is cheaper than another call; for msync the
 * page is the unit anyway.
 *
 * <p>The union is computed from the starts and the ends sorted separately: sweeping both in
 * order, a run ends where as many ranges have ended as have started. No pairs are kept, so the
 * plan sorts two primitive arrays in place and allocates nothing once it has grown.
 *
 * <p>Not thread-safe; reusable after {@link #flush} or {@link #clear}.
 */
public final class FlushPlan {
    private long[] starts = new long[16];
    private long[] ends = new long[16];
    private int count;

    /** Adds {@code [offset, offset + length)}; empty ranges are ignored. */
    public void add(long offset, long length) {
        if (length <= 0) {
            return;
        }
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, 2 * count);
            ends = Arrays.copyOf(ends, 2 * count);
        }
        starts[count] = offset;
        ends[count] = offset + length;
        count++;
    }

    public int size() {
        return count;
    }

    public void clear() {
        count = 0;
    }

    /** Flushes the union of the ranges (no fence) and clears the plan; returns the number of flush calls. */
    public int flush(Medium medium) {
        return flush(medium, null);
    }

    /** As {@link #flush(Medium)}, counting each call in {@code tally} if it is not null. */
    public int flush(Medium medium, FlushTally tally) {
        if (count == 0) {
            return 0;
        }
        Arrays.sort(starts, 0, count);
        Arrays.sort(ends, 0, count);
        long gap = medium.flushMergeGap();
        int calls = 0;
        long runStart = starts[0];
        long runEnd = ends[0];
        int open = 0;
        for (int s = 0, e = 0; e < count; ) {
            if (s < count && starts[s] <= ends[e]) {
                if (open == 0 && starts[s] > runEnd + gap) {
                    flushRun(medium, runStart, runEnd, tally);
                    calls++;
                    runStart = starts[s];
                }
                open++;
                s++;
            } else {
                open--;
                runEnd = ends[e];
                e++;
            }
        }
        flushRun(medium, runStart, runEnd, tally);
        count = 0;
        return calls + 1;
    }

    private static void flushRun(Medium medium, long start, long end, FlushTally tally) {
        medium.flush(start, end - start);
        if (tally != null) {
            tally.flushed(start, end - start);
        }
    }
}
