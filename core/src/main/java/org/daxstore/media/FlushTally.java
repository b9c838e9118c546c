package org.daxstore.media;

/**
 * What the flushes of one persist did, for its JFR event: how many {@link Medium#flush} calls
 * it made and how many cache lines they covered. A line is counted once per call that covers
 * it, as the write-back instructions see it; on a medium whose flush is msync, the lines are
 * those of the ranges asked for (the kernel writes back whole pages of them). Made only while a
 * recording runs; not thread-safe.
 */
public final class FlushTally {
    /** The cache line of every processor daxstore runs on (x86-64 and AArch64 servers). */
    public static final int LINE_BYTES = 64;

    private int calls;
    private long lines;

    /** Counts one flush call of {@code [offset, offset + length)}; an empty range makes no call and counts nothing. */
    public void flushed(long offset, long length) {
        if (length <= 0) {
            return;
        }
        calls++;
        lines += (offset + length - 1) / LINE_BYTES - offset / LINE_BYTES + 1;
    }

    public int calls() {
        return calls;
    }

    public long lines() {
        return lines;
    }
}
