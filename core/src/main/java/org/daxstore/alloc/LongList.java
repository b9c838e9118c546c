package org.daxstore.alloc;

import java.util.Arrays;

/** A growable list of primitive longs: block numbers without boxing. */
final class LongList {
    private long[] items = new long[16];
    private int size;

    void add(long value) {
        if (size == items.length) {
            items = Arrays.copyOf(items, 2 * size);
        }
        items[size++] = value;
    }

    void addAll(LongList other) {
        for (int i = 0; i < other.size; i++) {
            add(other.items[i]);
        }
    }

    long get(int index) {
        return items[index];
    }

    int size() {
        return size;
    }

    void sort() {
        Arrays.sort(items, 0, size);
    }

    void clear() {
        size = 0;
    }
}
