package org.daxstore.alloc;

import java.util.Arrays;

/** A growable list of primitive longs: block numbers without boxing. */
final class LongList {
    private long[] items = new long[16];
    private int size;

    void add(long value) {
        makeRoom(1);
        items[size++] = value;
    }

    void addAll(LongList other) {
        addAll(other, 0, other.size);
    }

    long get(int index) {
        return items[index];
    }

    int size() {
        return size;
    }

    /** Adds {@code [from, to)}: consecutive block numbers, a run. */
    void addRange(long from, long to) {
        makeRoom(Math.toIntExact(to - from));
        for (long value = from; value < to; value++) {
            items[size++] = value;
        }
    }

    /** Adds the items {@code [from, to)} of {@code other}. */
    void addAll(LongList other, int from, int to) {
        int count = to - from;
        makeRoom(count);
        System.arraycopy(other.items, from, items, size, count);
        size += count;
    }

    /** Grows the array, at least doubling it, until {@code count} more items fit. */
    private void makeRoom(int count) {
        if (size + count > items.length) {
            items = Arrays.copyOf(items, Math.max(2 * items.length, size + count));
        }
    }

    /**
     * The index after the run of consecutive values ({@code v}, {@code v + 1}, ...) that starts
     * at index {@code from}: freed blocks are handled a run at a time.
     */
    int runEnd(int from) {
        int end = from + 1;
        while (end < size && items[end] == items[end - 1] + 1) {
            end++;
        }
        return end;
    }

    /** Sorts the list; one pass if it is sorted already, as the blocks of a truncate mostly are. */
    void sort() {
        for (int i = 1; i < size; i++) {
            if (items[i] < items[i - 1]) {
                Arrays.sort(items, 0, size);
                return;
            }
        }
    }

    void clear() {
        size = 0;
    }
}
