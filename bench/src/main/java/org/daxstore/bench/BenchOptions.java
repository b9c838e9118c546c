package org.daxstore.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * A run's JMH options: the JMH options given on the command line ({@code scripts/bench.sh}
 * passes through everything that is not its own: a benchmark regex, {@code -p}, {@code -t},
 * {@code -f}, {@code -wi}, {@code -i}, {@code -prof}...), over the mode's defaults, which fill in
 * only what the command line leaves unset. Without a regex the whole suite runs. The forks always
 * get the JVM flags (after any {@code -jvmArgsAppend} of the command line's) and
 * {@link ForkNotes}' directory, and the results always go to the run's {@code jmh.json}, which
 * the report is made from.
 */
final class BenchOptions {
    private BenchOptions() {
    }

    /**
     * The options of a run in {@code mode}: full (two forks of the iterations the annotations set),
     * quick (2 warm-up and 3 measured iterations of 0.4 s) or smoke (one 100 ms iteration, small
     * containers, a benchmark that throws fails the run).
     *
     * @throws IllegalArgumentException if {@code mode} is none of those
     */
    static Options build(String mode, CommandLineOptions given, List<String> forkFlags, Path json) {
        List<String> jvmArgs = new ArrayList<>(forkFlags);
        jvmArgs.addAll(given.getJvmArgsAppend().orElse(List.of()));
        ChainedOptionsBuilder options = new OptionsBuilder().parent(given)
                .jvmArgsAppend(jvmArgs.toArray(new String[0]))
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
        if (given.getIncludes().isEmpty()) {
            for (Class<?> bench : BenchMain.suite()) {
                options.include("\\." + bench.getSimpleName() + "\\.");
            }
        }
        switch (mode) {
            case "full" -> {
                // Two JVMs per benchmark: a random access's cache and TLB misses cost twice as much in
                // some forks as in others (docs/BENCHMARKS.md), and one fork would report either.
                if (!given.getForkCount().hasValue()) {
                    options.forks(2);
                }
            }
            case "quick" -> {
                // About 4 s a fork with JVM start-up and set-up: the suite's 80 or so forks take 5 to 6
                // minutes on 2 cores at a load average of 5 to 10, so that bench.sh --quick stays under 8.
                iterations(options, given, 2, TimeValue.milliseconds(400), 3, TimeValue.milliseconds(400));
            }
            case "smoke" -> {
                iterations(options, given, 0, TimeValue.milliseconds(100), 1, TimeValue.milliseconds(100));
                // OpenBench fills its container in set-up: a small one, so that smoke stays short.
                defaultParam(options, given, "capacity", "64m");
                // MapBench writes and touches a 1 GiB file (two with fragmented blocks) in set-up, and
                // MetadataBench allocates, fills and frees 1 GiB in a container of twice that.
                defaultParam(options, given, "fileSize", "64m");
                // The smoke run is how CI sees that every benchmark still runs: one that throws
                // fails it (a quick or full run goes on, and its report shows the row as n/a).
                if (!given.shouldFailOnError().hasValue()) {
                    options.shouldFailOnError(true);
                }
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode + " (full, quick or smoke)");
        }
        return options.build();
    }

    /** The mode's iteration counts and times, each unless the command line set it. */
    private static void iterations(ChainedOptionsBuilder options, CommandLineOptions given, int warmups, TimeValue warmup,
            int measurements, TimeValue measurement) {
        if (!given.getWarmupIterations().hasValue()) {
            options.warmupIterations(warmups);
        }
        if (!given.getWarmupTime().hasValue()) {
            options.warmupTime(warmup);
        }
        if (!given.getMeasurementIterations().hasValue()) {
            options.measurementIterations(measurements);
        }
        if (!given.getMeasurementTime().hasValue()) {
            options.measurementTime(measurement);
        }
    }

    private static void defaultParam(ChainedOptionsBuilder options, CommandLineOptions given, String name, String value) {
        if (!given.getParameter(name).hasValue()) {
            options.param(name, value);
        }
    }

    /** The benchmarks the command line selected, for the report: the whole suite without a regex. */
    static RowSelection selection(CommandLineOptions given) {
        return new RowSelection(given.getIncludes(), given.getExcludes());
    }

    /** The regexes that narrowed the run, in words ({@code "benchmark regex FaultPath"}); empty for the whole suite. */
    static String selectionText(CommandLineOptions given) {
        List<String> parts = new ArrayList<>();
        if (!given.getIncludes().isEmpty()) {
            parts.add("benchmark regex " + String.join(", ", given.getIncludes().stream().map(r -> "`" + r + "`").toList()));
        }
        if (!given.getExcludes().isEmpty()) {
            parts.add("excluded " + String.join(", ", given.getExcludes().stream().map(r -> "`" + r + "`").toList()));
        }
        return String.join("; ", parts);
    }
}
