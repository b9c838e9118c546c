package org.daxstore.hostile.fence;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Self-describing words: every non-zero long a test stores names its file (by number), its page
 * and a version, so that a load that returns another file's bytes, another page's, or a
 * version that a removal which had returned took away, is caught where it is read. A
 * <em>scribble</em> (version {@link #SCRIBBLE}) is a store racing the removals on purpose: it
 * may be found only in its own file and page, at any time.
 */
final class Tags {
    static final int PAGE = 4096;
    static final int WORDS = PAGE / Long.BYTES;
    static final long MAGIC = 0xDA57L;
    /** The version of a scribble. */
    static final long SCRIBBLE = 0xFFFF_FFFFL;

    private Tags() {
    }

    static long word(int file, int page, long version) {
        if (file < 0 || file > 0xFF || page < 0 || page > 0xFF || version <= 0 || version > SCRIBBLE) {
            throw new IllegalArgumentException("file " + file + " page " + page + " version " + version);
        }
        return MAGIC << 48 | (long) file << 40 | (long) page << 32 | version;
    }

    static long scribble(int file, int page) {
        return word(file, page, SCRIBBLE);
    }

    static String describe(long word) {
        if (word == 0) {
            return "0";
        }
        if (word >>> 48 != MAGIC) {
            return String.format("0x%016x (no tag)", word);
        }
        long version = word & SCRIBBLE;
        return String.format("file %d page %d %s", (word >>> 40) & 0xFF, (word >>> 32) & 0xFF,
                version == SCRIBBLE ? "scribble" : "version " + version);
    }

    /** The violations a run found: counted, the first few kept with where they were seen. */
    static final class Violations {
        private final AtomicLong count = new AtomicLong();
        private final Queue<String> first = new ConcurrentLinkedQueue<>();

        void add(String what) {
            if (count.incrementAndGet() <= 20) {
                first.add(what);
            }
        }

        long count() {
            return count.get();
        }

        @Override
        public String toString() {
            return count.get() + " violation(s), the first: " + String.join("\n  ", first);
        }
    }

    /**
     * Checks one word read from file {@code file}'s page {@code page}, whose versions up to
     * {@code removed} had been taken away by a removal that returned before the read began: the
     * word must be 0, a scribble of this page, or this page's data of a later version. Returns
     * the data's version, or 0 for a zero or a scribble.
     */
    static long check(long word, int file, int page, long removed, Violations violations, String where) {
        if (word == 0) {
            return 0;
        }
        long version = word & SCRIBBLE;
        if (word >>> 48 != MAGIC || ((word >>> 40) & 0xFF) != file || ((word >>> 32) & 0xFF) != page) {
            violations.add(where + ": file " + file + " page " + page + " held a foreign word: " + describe(word));
            return 0;
        }
        if (version == SCRIBBLE) {
            return 0;
        }
        if (version <= removed) {
            violations.add(where + ": file " + file + " page " + page + " read stale version " + version
                    + " after versions up to " + removed + " were removed");
        }
        return version;
    }

    /**
     * Checks the {@value #WORDS} words of one page read in one access section (a scope, or a
     * copy of a page), where the page's block can change under no word: besides
     * {@link #check}, all its data words must be of one version, because a test writes each
     * block once.
     */
    static void checkPage(long[] words, int from, int file, int page, long removed, Violations violations, String where) {
        long seen = 0;
        for (int w = 0; w < WORDS; w++) {
            long version = check(words[from + w], file, page, removed, violations, where + " word " + w);
            if (version != 0) {
                if (seen != 0 && version != seen) {
                    violations.add(where + ": file " + file + " page " + page + " mixed versions " + seen + " and "
                            + version + " within one section (word " + w + ")");
                    return;
                }
                seen = version;
            }
        }
    }
}
