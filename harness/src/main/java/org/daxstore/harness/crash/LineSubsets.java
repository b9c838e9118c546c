package org.daxstore.harness.crash;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Which subsets of the unpersisted cache lines become crash images at one fence: none of them
 * (only what was durable survives), all of them, every single line, every pair of lines, and
 * a few random larger subsets. When there are more than {@code pairLimit} lines (a write of
 * several KiB of data, say), all pairs would be thousands of images of one fence, mostly pairs
 * of data lines that tell nothing new; then a seeded sample of {@code sampledPairs} distinct
 * pairs stands in for them. Singles are always all enumerated.
 *
 * @param pairLimit    up to this many lines, every pair is enumerated
 * @param sampledPairs pairs drawn when there are more lines than that
 * @param larger       random subsets of 3 or more lines (and fewer than all) per fence
 */
record LineSubsets(int pairLimit, int sampledPairs, int larger) {

    /** The subsets of {@code lines} (line indexes) to try, each as an array of lines. */
    List<int[]> choose(int[] lines, SplittableRandom random) {
        int n = lines.length;
        List<int[]> subsets = new ArrayList<>();
        subsets.add(new int[0]);
        if (n == 0) {
            return subsets;
        }
        subsets.add(lines.clone());
        if (n == 1) {
            return subsets;
        }
        for (int line : lines) {
            subsets.add(new int[] {line});
        }
        if (n <= pairLimit) {
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    subsets.add(new int[] {lines[i], lines[j]});
                }
            }
        } else {
            Set<Long> drawn = new HashSet<>();
            long possible = (long) n * (n - 1) / 2;
            while (drawn.size() < Math.min(sampledPairs, possible)) {
                int i = random.nextInt(n);
                int j = random.nextInt(n);
                if (i != j && drawn.add((long) Math.min(i, j) * n + Math.max(i, j))) {
                    subsets.add(new int[] {lines[i], lines[j]});
                }
            }
        }
        for (int k = 0; n > 3 && k < larger; k++) {
            subsets.add(randomSubset(lines, 3 + random.nextInt(n - 3), random));
        }
        return subsets;
    }

    /** {@code size} distinct lines of {@code lines}, by a partial Fisher-Yates shuffle. */
    private static int[] randomSubset(int[] lines, int size, SplittableRandom random) {
        int[] pool = lines.clone();
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(pool.length - i);
            int swap = pool[i];
            pool[i] = pool[j];
            pool[j] = swap;
        }
        return java.util.Arrays.copyOf(pool, size);
    }
}
