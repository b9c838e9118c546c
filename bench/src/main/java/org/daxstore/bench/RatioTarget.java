package org.daxstore.bench;

import java.util.List;

/**
 * One ratio of two benchmarks of the same class measured in the same run, and the bound the
 * issues set for it ({@code "<= 1.5"}, {@code ">= 0.9"}), or none for a row that only informs.
 * For time per operation, lower is better ({@code <=}); for bandwidth, higher ({@code >=}).
 * A row without a denominator is a time per operation in seconds, against a bound in seconds
 * ({@code "<= 1 s"}): for a target that is a latency a user waits for, not a cost relative to
 * an anchor (the open of a full container).
 */
record RatioTarget(String bench, String numerator, String denominator, String param, String bound) {
    /** Every ratio the report shows, targets first, in the order of DESIGN.md section 8 and the issues. */
    static final List<RatioTarget> ALL = List.of(
            of("FaultPathBench", "viewLoad", "rawLoad", "32768", "<= 1.5"),
            of("FaultPathBench", "viewLoad", "rawLoad", "67108864", "<= 1.1"),
            of("FaultPathBench", "scopedLoad", "rawLoad", "32768", "<= 1.15"),
            of("FaultPathBench", "scopedLoad", "rawLoad", "67108864", "<= 1.15"),
            of("FaultPathBench", "viewStore", "rawStore", "32768", "<= 3"),
            of("FaultPathBench", "scopedStore", "rawStore", "32768", "<= 1.25"),
            of("FaultCostBench", "readFaultMapped", "kernelFaultTmpfs", "", "<= 0.1"),
            of("FaultCostBench", "writeFaultAlloc", "kernelFaultTmpfs", "", "<= 0.15"),
            of("SeqtexBench", "seqtexRead", "stampedOptimisticRead", "", "<= 1"),
            of("SeqtexBench", "seqtexRead", "reentrantReadWriteLock", "", "<= 0.1"),
            of("IoCompareBench", "viewRead", "fileChannelRead", "64", "<= 0.05"),
            of("IoCompareBench", "viewRead", "mappedBytesRead", "64", "<= 1"),
            of("BulkCopyBench", "viewRead", "rawRead", "", ">= 0.9"),
            of("BulkCopyBench", "viewWrite", "rawWrite", "", ">= 0.9"),
            seconds("OpenBench", "openAndClose", "16g", "<= 1 s"),
            // No target: context for the rows above.
            of("FaultPathBench", "viewStore", "rawStore", "67108864", ""),
            of("FaultCostBench", "writeFaultAllocCold", "kernelFaultTmpfs", "", ""),
            of("FaultPathBench", "scopedStore", "rawStore", "67108864", ""),
            of("IoCompareBench", "viewRead", "mappedBufferRead", "64", ""),
            of("IoCompareBench", "viewRead", "mappedBytesRead", "4096", ""),
            of("IoCompareBench", "viewWrite", "mappedBytesWrite", "64", ""),
            of("IoCompareBench", "viewWrite", "mappedBytesWrite", "4096", ""),
            of("IoCompareBench", "positionalRead", "fileChannelRead", "64", ""),
            of("OpenBench", "checkAlone", "openAndClose", "16g", ""));

    private static RatioTarget of(String bench, String numerator, String denominator, String param, String bound) {
        return new RatioTarget(bench, numerator, denominator, param, bound);
    }

    /** A time per operation of one benchmark, in seconds, against {@code bound} ({@code "<= 1 s"}). */
    private static RatioTarget seconds(String bench, String benchmark, String param, String bound) {
        return new RatioTarget(bench, benchmark, "", param, bound);
    }

    /**
     * The ratio's name, also its key in {@code misses.properties}: {@code FaultPath.viewLoad/rawLoad@32768},
     * or {@code Open.openAndClose@16g} for a time in seconds.
     */
    String name() {
        return bench.replaceAll("Bench$", "") + "." + numerator + (isSeconds() ? "" : "/" + denominator)
                + (param.isEmpty() ? "" : "@" + param);
    }

    /** True for a time per operation in seconds rather than a ratio of two benchmarks. */
    boolean isSeconds() {
        return denominator.isEmpty();
    }

    boolean hasTarget() {
        return !bound.isEmpty();
    }

    private boolean atMost() {
        return bound.startsWith("<=");
    }

    /** The number of the bound, without its unit ({@code "<= 1 s"}: 1). */
    private double limit() {
        return Double.parseDouble(bound.substring(2).trim().split(" ")[0]);
    }

    /** True if {@code value} meets the bound; a missing value (NaN) never does. */
    boolean met(double value) {
        if (!hasTarget() || Double.isNaN(value)) {
            return false;
        }
        return atMost() ? value <= limit() : value >= limit();
    }

    /**
     * How far {@code value} is from the bound, as a factor: above 1 by that much is a miss
     * (8.0 means eight times slower than the target allows), at most 1 is met.
     */
    double overTarget(double value) {
        return atMost() ? value / limit() : limit() / value;
    }

    /** The bound in words, for the console and the report. */
    String boundText() {
        return hasTarget() ? bound : "info";
    }
}
