package org.daxstore.check;

import java.util.HashMap;
import java.util.Map;

import org.daxstore.media.ImageReader;

/**
 * An image with the words of a journal replay laid over it, in memory: what the store will look
 * like once the next open has replayed the record, without writing to the file. The writes come
 * from {@link org.daxstore.journal.Recovery#replay}, the code recovery itself runs.
 */
final class ReplayOverlay implements ImageReader {
    private final ImageReader base;
    private final Map<Long, Long> words = new HashMap<>();
    private long firstChanged = -1;

    ReplayOverlay(ImageReader base) {
        this.base = base;
    }

    /** Lays {@code value} over the word at {@code offset}. */
    void putLong(long offset, long value) {
        if (firstChanged < 0) {
            firstChanged = offset;
        }
        words.put(offset, value);
    }

    /** How many words the replay changed. */
    int changedWords() {
        return words.size();
    }

    /** The offset of the first word the replay changed, or -1. */
    long firstChanged() {
        return firstChanged;
    }

    @Override
    public long size() {
        return base.size();
    }

    @Override
    public long getLong(long offset) {
        Long value = words.get(offset);
        return value != null ? value : base.getLong(offset);
    }

    @Override
    public void read(long offset, byte[] dst, int at, int length) {
        base.read(offset, dst, at, length);
        if (words.isEmpty()) {
            return;
        }
        long end = offset + length;
        for (long word = offset & ~7L; word < end; word += Long.BYTES) {
            Long value = words.get(word);
            for (int b = 0; value != null && b < Long.BYTES; b++) {
                long position = word + b;
                if (position >= offset && position < end) {
                    dst[at + (int) (position - offset)] = (byte) (value >>> (8 * b));
                }
            }
        }
    }
}
