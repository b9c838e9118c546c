package org.daxstore.cli.workload;

import java.util.Arrays;

/**
 * What one {@link System#nanoTime} costs on this machine, which every operation's latency and
 * the IOPS include once (see {@link Worker}): the median of a few rounds of back-to-back calls.
 * About 20 ns on this project's VM (TSC clock source, through the vDSO); far more where the
 * clock source is not the TSC, which the number then shows.
 */
public final class TimerCost {
    private static final int ROUNDS = 7;
    private static final int CALLS = 200_000;
    /** Where the readings' sum goes, so that the JIT keeps the calls (a static field's store stays). */
    private static long sink;

    private TimerCost() {
    }

    /** Nanoseconds per call; takes a few tens of milliseconds. */
    public static double measure() {
        double[] perCall = new double[ROUNDS];
        long sum = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long begin = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                sum += System.nanoTime();
            }
            perCall[round] = (System.nanoTime() - begin) / (double) CALLS;
        }
        sink = sum;
        Arrays.sort(perCall);
        return perCall[ROUNDS / 2];
    }
}
