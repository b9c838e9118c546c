package org.daxstore.bench;

import java.util.List;

/**
 * One row of the report: a ratio of two benchmarks of the same class measured in the same run,
 * or one benchmark's absolute value, and the bound the issues set for it ({@code "<= 1.5"},
 * {@code ">= 0.9"}, {@code "<= 1 ms"}), or none for a row that only informs. For time per
 * operation, lower is better ({@code <=}); for bandwidth, higher ({@code >=}).
 *
 * <p>Each side is a benchmark method (or a method of a {@code @Group}) and a metric of its result:
 * <ul>
 *   <li>{@code ""}: its score (time per operation, bandwidth);</li>
 *   <li>{@code "p99"}, {@code "p99.9"}, ...: that percentile of a SampleTime result;</li>
 *   <li>any other name: the {@code @AuxCounters} counter of that name, per measured operation
 *       (bytes allocated per {@code map}, say).</li>
 * </ul>
 * A row without a denominator is absolute, against a bound with a unit: {@code s}, {@code ms},
 * {@code us}, {@code ns} for a score (a time per operation), {@code B}, {@code KiB}, {@code MiB}
 * for a counter: for a target that is a latency a user waits for or memory a user pays, not a
 * cost relative to an anchor. {@code earlier} is a stricter bound an earlier issue set for the
 * same ratio, shown beside the one the row is judged by ({@code ""} if none).
 */
record RatioTarget(String bench, String numerator, String numeratorMetric, String denominator, String denominatorMetric,
        String param, String bound, String earlier) {
    /** Every ratio the report shows, targets first, in the order of docs/DESIGN.md section 8 and the issues. */
    static final List<RatioTarget> ALL = List.of(
            of("FaultPathBench", "viewLoad", "rawLoad", "32768", "<= 2").earlier("<= 1.5"),
            of("FaultPathBench", "viewLoad", "rawLoad", "67108864", "<= 2.5").earlier("<= 1.1"),
            of("FaultPathBench", "viewLoad", "rawLoad", "67108864,2m-blocks", "<= 1.5"),
            of("FaultPathBench", "scopedLoad", "rawLoad", "32768", "<= 1.15"),
            of("FaultPathBench", "scopedLoad", "rawLoad", "67108864", "<= 1.15"),
            of("FaultPathBench", "viewStore", "rawStore", "32768", "<= 2.5"),
            of("FaultPathBench", "scopedStore", "rawStore", "32768", "<= 1.25"),
            of("FaultCostBench", "readFaultMapped", "kernelFaultTmpfs", "", "<= 0.1"),
            of("FaultCostBench", "writeFaultAlloc", "kernelFaultTmpfs", "", "<= 0.15"),
            of("SeqtexBench", "seqtexRead", "stampedOptimisticRead", "", "<= 1"),
            of("SeqtexBench", "seqtexRead", "reentrantReadWriteLock", "", "<= 0.1"),
            of("IoCompareBench", "viewRead", "fileChannelRead", "64", "<= 0.05"),
            of("IoCompareBench", "viewRead", "mappedBytesRead", "64", "<= 1.5").earlier("<= 1"),
            of("ScalingBench", "positionalRead2", "positionalRead1", "", ">= 1.8"),
            of("ScalingBench", "positionalWrite2", "positionalWrite1", "", ">= 1.8"),
            of("ScalingBench", "viewRead2", "viewRead1", "", ">= 1.8"),
            of("ScalingBench", "viewWrite2", "viewWrite1", "", ">= 1.8"),
            of("BulkCopyBench", "viewRead", "rawRead", "", ">= 0.9"),
            of("BulkCopyBench", "viewWrite", "rawWrite", "", ">= 0.9"),
            of("MemoryPathBench", "getLongFfm", "getLongUnsafe", "", "<= 1.1"),
            of("MemoryPathBench", "putLongFfm", "putLongUnsafe", "", "<= 1.1"),
            of("MemoryPathBench", "loopLoadFfm", "loopLoadUnsafe", "", "<= 1.1"),
            of("MemoryPathBench", "loopStoreFfm", "loopStoreUnsafe", "", "<= 1.1"),
            of("MemoryPathBench", "copyOut4kFfm", "copyOut4kUnsafe", "", "<= 1.1"),
            of("MemoryPathBench", "copyIn4kFfm", "copyIn4kUnsafe", "", "<= 1.1"),
            of("MemoryPathBench", "copyOut64Ffm", "copyOut64Unsafe", "", "<= 1.1"),
            percentiles("ContentionBench", "accessor", "p99", "accessorAlone", "p99", "<= 2"),
            percentiles("ContentionBench", "accessor", "p99.9", "accessorAlone", "p99", "<= 10"),
            percentiles("PunchBench", "daxPunch", "p50", "kernelPunch", "p50", "<= 1"),
            percentiles("PunchBench", "daxPunch", "p99", "kernelPunch", "p99", "<= 1"),
            absolute("MapBench", "mapAndClose", "", "", "<= 1 ms"),
            absolute("MapBench", "mapAndClose", "heapBytes", "", "<= 64 KiB"),
            absolute("MapBench", "touchInFileOrder", "translationBytes", "1g", "<= 2 MiB"),
            absolute("MapBench", "touchFragmented", "translationBytes", "1g", "<= 2 MiB"),
            absolute("OpenBench", "openAndClose", "", "16g", "<= 1 s"),
            of("MetadataBench", "daxAllocate", "kernelAllocate", "1g", "<= 1.5"),
            of("MetadataBench", "daxTruncateGrow", "kernelTruncateGrow", "1g", "<= 1.5"),
            of("MetadataBench", "daxTruncateShrink", "kernelTruncateShrink", "1g", "<= 1.5"),
            // Time per create and delete: at most the kernel's is at least its rate.
            of("MetadataBench", "daxCreateDelete", "kernelCreateDelete", "", "<= 1"),
            // No target: context for the rows above.
            of("FaultPathBench", "viewStore", "rawStore", "67108864", ""),
            of("FaultPathBench", "viewStore", "rawStore", "67108864,2m-blocks", ""),
            of("FaultCostBench", "writeFaultAllocCold", "kernelFaultTmpfs", "", ""),
            of("FaultPathBench", "scopedStore", "rawStore", "67108864", ""),
            of("IoCompareBench", "viewRead", "mappedBufferRead", "64", ""),
            of("IoCompareBench", "viewRead", "mappedBytesRead", "4096", ""),
            of("IoCompareBench", "viewWrite", "mappedBytesWrite", "64", ""),
            of("IoCompareBench", "viewWrite", "mappedBytesWrite", "4096", ""),
            of("IoCompareBench", "positionalRead", "fileChannelRead", "64", ""),
            of("ScalingBench", "rawRead2", "rawRead1", "", ""),
            of("ScalingBench", "rawWrite2", "rawWrite1", "", ""),
            counters("ScalingBench", "positionalRead2", "positionalRead1", "cpuNanos"),
            counters("ScalingBench", "positionalWrite2", "positionalWrite1", "cpuNanos"),
            counters("ScalingBench", "viewRead2", "viewRead1", "cpuNanos"),
            counters("ScalingBench", "viewWrite2", "viewWrite1", "cpuNanos"),
            counters("ScalingBench", "rawRead2", "rawRead1", "cpuNanos"),
            counters("ScalingBench", "rawWrite2", "rawWrite1", "cpuNanos"),
            absolute("MapBench", "touchInFileOrder", "retainedBytes", "1g", ""),
            absolute("MapBench", "touchFragmented", "retainedBytes", "1g", ""),
            percentiles("ContentionBench", "accessor", "p50", "accessorAlone", "p50", ""),
            percentiles("ContentionBench", "puncherAndRegrower", "p99", "accessorAlone", "p99", ""),
            percentiles("ContentionBench", "kernelAccessor", "p99", "accessorAlone", "p99", ""),
            percentiles("ContentionBench", "kernelAccessor", "p99.9", "accessorAlone", "p99", ""),
            of("OpenBench", "checkAlone", "openAndClose", "16g", ""),
            of("MetadataBench", "daxPunchHole", "kernelPunchHole", "1g", ""),
            of("MetadataBench", "daxZeroRange", "kernelZeroRange", "1g", ""),
            of("MetadataBench", "daxRename", "kernelRename", "", ""),
            of("MetadataBench", "daxForce", "kernelForce", "", ""),
            of("JfrCostBench", "hitRecording", "hitOff", "", ""),
            of("JfrCostBench", "faultRecording", "faultOff", "", ""));

    /** A ratio of two scores, with no earlier bound. */
    RatioTarget(String bench, String numerator, String denominator, String param, String bound) {
        this(bench, numerator, "", denominator, "", param, bound, "");
    }

    private static RatioTarget of(String bench, String numerator, String denominator, String param, String bound) {
        return new RatioTarget(bench, numerator, denominator, param, bound);
    }

    /** A ratio of percentiles of two SampleTime results ({@code "p99"}, {@code "p99.9"}). */
    private static RatioTarget percentiles(String bench, String numerator, String numeratorPercentile, String denominator,
            String denominatorPercentile, String bound) {
        return new RatioTarget(bench, numerator, numeratorPercentile, denominator, denominatorPercentile, "", bound, "");
    }

    /** A ratio, with no target, of the same {@code @AuxCounters} counter per operation of two benchmarks. */
    private static RatioTarget counters(String bench, String numerator, String denominator, String counter) {
        return new RatioTarget(bench, numerator, counter, denominator, counter, "", "", "");
    }

    /** One benchmark's score (metric {@code ""}) or counter per operation, against a bound with a unit. */
    private static RatioTarget absolute(String bench, String benchmark, String metric, String param, String bound) {
        return new RatioTarget(bench, benchmark, metric, "", "", param, bound, "");
    }

    /** This row with the stricter bound an earlier issue set, shown beside its own. */
    private RatioTarget earlier(String stricter) {
        return new RatioTarget(bench, numerator, numeratorMetric, denominator, denominatorMetric, param, bound, stricter);
    }

    /**
     * The row's name, also its key in {@code misses.properties}: {@code FaultPath.viewLoad/rawLoad@32768},
     * {@code Contention.accessor[p99]/accessorAlone[p99]}, {@code Open.openAndClose@16g} for an
     * absolute time, {@code Map.mapAndClose[heapBytes]} for a counter.
     */
    String name() {
        return bench.replaceAll("Bench$", "") + "." + side(numerator, numeratorMetric)
                + (isAbsolute() ? "" : "/" + side(denominator, denominatorMetric)) + (param.isEmpty() ? "" : "@" + param);
    }

    private static String side(String benchmark, String metric) {
        return metric.isEmpty() ? benchmark : benchmark + "[" + metric + "]";
    }

    /** True for one benchmark's value against a bound with a unit, rather than a ratio of two benchmarks. */
    boolean isAbsolute() {
        return denominator.isEmpty();
    }

    /** The percentile (0 to 100) a metric names, or NaN if it names none ({@code ""}, a counter). */
    static double percentile(String metric) {
        return metric.matches("p\\d+(\\.\\d+)?") ? Double.parseDouble(metric.substring(1)) : Double.NaN;
    }

    /** True if a metric names an {@code @AuxCounters} counter (not the score, not a percentile). */
    static boolean isCounter(String metric) {
        return !metric.isEmpty() && Double.isNaN(percentile(metric));
    }

    boolean hasTarget() {
        return !bound.isEmpty();
    }

    private boolean atMost() {
        return bound.startsWith("<=");
    }

    /** The bound's words after the comparison: {@code "1.5"}, {@code "1 ms"}. */
    private String[] boundWords() {
        return bound.substring(2).trim().split(" ");
    }

    /** The bound in the row's base unit (seconds, bytes; for a ratio, none): {@code "<= 1 ms"}: 0.001. */
    private double limit() {
        return Double.parseDouble(boundWords()[0]) * unitScale();
    }

    /** The bound's unit, {@code ""} for a ratio. */
    private String unit() {
        String[] words = boundWords();
        return words.length > 1 ? words[1] : "";
    }

    /** What one of the bound's units is in seconds or bytes. */
    private double unitScale() {
        return switch (unit()) {
            case "" -> 1;
            case "s", "B" -> 1;
            case "ms" -> 1e-3;
            case "us" -> 1e-6;
            case "ns" -> 1e-9;
            case "KiB" -> 1 << 10;
            case "MiB" -> 1 << 20;
            default -> throw new IllegalArgumentException(name() + ": unknown unit in bound " + bound);
        };
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

    /** {@code value} for the report: a ratio as it is, an absolute value in its bound's unit. */
    String valueText(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (!isAbsolute() || !hasTarget()) {
            return String.format(java.util.Locale.ROOT, "%.3f", value);
        }
        return String.format(java.util.Locale.ROOT, "%.3f %s", value / unitScale(), unit());
    }

    /** The bound in words, for the console and the report, with the stricter earlier one if any. */
    String boundText() {
        return !hasTarget() ? "info" : earlier.isEmpty() ? bound : bound + " (earlier " + earlier + ")";
    }
}
