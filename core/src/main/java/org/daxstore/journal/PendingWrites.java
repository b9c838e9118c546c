package org.daxstore.journal;

import java.util.Arrays;

/**
 * The words a transaction has written but not yet applied: an open-addressing map from
 * container offset to value that remembers insertion order and produces no garbage once it
 * has grown to the size of the largest transaction.
 */
final class PendingWrites {
    private static final long EMPTY = -1;

    private long[] keys = new long[64];
    private long[] values = new long[64];
    private long[] order = new long[32];
    /** The slot of each offset in {@code order}: clearing by slot, not by probing, keeps probe chains intact. */
    private int[] slots = new int[32];
    private int size;

    PendingWrites() {
        Arrays.fill(keys, EMPTY);
    }

    int size() {
        return size;
    }

    /** The offset of the {@code i}-th distinct word written. */
    long offsetAt(int i) {
        return order[i];
    }

    boolean contains(long offset) {
        return keys[slotOf(offset)] == offset;
    }

    /** The pending value at {@code offset}; only meaningful if {@link #contains} says so. */
    long get(long offset) {
        return values[slotOf(offset)];
    }

    void put(long offset, long value) {
        int slot = slotOf(offset);
        if (keys[slot] != offset) {
            if (2 * (size + 1) > keys.length) {
                grow();
                slot = slotOf(offset);
            }
            keys[slot] = offset;
            if (size == order.length) {
                order = Arrays.copyOf(order, 2 * size);
                slots = Arrays.copyOf(slots, 2 * size);
            }
            slots[size] = slot;
            order[size++] = offset;
        }
        values[slot] = value;
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            keys[slots[i]] = EMPTY;
        }
        size = 0;
    }

    private int slotOf(long offset) {
        int mask = keys.length - 1;
        int slot = (int) (mix(offset) & mask);
        while (keys[slot] != EMPTY && keys[slot] != offset) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        for (int i = 0; i < size; i++) {
            long offset = order[i];
            int slot = slotOf(offset);
            keys[slot] = offset;
            values[slot] = oldValues[slots[i]];
            slots[i] = slot;
        }
    }

    private static long mix(long offset) {
        long h = (offset >>> 3) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }
}
