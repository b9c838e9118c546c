package org.daxstore.harness.exercise;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.daxstore.DaxFile;
import org.daxstore.DaxStore;

/**
 * Compares the store with each oracle of a run: the names, every file's size, and the count
 * (-1 at or past the end) and bytes of every read. Each message names the oracle that
 * disagreed: "the kernel says ...".
 */
final class Comparison {
    private final List<Oracle> oracles;
    private final byte[] actual = new byte[64 << 10];
    private final byte[] expected = new byte[64 << 10];

    Comparison(List<Oracle> oracles) {
        this.oracles = oracles;
    }

    void names(DaxStore store) throws Mismatch {
        List<String> listed = store.list();
        for (Oracle oracle : oracles) {
            List<String> held = oracle.names();
            if (!held.equals(listed)) {
                throw new Mismatch("the store lists " + listed + " but the " + oracle.name() + " holds " + held);
            }
        }
    }

    void sizes(DaxStore store, Collection<String> names) throws Mismatch {
        for (String name : names) {
            long size = store.stat(name).size();
            for (Oracle oracle : oracles) {
                long expectedSize = oracle.file(name).size();
                if (size != expectedSize) {
                    throw new Mismatch("file '" + name + "' is " + size + " bytes, the " + oracle.name() + " says "
                            + expectedSize);
                }
            }
        }
    }

    /**
     * Reads {@code [offset, offset + length)} of the store's file in 64 KiB pieces, each compared
     * with every oracle's; an empty read is compared too (0 for all, wherever it is).
     */
    void read(String name, DaxFile file, long offset, long length) throws Mismatch {
        long pos = offset;
        long end = offset + length;
        do {
            int want = (int) Math.min(actual.length, end - pos);
            int got = file.read(pos, actual, 0, want);
            for (Oracle oracle : oracles) {
                int count = oracle.file(name).read(pos, expected, want);
                if (got != count) {
                    throw new Mismatch("read of '" + name + "' at " + pos + " +" + want + " returned " + got
                            + ", the " + oracle.name() + " says " + count + " (size " + oracle.file(name).size() + ")");
                }
                int i = got <= 0 ? -1 : Arrays.mismatch(actual, 0, got, expected, 0, got);
                if (i >= 0) {
                    throw new Mismatch("file '" + name + "' byte " + (pos + i) + " is " + actual[i] + ", the "
                            + oracle.name() + " says " + expected[i] + " (size " + oracle.file(name).size() + ")");
                }
            }
            if (got <= 0) {
                return;
            }
            pos += got;
        } while (pos < end);
    }

    /** Compares {@code got}, read through one of the store's views at {@code offset}, with each oracle's mapped read. */
    void mappedRead(String name, long offset, byte[] got) throws Mismatch {
        byte[] bytes = new byte[got.length];
        for (Oracle oracle : oracles) {
            oracle.file(name).mappedRead(offset, bytes, bytes.length);
            int i = Arrays.mismatch(got, bytes);
            if (i >= 0) {
                throw new Mismatch("mapped read of '" + name + "' byte " + (offset + i) + " is " + got[i] + ", the "
                        + oracle.name() + " says " + bytes[i] + " (size " + oracle.file(name).size() + ")");
            }
        }
    }
}
