package org.daxstore.harness.exercise;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The seeded choices of an fsx run: which name, which operation, which offsets and lengths.
 * Nothing else in a run draws from its seed, and nothing here asks an oracle, so a seed replays
 * the same operations whichever oracles check them.
 */
final class Choices {
    private static final StoreViews.Style[] STYLES = StoreViews.Style.values();

    private final SplittableRandom random;
    private final long maxFileSize;
    private final int blockSize;

    Choices(long seed, long maxFileSize, int blockSize) {
        this.random = new SplittableRandom(seed);
        this.maxFileSize = maxFileSize;
        this.blockSize = blockSize;
    }

    <T> T oneOf(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** A number in {@code [0, bound)}. */
    int below(int bound) {
        return random.nextInt(bound);
    }

    boolean oneIn(int n) {
        return random.nextInt(n) == 0;
    }

    /** Offsets: a third anywhere, a third near the current end, a third near the start; a third block-aligned. */
    long offset(long size) {
        long offset = switch (random.nextInt(3)) {
            case 0 -> random.nextLong(maxFileSize);
            case 1 -> Math.max(0, Math.min(maxFileSize - 1, size + random.nextLong(-8192, 8192)));
            default -> random.nextLong(Math.min(maxFileSize, 16 << 10));
        };
        return random.nextInt(3) == 0 ? offset & -(long) blockSize : offset;
    }

    /** Lengths: mostly under 9,000 bytes, a quarter up to 64 KiB; a third whole blocks, at least one. */
    long length() {
        long length = random.nextInt(4) == 0 ? random.nextLong(1, 64 << 10) : random.nextLong(1, 9000);
        return random.nextInt(3) == 0 ? Math.max(blockSize, length & -(long) blockSize) : length;
    }

    /** The length of a positional read or write: one in 50 is empty (the store, pread and pwrite then answer 0). */
    int ioLength() {
        return random.nextInt(50) == 0 ? 0 : (int) length();
    }

    /**
     * The length of a punch, allocate or zero-range: one in 50 is empty, a no-op for the store
     * and EINVAL for the kernel's fallocate (which the kernel oracle then does not call).
     */
    long rangeLength() {
        return random.nextInt(50) == 0 ? 0 : length();
    }

    /**
     * The range of a mapped access and how it reaches the view. Most fall inside the file, where
     * the oracles can follow; a quarter of those that would pass its end are kept, to check
     * that the store refuses them.
     */
    MappedRange mappedRange(long size) {
        long offset = offset(size);
        long length = length();
        StoreViews.Style style = STYLES[random.nextInt(STYLES.length)];
        boolean fresh = random.nextInt(4) == 0;
        boolean pastEnd = offset + length > size;
        if (pastEnd && size > 0 && random.nextInt(4) != 0) {
            offset = offset < size ? offset : random.nextLong(size);
            length = Math.min(length, size - offset);
            pastEnd = false;
        }
        if (pastEnd && style == StoreViews.Style.PRIMITIVE) {
            // primitive stores before the end would each succeed: only bulk and scoped accesses are all or nothing
            style = StoreViews.Style.BULK;
        }
        return new MappedRange(offset, (int) length, pastEnd, fresh, style);
    }

    /**
     * @param pastEnd whether the range passes the file's end (the store must refuse it)
     * @param fresh   through a view made for this access, else through the file's long-lived view
     */
    record MappedRange(long offset, int length, boolean pastEnd, boolean fresh, StoreViews.Style style) {
        @Override
        public String toString() {
            return offset + " +" + length + " (" + style.name().toLowerCase(Locale.ROOT) + ", "
                    + (fresh ? "fresh" : "old") + " view)";
        }
    }
}
