package org.daxstore.alloc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link BlockRuns} against a bit-by-bit reference, on seeded random bitmaps: sparse, dense, and
 * made of long runs (whole words of ones and zeros, runs that cross words and end on their
 * boundaries), over random ranges that start and end anywhere, word boundaries included.
 */
class BlockRunsTest {
    private static final int WORDS = 9;
    private static final int BLOCKS = WORDS * 64;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void runsAreTheBitmapsRunsWithinTheRange(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 2_000; round++) {
            long[] bits = randomBitmap(random);
            long[] range = randomRange(random);
            List<long[]> runs = new ArrayList<>();
            BlockRuns.forEachSetRun(bits, range[0], range[1], (from, to) -> runs.add(new long[] {from, to}));
            List<long[]> expected = referenceRuns(bits, range[0], range[1]);
            assertEquals(expected.size(), runs.size(), "seed " + seed + " round " + round + ": runs in " + range[0] + ".."
                    + range[1]);
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), runs.get(i), "seed " + seed + " round " + round + ": run " + i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14})
    void settingAndClearingARangeChangeExactlyItsBits(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 2_000; round++) {
            long[] bits = randomBitmap(random);
            long[] range = randomRange(random);
            long[] set = bits.clone();
            long[] cleared = bits.clone();
            BlockRuns.set(set, range[0], range[1]);
            BlockRuns.clear(cleared, range[0], range[1]);
            long[] expectSet = bits.clone();
            long[] expectCleared = bits.clone();
            for (long b = range[0]; b < range[1]; b++) {
                expectSet[(int) (b >>> 6)] |= 1L << (b & 63);
                expectCleared[(int) (b >>> 6)] &= ~(1L << (b & 63));
            }
            assertArrayEquals(expectSet, set, "seed " + seed + " round " + round + ": set " + range[0] + ".." + range[1]);
            assertArrayEquals(expectCleared, cleared,
                    "seed " + seed + " round " + round + ": clear " + range[0] + ".." + range[1]);
        }
    }

    /** Sparse, dense, or runs of random lengths (often whole words), chosen per bitmap. */
    private static long[] randomBitmap(SplittableRandom random) {
        long[] bits = new long[WORDS];
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int i = 0; i < 6; i++) {
                    set(bits, random.nextInt(BLOCKS));
                }
            }
            case 1 -> {
                for (int w = 0; w < WORDS; w++) {
                    bits[w] = random.nextLong() | random.nextLong();
                }
            }
            case 2 -> {
                for (int w = 0; w < WORDS; w++) {
                    bits[w] = random.nextLong();
                }
            }
            default -> {
                boolean on = random.nextBoolean();
                for (int b = 0; b < BLOCKS; ) {
                    int length = random.nextBoolean() ? 64 * (1 + random.nextInt(2)) : 1 + random.nextInt(70);
                    for (int end = Math.min(BLOCKS, b + length); b < end; b++) {
                        if (on) {
                            set(bits, b);
                        }
                    }
                    on = !on;
                }
            }
        }
        return bits;
    }

    /** {from, to} with {@code 0 <= from <= to <= BLOCKS}, often on word boundaries, sometimes empty. */
    private static long[] randomRange(SplittableRandom random) {
        long a = edgeOrAny(random);
        long b = edgeOrAny(random);
        return new long[] {Math.min(a, b), Math.max(a, b)};
    }

    private static long edgeOrAny(SplittableRandom random) {
        int kind = random.nextInt(3);
        int word = random.nextInt(WORDS + 1);
        return kind == 0 ? 64L * word : kind == 1 ? Math.max(0, Math.min(BLOCKS, 64L * word + random.nextInt(3) - 1))
                : random.nextInt(BLOCKS + 1);
    }

    private static void set(long[] bits, long block) {
        bits[(int) (block >>> 6)] |= 1L << (block & 63);
    }

    private static boolean isSet(long[] bits, long block) {
        return (bits[(int) (block >>> 6)] & 1L << (block & 63)) != 0;
    }

    private static List<long[]> referenceRuns(long[] bits, long from, long to) {
        List<long[]> runs = new ArrayList<>();
        long start = -1;
        for (long b = from; b < to; b++) {
            if (isSet(bits, b) && start < 0) {
                start = b;
            } else if (!isSet(bits, b) && start >= 0) {
                runs.add(new long[] {start, b});
                start = -1;
            }
        }
        if (start >= 0) {
            runs.add(new long[] {start, to});
        }
        return runs;
    }
}
