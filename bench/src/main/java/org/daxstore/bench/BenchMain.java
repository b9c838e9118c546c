package org.daxstore.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;

/**
 * Runs the suite and prints each ratio beside its target, from results measured in the same
 * run (the machines are shared and noisy: only ratios within one run mean anything). Arguments:
 * {@code <results-dir> <full|quick|smoke> <jvm flags...> [-- <JMH options...>]}, as
 * {@code scripts/bench.sh} passes them; {@code -Ddaxstore.bench.command} names the command line
 * for the report. The JMH options ({@link BenchOptions}) are JMH's own command line: a regex
 * narrows the run to the benchmarks it matches (the report then covers only the rows of those,
 * and its directory name ends in {@code -partial}); {@code -h}, {@code -l}, {@code -lp} and
 * {@code -lprof} print what they print for the JMH jar and run nothing.
 */
public final class BenchMain {
    private static final List<Class<?>> SUITE = List.of(FaultPathBench.class, SeqtexBench.class, FaultCostBench.class,
            IoCompareBench.class, ScalingBench.class, BulkCopyBench.class, PersistBench.class, ContentionBench.class,
            PunchBench.class, MapBench.class, OpenBench.class, ZeroPageRemapBench.class, MemoryPathBench.class,
            MetadataBench.class, JfrCostBench.class);

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> all = List.of(args);
        int separator = all.indexOf("--");
        List<String> flags = all.subList(2, separator < 0 ? all.size() : separator);
        List<String> jmhArgs = separator < 0 ? List.of() : all.subList(separator + 1, all.size());
        String mode = args[1];
        CommandLineOptions given;
        try {
            given = new CommandLineOptions(jmhArgs.toArray(new String[0]));
        } catch (CommandLineOptionException e) {
            System.err.println("bench.sh: JMH option: " + e.getMessage() + " (JMH's options: scripts/bench.sh --jmh-help)");
            System.exit(2);
            return;
        }
        String selectionText = BenchOptions.selectionText(given);
        Path results = Path.of(args[0] + (selectionText.isEmpty() ? "" : "-partial"));
        Path forkNotes = results.resolve("fork-notes");
        List<String> forkFlags = new ArrayList<>(flags);
        forkFlags.add("-D" + ForkNotes.PROPERTY + "=" + forkNotes);
        Options options = BenchOptions.build(mode, given, forkFlags, results.resolve("jmh.json"));
        if (listed(given, options)) {
            return;
        }
        if (given.getResult().hasValue() || given.getResultFormat().hasValue()) {
            System.err.println("bench.sh: -rf and -rff are ignored: the results go to " + results.resolve("jmh.json"));
        }
        Files.createDirectories(results);
        LoadAverage before = LoadAverage.now();
        Collection<RunResult> runs = new Runner(options).run();
        LoadVerdict load = new LoadVerdict(before, LoadAverage.now(), LoadVerdict.onlineCpus());
        RowSelection selection = BenchOptions.selection(given);
        RowValues values = new RowValues(runs, ForkNotes.read(forkNotes));
        List<Ratio> ratios = values.rows(selection);
        String command = System.getProperty("daxstore.bench.command", "scripts/bench.sh (mode " + mode + ")");
        Report.Context context = new Report.Context(command, load, flags, selectionText,
                RatioTarget.ALL.stream().filter(target -> !selection.covers(target)).toList());
        Report.write(results, context, runs, ratios, values::scoreText);
        String table = Report.consoleTable(ratios, context);
        Files.writeString(results.resolve("ratios.txt"), table);
        System.out.println("bench: report in " + results.resolve("report.md"));
        System.out.print(table);
    }

    /** JMH's help and lists, which print and run nothing; true if one was asked for. */
    private static boolean listed(CommandLineOptions given, Options options) throws Exception {
        if (given.shouldHelp()) {
            given.showHelp();
        } else if (given.shouldListProfilers()) {
            given.listProfilers();
        } else if (given.shouldListResultFormats()) {
            given.listResultFormats();
        } else if (given.shouldList() || given.shouldListWithParams()) {
            Runner runner = new Runner(options);
            if (given.shouldListWithParams()) {
                runner.listWithParams(given);
            } else {
                runner.list();
            }
        } else {
            return false;
        }
        return true;
    }

    /** The benchmark classes the suite runs. */
    static List<Class<?>> suite() {
        return SUITE;
    }
}
