package org.daxstore.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the suite and prints each ratio beside its target, from results measured in the same
 * run (the machines are shared and noisy: only ratios within one run mean anything). Arguments:
 * {@code <results-dir> <full|quick|smoke> <jvm flags...>}; {@code -Ddaxstore.bench.command} names
 * the command line for the report. Full runs each benchmark in two forks of the iterations its
 * annotations set; quick in one fork of 2 warm-up and 3 measured iterations of 0.4 s; smoke runs one short iteration, so that the suite cannot rot
 * (its numbers mean nothing).
 */
public final class BenchMain {
    private static final List<Class<?>> SUITE = List.of(FaultPathBench.class, SeqtexBench.class, FaultCostBench.class,
            IoCompareBench.class, BulkCopyBench.class, PersistBench.class, ContentionBench.class, PunchBench.class, MapBench.class,
            OpenBench.class, ZeroPageRemapBench.class, MemoryPathBench.class);

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args[0]);
        String mode = args[1];
        List<String> flags = new ArrayList<>(List.of(args).subList(2, args.length));
        Files.createDirectories(results);
        LoadAverage before = LoadAverage.now();
        Path forkNotes = results.resolve("fork-notes");
        List<String> forkFlags = new ArrayList<>(flags);
        forkFlags.add("-D" + ForkNotes.PROPERTY + "=" + forkNotes);
        ChainedOptionsBuilder options = new OptionsBuilder()
                .jvmArgsAppend(forkFlags.toArray(new String[0]))
                .resultFormat(ResultFormatType.JSON)
                .result(results.resolve("jmh.json").toString());
        for (Class<?> bench : suite()) {
            options.include("\\." + bench.getSimpleName() + "\\.");
        }
        if (mode.equals("full")) {
            // Two JVMs per benchmark: a random access's cache and TLB misses cost twice as much in
            // some forks as in others (docs/BENCHMARKS.md), and one fork would report either.
            options.forks(2);
        } else if (mode.equals("quick")) {
            // About 4 s a fork with JVM start-up and set-up: the suite's 80 or so forks take 5 to 6
            // minutes on 2 cores at a load average of 5 to 10, so that bench.sh --quick stays under 8.
            options.warmupIterations(2).warmupTime(TimeValue.milliseconds(400))
                    .measurementIterations(3).measurementTime(TimeValue.milliseconds(400));
        } else if (mode.equals("smoke")) {
            options.warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(100))
                    // OpenBench fills its container in set-up: a small one, so that smoke stays short.
                    .param("capacity", "64m")
                    // MapBench writes and touches a 1 GiB file (two with fragmented blocks) in set-up.
                    .param("fileSize", "64m")
                    // The smoke run is how CI sees that every benchmark still runs: one that throws
                    // fails it (a quick or full run goes on, and its report shows the row as n/a).
                    .shouldFailOnError(true);
        }
        Collection<RunResult> runs = new Runner(options.build()).run();
        LoadVerdict load = new LoadVerdict(before, LoadAverage.now(), LoadVerdict.onlineCpus());
        RowValues values = new RowValues(runs, ForkNotes.read(forkNotes));
        List<Ratio> ratios = values.rows(RowSelection.ALL);
        String command = System.getProperty("daxstore.bench.command", "scripts/bench.sh (mode " + mode + ")");
        Report.Context context = new Report.Context(command, load, flags, "", List.of());
        Report.write(results, context, runs, ratios, values::scoreText);
        String table = Report.consoleTable(ratios, context);
        Files.writeString(results.resolve("ratios.txt"), table);
        System.out.println("bench: report in " + results.resolve("report.md"));
        System.out.print(table);
    }

    /** The benchmark classes the suite runs. */
    static List<Class<?>> suite() {
        return SUITE;
    }
}
