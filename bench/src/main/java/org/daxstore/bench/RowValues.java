package org.daxstore.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Finds each row's sides among the results of a run and computes the row's value, range and fork
 * spread. A side is a benchmark's run, or for a method of a {@code @Group} the group's run and
 * that method's own result in it; its metric is read as {@link RatioTarget} describes. A row is
 * not measured, and says why, when a side was not selected, did not run at the row's parameter,
 * gave no result, ran in another mode than the one its target is set for (JMH's {@code -bm}), or
 * counted failures: a run whose {@value #FAILURES} counter is above zero measured a failure, not
 * the operation (the benchmark left the exception's message in {@link ForkNotes}).
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

    /** A side as read for a row: its measure and fork spread, or why there is none. */
    private record Reading(Measure measure, double spread, String why) {
        static Reading missing(String why) {
            return new Reading(null, Double.NaN, why);
        }
    }

    private final Map<String, Side> sides = new HashMap<>();
    /** The parameters each {@code Class.method} ran at, to say why a row at another one is not measured. */
    private final Map<String, Set<String>> ranAt = new TreeMap<>();
    private final Map<String, String> forkNotes;

    RowValues(Collection<RunResult> runs) {
        this(runs, Map.of());
    }

    /** The sides of {@code runs}; {@code forkNotes} ({@link ForkNotes#read}) say why a benchmark failed. */
    RowValues(Collection<RunResult> runs, Map<String, String> forkNotes) {
        this.forkNotes = forkNotes;
        for (RunResult run : runs) {
            String param = Report.sizeParameter(run);
            String name = Report.benchmarkName(run);
            add(name, param, new Side(run, null));
            String benchClass = name.substring(0, name.indexOf('.'));
            // A group's methods, each with its own result (JMH labels none in a group of one
            // method, whose result is the group's: name such a benchmark by its group).
            for (String label : run.getParams().getThreadGroupLabels()) {
                if (run.getSecondaryResults().containsKey(label)) {
                    add(benchClass + "." + label, param, new Side(run, label));
                }
            }
        }
    }

    private void add(String name, String param, Side side) {
        sides.putIfAbsent(name + "|" + param, side);
        ranAt.computeIfAbsent(name, n -> new TreeSet<>()).add(param.isEmpty() ? "(no parameter)" : param);
    }

    /** Each row of {@link RatioTarget#ALL} that {@code selection} covers, as this run measured it. */
    List<Ratio> rows(RowSelection selection) {
        return RatioTarget.ALL.stream().filter(selection::covers).map(target -> row(target, selection)).toList();
    }

    Ratio row(RatioTarget target) {
        return row(target, RowSelection.ALL);
    }

    Ratio row(RatioTarget target, RowSelection selection) {
        Reading numerator = read(target.bench(), target.numerator(), target.numeratorMetric(), target.param(), selection);
        if (numerator.why() != null) {
            return Ratio.unmeasured(target, numerator.why());
        }
        Measure top = numerator.measure();
        if (target.isAbsolute()) {
            // A counter is per operation as it is; a score or percentile is a time, in seconds against the bound's unit.
            boolean counter = RatioTarget.isCounter(target.numeratorMetric());
            if (!counter && !top.baseUnit().equals("s/op")) {
                return Ratio.unmeasured(target, target.numerator() + " is in " + top.unit() + ", not a time per operation");
            }
            double scale = counter ? 1 : top.toBase();
            return new Ratio(target, top.value() * scale, numerator.spread(), top, null, top.low() * scale,
                    top.high() * scale, null);
        }
        Reading denominator = read(target.bench(), target.denominator(), target.denominatorMetric(), target.param(),
                selection);
        if (denominator.why() != null) {
            return Ratio.unmeasured(target, denominator.why());
        }
        Measure bottom = denominator.measure();
        if (!top.comparableTo(bottom)) {
            return Ratio.unmeasured(target, "its sides are in " + top.unit() + " and " + bottom.unit());
        }
        double over = bottom.toBase() / top.toBase();
        return new Ratio(target, top.base() / bottom.base(), Math.max(numerator.spread(), denominator.spread()), top,
                bottom, top.low() / (bottom.high() * over), top.high() / (bottom.low() * over), null);
    }

    /**
     * Another result of this run for a note ({@code {score:SeqtexBench.accessSectionRead}},
     * {@code {score:FaultPathBench.rawLoad@32768}}, {@code {score:ContentionBench.accessorAlone[p99]}}):
     * its value in its unit, or "n/a" and why.
     */
    String scoreText(String spec) {
        int dot = spec.indexOf('.');
        int at = spec.indexOf('@');
        String side = at < 0 ? spec.substring(dot + 1) : spec.substring(dot + 1, at);
        int bracket = side.indexOf('[');
        String method = bracket < 0 ? side : side.substring(0, bracket);
        String metric = bracket < 0 ? "" : side.substring(bracket + 1, side.length() - 1);
        Reading reading = read(spec.substring(0, dot), method, metric, at < 0 ? "" : spec.substring(at + 1),
                RowSelection.ALL);
        return reading.why() == null ? reading.measure().text() : "n/a (" + reading.why() + ")";
    }

    private Reading read(String bench, String method, String metric, String param, RowSelection selection) {
        if (!selection.selects(bench, method)) {
            return Reading.missing(method + " was not selected in this run");
        }
        String name = bench + "." + method;
        Side side = sides.get(name + "|" + param);
        String note = forkNotes.get(name);
        if (side == null) {
            Set<String> ran = ranAt.get(name);
            return Reading.missing(ran != null ? method + " ran only at " + String.join(", ", ran) + ", not at " + param
                    : note != null ? "failed in this run: " + note
                    : method + " gave no result (see the run's output for its error)");
        }
        if (failed(side.run())) {
            return Reading.missing("failed in this run: " + (note != null ? note : method + " counted failures"));
        }
        Mode mode = side.run().getParams().getMode();
        List<Mode> declared = declaredModes(bench, method);
        if (!declared.isEmpty() && !declared.contains(mode)) {
            return Reading.missing(method + " ran in mode " + mode.shortLabel() + ", its target is set for "
                    + declared.stream().map(Mode::shortLabel).toList());
        }
        Measure measure = measure(side, metric);
        if (Double.isNaN(measure.value())) {
            return Reading.missing(method + " has no " + (metric.isEmpty() ? "score" : metric) + " in its results");
        }
        return new Reading(measure, spread(side, metric), null);
    }

    /** A side's metric over all its forks, with the range of its forks, in the report's unit. */
    private static Measure measure(Side side, String metric) {
        Collection<BenchmarkResult> forks = side.run().getBenchmarkResults();
        double value = value(side, metric, forks);
        double low = value;
        double high = value;
        if (forks.size() > 1) {
            low = Double.POSITIVE_INFINITY;
            high = Double.NEGATIVE_INFINITY;
            for (BenchmarkResult fork : forks) {
                double forkValue = value(side, metric, List.of(fork));
                low = Math.min(low, forkValue);
                high = Math.max(high, forkValue);
            }
        } else if (metric.isEmpty()) {
            Result result = side.result(forks.iterator().next());
            double[] confidence = result == null ? new double[] {value, value} : result.getScoreConfidence();
            if (Double.isFinite(confidence[0]) && Double.isFinite(confidence[1])) {
                low = Math.max(confidence[0], 0);
                high = confidence[1];
            }
        }
        if (RatioTarget.isCounter(metric)) {
            return new Measure(value, low, high, metric + "/op", metric + "/op", 1);
        }
        Result primary = side.result(forks.iterator().next());
        String unit = primary == null ? "" : primary.getScoreUnit();
        return ScoreUnits.measure(side.run(), unit, value, low, high);
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

    /** The largest fork's value of the metric over the smallest's, NaN with one fork. */
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

    /** The modes the benchmark's method or class declares ({@code @BenchmarkMode}); none if the class is not found. */
    private static List<Mode> declaredModes(String bench, String method) {
        try {
            Class<?> type = Class.forName(RowValues.class.getPackageName() + "." + bench);
            BenchmarkMode mode = Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(method))
                    .map(m -> m.getAnnotation(BenchmarkMode.class)).filter(a -> a != null).findFirst()
                    .orElse(type.getAnnotation(BenchmarkMode.class));
            return mode == null ? List.of() : new ArrayList<>(List.of(mode.value()));
        } catch (ClassNotFoundException e) {
            return List.of();
        }
    }

    private static boolean failed(RunResult run) {
        Result failures = run.getSecondaryResults().get(FAILURES);
        return failures != null && failures.getScore() > 0;
    }
}
