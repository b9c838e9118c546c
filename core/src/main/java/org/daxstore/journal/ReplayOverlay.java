package org.daxstore.journal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.daxstore.media.ImageReader;
import org.daxstore.media.Medium;
import org.daxstore.media.Memory;

/**
 * An image with the words of a journal replay laid over it, in memory: what the store will look
 * like once the record is replayed, without writing anything. The words come from
 * {@link Recovery#replay}, the one replay there is. The offline fsck checks the overlay and
 * stops there; an open checks it too, and only a store that passes is written
 * ({@link #applyTo}), so a store refused as corrupt is left exactly as it was found.
 */
public final class ReplayOverlay implements ImageReader {
    private final ImageReader base;
    /** In the order the replay wrote them, so that {@link #applyTo} writes as the replay did. */
    private final Map<Long, Long> words = new LinkedHashMap<>();
    private long firstChanged = -1;

    public ReplayOverlay(ImageReader base) {
        this.base = base;
    }

    /** Lays {@code value} over the word at {@code offset}. */
    public void putLong(long offset, long value) {
        if (firstChanged < 0) {
            firstChanged = offset;
        }
        words.put(offset, value);
    }

    /** How many words the replay changed. */
    public int changedWords() {
        return words.size();
    }

    /** The offsets of the words the replay changed, in the order it changed them. */
    public long[] changedOffsets() {
        return words.keySet().stream().mapToLong(Long::longValue).toArray();
    }

    /** The offset of the first word the replay changed, or -1. */
    public long firstChanged() {
        return firstChanged;
    }

    /**
     * Writes the changed words into {@code medium} and makes them durable. Idempotent, like the
     * replay: a crash half-way leaves the record valid, and the next open replays it again.
     */
    public void applyTo(Medium medium) {
        for (Map.Entry<Long, Long> word : words.entrySet()) {
            Memory.putLong(medium.address(word.getKey()), word.getValue());
            medium.flush(word.getKey(), Long.BYTES);
        }
        medium.drain();
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
