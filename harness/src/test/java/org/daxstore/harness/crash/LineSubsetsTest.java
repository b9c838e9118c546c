package org.daxstore.harness.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The subsets of unpersisted lines a fence turns into crash images. */
class LineSubsetsTest {
    private static int[] lines(int n) {
        return IntStream.range(100, 100 + n).toArray();
    }

    private static long ofSize(List<int[]> subsets, int size) {
        return subsets.stream().filter(s -> s.length == size).count();
    }

    @Test
    void upToTheLimitEverySingleAndEveryPairIsTried() {
        List<int[]> subsets = new LineSubsets(10, 5, 3).choose(lines(10), new SplittableRandom(1));
        assertEquals(1, ofSize(subsets, 0), "no line: the durable image alone");
        assertEquals(10, ofSize(subsets, 1));
        assertEquals(45, ofSize(subsets, 2));
        assertEquals(1, ofSize(subsets, 10), "every line");
        assertEquals(3, subsets.stream().filter(s -> s.length > 2 && s.length < 10).count());
        Set<String> distinct = new HashSet<>();
        subsets.stream().filter(s -> s.length == 2).forEach(s -> distinct.add(Arrays.toString(s)));
        assertEquals(45, distinct.size());
    }

    @Test
    void aboveTheLimitPairsAreADistinctSampleAndSinglesStayComplete() {
        List<int[]> subsets = new LineSubsets(10, 20, 0).choose(lines(40), new SplittableRandom(2));
        assertEquals(40, ofSize(subsets, 1));
        Set<String> pairs = new HashSet<>();
        for (int[] subset : subsets) {
            if (subset.length == 2) {
                assertTrue(subset[0] != subset[1] && subset[0] >= 100 && subset[1] < 140, Arrays.toString(subset));
                pairs.add(Math.min(subset[0], subset[1]) + "," + Math.max(subset[0], subset[1]));
            }
        }
        assertEquals(20, pairs.size());
    }

    @Test
    void noLinesMeansOneImage() {
        assertEquals(1, new LineSubsets(10, 20, 4).choose(new int[0], new SplittableRandom(3)).size());
    }
}
