package org.daxstore.cli.workload;

import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;

/**
 * A job's (or a thread's) latencies in nanoseconds: the percentiles the table shows, the mean,
 * and the distribution at {@link #PERCENTILES} for the charts, the same list that fio is asked
 * for, so that both sides of a chart have their points at the same percentiles.
 *
 * @param p50  the median
 * @param p99  the 99th percentile
 * @param p999 the 99.9th percentile
 * @param max  the largest latency (HdrHistogram's, within its 0.1%)
 * @param mean the mean
 * @param cdf  the latency at each of {@link #PERCENTILES}, then the max at 100
 */
public record LatencySummary(long p50, long p99, long p999, long max, double mean, List<CdfPoint> cdf) {
    /** At most 20: fio keeps no more ({@code percentile_list}). */
    public static final double[] PERCENTILES = {0.1, 1, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 99, 99.5, 99.9, 99.95,
        99.99, 99.999};

    public LatencySummary {
        cdf = List.copyOf(cdf);
    }

    /**
     * The summary of a histogram's values.
     *
     * @param histogram nanosecond latencies; at least one
     * @return the summary
     */
    public static LatencySummary of(Histogram histogram) {
        List<CdfPoint> cdf = new ArrayList<>();
        for (double percentile : PERCENTILES) {
            cdf.add(new CdfPoint(percentile, histogram.getValueAtPercentile(percentile)));
        }
        cdf.add(new CdfPoint(100, histogram.getMaxValue()));
        return new LatencySummary(histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
                histogram.getValueAtPercentile(99.9), histogram.getMaxValue(), histogram.getMean(), cdf);
    }
}
