package org.daxstore.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the suite and prints each ratio beside its target, from results measured in the same
 * run (the machines are shared and noisy: only ratios within one run mean anything). Arguments:
 * {@code <results-dir> <full|quick|smoke> <jvm flags...>}. Smoke runs every benchmark for one short
 * iteration, so that the suite cannot rot; its numbers mean nothing.
 */
public final class BenchMain {
    /** numerator, denominator, parameter (or empty), target. */
    private static final String[][] RATIOS = {
        {"FaultPathBench.viewLoad", "FaultPathBench.rawLoad", "32768", "<= 1.5"},
        {"FaultPathBench.viewLoad", "FaultPathBench.rawLoad", "67108864", "<= 1.1"},
        {"FaultPathBench.scopedLoad", "FaultPathBench.rawLoad", "32768", "<= 1.15"},
        {"FaultPathBench.scopedLoad", "FaultPathBench.rawLoad", "67108864", "<= 1.15"},
        {"FaultPathBench.viewStore", "FaultPathBench.rawStore", "32768", "<= 3"},
        {"FaultPathBench.scopedStore", "FaultPathBench.rawStore", "32768", "<= 1.25"},
        {"IoCompareBench.viewRead", "IoCompareBench.fileChannelRead", "64", "<= 0.05"},
        {"IoCompareBench.viewRead", "IoCompareBench.mappedBufferRead", "64", "<= 1"},
        {"IoCompareBench.viewRead", "IoCompareBench.mappedBufferRead", "4096", "<= 1.11"},
        {"FaultCostBench.readFaultMapped", "FaultCostBench.kernelFaultTmpfs", "", "<= 0.1"},
        {"FaultCostBench.writeFaultAlloc", "FaultCostBench.kernelFaultTmpfs", "", "<= 0.15"},
        {"SeqtexBench.seqtexRead", "SeqtexBench.stampedOptimisticRead", "", "<= 1"},
        {"SeqtexBench.seqtexRead", "SeqtexBench.reentrantReadWriteLock", "", "<= 0.1"},
    };

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args[0]);
        String mode = args[1];
        List<String> flags = new ArrayList<>(List.of(args).subList(2, args.length));
        Files.createDirectories(results);
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(FaultPathBench.class.getSimpleName())
                .include(SeqtexBench.class.getSimpleName())
                .include(FaultCostBench.class.getSimpleName())
                .include(IoCompareBench.class.getSimpleName())
                .include(PersistBench.class.getSimpleName())
                .include(ContentionBench.class.getSimpleName())
                .jvmArgsAppend(flags.toArray(new String[0]))
                .resultFormat(ResultFormatType.JSON)
                .result(results.resolve("jmh.json").toString());
        if (mode.equals("quick")) {
            options.warmupIterations(2).warmupTime(TimeValue.milliseconds(500))
                    .measurementIterations(3).measurementTime(TimeValue.milliseconds(500));
        } else if (mode.equals("smoke")) {
            options.warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(100));
        }
        Collection<RunResult> runs = new Runner(options.build()).run();
        Map<String, Double> score = new HashMap<>();
        for (RunResult run : runs) {
            String name = run.getParams().getBenchmark().replaceAll("^.*\\.(\\w+\\.\\w+)$", "$1");
            String span = run.getParams().getParamsKeys().contains("span") ? run.getParams().getParam("span")
                    : run.getParams().getParamsKeys().contains("size") ? run.getParams().getParam("size") : "";
            score.put(name + "|" + span, run.getPrimaryResult().getScore());
        }
        List<Report.Ratio> ratios = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-60s %8s %8s%n", "ratio (same run)", "value", "target"));
        for (String[] ratio : RATIOS) {
            Double numerator = score.get(ratio[0] + "|" + ratio[2]);
            Double denominator = score.get(ratio[1] + "|" + ratio[2]);
            String label = ratio[0].replace("Bench.", ".") + " / " + ratio[1].replace("Bench.", ".")
                    + (ratio[2].isEmpty() ? "" : " @" + ratio[2]);
            double value = numerator == null || denominator == null ? Double.NaN : numerator / denominator;
            ratios.add(new Report.Ratio(label, value, ratio[3]));
            table.append(String.format(Locale.ROOT, "%-60s %8s %8s%n", label,
                    Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value), ratio[3]));
        }
        Report.write(results, mode, runs, ratios);
        Files.writeString(results.resolve("ratios.txt"), table);
        System.out.print(table);
    }
}
