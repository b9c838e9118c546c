package org.daxstore.harness.crash;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the crash oracle knows of one file in one state of the model: its size, and the bytes
 * that were made durable (by persist or by a committed metadata operation, as the zeros of a
 * punched or grown range are). Bytes not known are unconstrained after a crash.
 *
 * <p>Immutable: every change returns a new image that shares the pages it did not touch, so a
 * workload can keep every state it passed through. Kept in pages of {@value #PAGE} bytes, sparse,
 * with one shared page for whole pages known to be zero, so a file grown to megabytes through a
 * hole costs a map entry per page, not a copy of the hole.
 */
final class FileImage {
    static final int PAGE = 4096;
    private static final Page ZERO = new Page(new byte[PAGE], fullSet());

    /** The bytes and the known-bits of one page. Never changed once built. */
    private record Page(byte[] bytes, BitSet known) {
    }

    private final long size;
    private final TreeMap<Long, Page> pages;

    private FileImage(long size, TreeMap<Long, Page> pages) {
        this.size = size;
        this.pages = pages;
    }

    /** An empty file: size 0, nothing to know. */
    static FileImage empty() {
        return new FileImage(0, new TreeMap<>());
    }

    long size() {
        return size;
    }

    /** True if the byte at {@code position} is known; its value is then {@link #valueAt}. */
    boolean isKnown(long position) {
        Page page = pages.get(position / PAGE);
        return position < size && page != null && page.known.get((int) (position % PAGE));
    }

    byte valueAt(long position) {
        Page page = pages.get(position / PAGE);
        return page == null ? 0 : page.bytes[(int) (position % PAGE)];
    }

    /** Calls {@code visitor} for each page that holds known bytes, in order, with the page's first file offset. */
    void forEachKnownPage(PageVisitor visitor) {
        for (Map.Entry<Long, Page> entry : pages.entrySet()) {
            visitor.visit(entry.getKey() * PAGE, entry.getValue().bytes, entry.getValue().known);
        }
    }

    @FunctionalInterface
    interface PageVisitor {
        /** {@code bytes} and {@code known} must not be changed. */
        void visit(long offset, byte[] bytes, BitSet known);
    }

    /** {@code data} written at {@code position} and made durable; the size grows to cover it. */
    FileImage written(long position, byte[] data) {
        FileImage grown = withSize(Math.max(size, position + data.length));
        TreeMap<Long, Page> copy = new TreeMap<>(grown.pages);
        for (int done = 0; done < data.length; ) {
            long at = position + done;
            int inPage = (int) (at % PAGE);
            int chunk = Math.min(PAGE - inPage, data.length - done);
            Page old = copy.get(at / PAGE);
            byte[] bytes = old == null ? new byte[PAGE] : old.bytes.clone();
            BitSet known = old == null ? new BitSet(PAGE) : (BitSet) old.known.clone();
            System.arraycopy(data, done, bytes, inPage, chunk);
            known.set(inPage, inPage + chunk);
            copy.put(at / PAGE, new Page(bytes, known));
            done += chunk;
        }
        return new FileImage(grown.size, copy);
    }

    /** {@code [from, to)} (clipped to the size) durably zero. */
    FileImage zeroed(long from, long to) {
        long end = Math.min(to, size);
        if (from >= end) {
            return this;
        }
        TreeMap<Long, Page> copy = new TreeMap<>(pages);
        for (long at = from; at < end; ) {
            int inPage = (int) (at % PAGE);
            int chunk = (int) Math.min(PAGE - inPage, end - at);
            if (chunk == PAGE) {
                copy.put(at / PAGE, ZERO);
            } else {
                Page old = copy.get(at / PAGE);
                byte[] bytes = old == null ? new byte[PAGE] : old.bytes.clone();
                BitSet known = old == null ? new BitSet(PAGE) : (BitSet) old.known.clone();
                Arrays.fill(bytes, inPage, inPage + chunk, (byte) 0);
                known.set(inPage, inPage + chunk);
                copy.put(at / PAGE, new Page(bytes, known));
            }
            at += chunk;
        }
        return new FileImage(size, copy);
    }

    /**
     * The file at {@code newSize}, as truncate leaves it: shrinking forgets what lay past the new
     * end; growing makes the new range durably zero (the store zeroes the stale tail of the old
     * last block before the new size commits, and the rest is hole).
     */
    FileImage withSize(long newSize) {
        if (newSize >= size) {
            return new FileImage(newSize, pages).zeroed(size, newSize);
        }
        TreeMap<Long, Page> copy = new TreeMap<>(pages.headMap((newSize + PAGE - 1) / PAGE));
        int tail = (int) (newSize % PAGE);
        Page last = copy.get(newSize / PAGE);
        if (tail != 0 && last != null) {
            BitSet known = (BitSet) last.known.clone();
            known.clear(tail, PAGE);
            byte[] bytes = last.bytes.clone();
            Arrays.fill(bytes, tail, PAGE, (byte) 0);
            copy.put(newSize / PAGE, new Page(bytes, known));
        }
        return new FileImage(newSize, copy);
    }

    @Override
    public String toString() {
        return "size " + size;
    }

    private static BitSet fullSet() {
        BitSet all = new BitSet(PAGE);
        all.set(0, PAGE);
        return all;
    }
}
