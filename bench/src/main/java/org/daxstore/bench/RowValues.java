package org.daxstore.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Finds each row's sides among the results of a run and computes the row's value and fork
 * spread. A side is a benchmark's run, or for a method of a {@code @Group} the group's run and
 * that method's own result in it; its metric is read as {@link RatioTarget} describes. A run
 * whose {@value #FAILURES} counter is above zero measured a failure, not the operation: its
 * rows are n/a (the benchmark left the exception's message in {@link ForkNotes}).
 */
final class RowValues {
    /** The {@code @AuxCounters} counter a benchmark counts failed operations in, instead of failing the suite. */
    static final String FAILURES = "failures";

    /** A run, and the label of a group method's result in it (null: the run's own primary result). */
    private record Side(RunResult run, String label) {
        Result result(BenchmarkResult of) {
            return label == null ? of.getPrimaryResult() : of.getSecondaryResults().get(label);
        }
    }

    private final Map<String, Side> sides = new HashMap<>();

    RowValues(Collection<RunResult> runs) {
        for (RunResult run : runs) {
            String param = Report.sizeParameter(run);
            String name = Report.benchmarkName(run);
            sides.put(name + "|" + param, new Side(run, null));
            String benchClass = name.substring(0, name.indexOf('.'));
            // A group's methods, each with its own result (JMH labels none in a group of one
            // method, whose result is the group's: name such a benchmark by its group).
            for (String label : run.getParams().getThreadGroupLabels()) {
                if (run.getSecondaryResults().containsKey(label)) {
                    sides.putIfAbsent(benchClass + "." + label + "|" + param, new Side(run, label));
                }
            }
        }
    }

    /** Each row of {@link RatioTarget#ALL} with its value in this run (NaN where a side is missing or failed). */
    List<Report.Ratio> rows() {
        return RatioTarget.ALL.stream().map(this::row).toList();
    }

    Report.Ratio row(RatioTarget target) {
        Side numerator = sides.get(target.bench() + "." + target.numerator() + "|" + target.param());
        if (numerator == null || failed(numerator.run())) {
            return new Report.Ratio(target, Double.NaN, Double.NaN);
        }
        if (target.isAbsolute()) {
            // A score is a time per operation, in seconds against the bound's unit.
            double value = target.numeratorMetric().isEmpty() ? Report.seconds(numerator.run())
                    : value(numerator, target.numeratorMetric(), numerator.run().getBenchmarkResults());
            return new Report.Ratio(target, value, spread(numerator, target.numeratorMetric()));
        }
        Side denominator = sides.get(target.bench() + "." + target.denominator() + "|" + target.param());
        if (denominator == null || failed(denominator.run())) {
            return new Report.Ratio(target, Double.NaN, Double.NaN);
        }
        double value = value(numerator, target.numeratorMetric(), numerator.run().getBenchmarkResults())
                / value(denominator, target.denominatorMetric(), denominator.run().getBenchmarkResults());
        return new Report.Ratio(target, value,
                Math.max(spread(numerator, target.numeratorMetric()), spread(denominator, target.denominatorMetric())));
    }

    /** A side's metric over {@code forks} together: a score or percentile of their aggregate, or a counter per operation. */
    private static double value(Side side, String metric, Collection<BenchmarkResult> forks) {
        if (RatioTarget.isCounter(metric)) {
            return perOperation(metric, forks);
        }
        Result result = side.result(forks.size() == 1 ? forks.iterator().next() : side.run().getAggregatedResult());
        if (result == null) {
            return Double.NaN;
        }
        double percentile = RatioTarget.percentile(metric);
        return Double.isNaN(percentile) ? result.getScore() : result.getStatistics().getPercentile(percentile);
    }

    /**
     * A counter's total over its measured iterations, divided by their operations: JMH sums an
     * {@code EVENTS} counter over the iterations, and the benchmarks reset theirs before each.
     */
    private static double perOperation(String counter, Collection<BenchmarkResult> forks) {
        double total = 0;
        long operations = 0;
        for (BenchmarkResult fork : forks) {
            for (IterationResult iteration : fork.getIterationResults()) {
                Result count = iteration.getSecondaryResults().get(counter);
                if (count == null) {
                    return Double.NaN;
                }
                total += count.getScore();
                operations += iteration.getMetadata().getMeasuredOps();
            }
        }
        return operations == 0 ? Double.NaN : total / operations;
    }

    /** The largest fork's value of the metric over the smallest's, NaN with one fork (see {@link Report#forkSpread}). */
    private static double spread(Side side, String metric) {
        Collection<BenchmarkResult> forks = side.run().getBenchmarkResults();
        if (forks.size() < 2) {
            return Double.NaN;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (BenchmarkResult fork : forks) {
            double value = value(side, metric, List.of(fork));
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return max / min;
    }

    private static boolean failed(RunResult run) {
        Result failures = run.getSecondaryResults().get(FAILURES);
        return failures != null && failures.getScore() > 0;
    }
}
