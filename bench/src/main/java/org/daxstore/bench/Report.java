package org.daxstore.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/**
 * Writes a run's Markdown report: the load verdict, the ratios against their targets with both
 * sides in their units, an explanation of every target missed written from the run's own numbers,
 * the rows not measured and why, the latency percentiles of the sampled benchmarks and every
 * score with what one operation is; its charts; and the table printed at the end of a run.
 */
final class Report {
    /**
     * How the run was made, for its record: its command, its load ({@link LoadVerdict}), the forks'
     * JVM flags, and the benchmark regexes that narrowed it ({@code selection}, in words; empty
     * for the whole suite) with the rows they left out.
     */
    record Context(String command, LoadVerdict load, List<String> jvmFlags, String selection, List<RatioTarget> omitted) {
    }

    static final double[] PERCENTILES = {50, 90, 99, 99.9};

    private Report() {
    }

    /** {@code Class.method}, without the package. */
    static String benchmarkName(RunResult run) {
        return run.getParams().getBenchmark().replaceAll("^.*\\.(\\w+\\.\\w+)$", "$1");
    }

    /**
     * The parameter the run's rows are taken at: its span, size, capacity or file size ("" if it
     * has none), followed by {@code ",2m-blocks"} where a {@code blocks} parameter is other than
     * the store's default of 4k.
     */
    static String sizeParameter(RunResult run) {
        var keys = run.getParams().getParamsKeys();
        String size = "";
        for (String key : List.of("span", "size", "capacity", "fileSize")) {
            if (keys.contains(key)) {
                size = run.getParams().getParam(key);
                break;
            }
        }
        if (keys.contains("blocks") && !run.getParams().getParam("blocks").equals("4k")) {
            size += "," + run.getParams().getParam("blocks") + "-blocks";
        }
        return size;
    }

    /** Writes {@code report.md} and its charts into {@code dir}; {@code scores} fills a note's {@code {score:...}}. */
    static void write(Path dir, Context context, Collection<RunResult> runs, List<Ratio> ratios, UnaryOperator<String> scores)
            throws IOException {
        Map<String, Result> sampled = sampled(runs);
        String ratioChart = chart(() -> RatioChart.draw(dir.resolve("ratios.png"), ratios),
                "![how far each targeted row is from its target](ratios.png)");
        String percentileChart = sampled.isEmpty() ? "" : chart(
                () -> PercentileChart.draw(dir.resolve("percentiles.png"), sampled), "![latency percentiles](percentiles.png)");
        StringBuilder md = new StringBuilder();
        header(md, context, ratios);
        md.append(ratioChart).append("\n\n").append(CHART_LEGEND).append("\n\n");
        ratioTable(md, ratios);
        omitted(md, context);
        missTable(md, ratios, MissNotes.load(), scores);
        unmeasuredTable(md, ratios);
        percentileTable(md, sampled, percentileChart);
        scoreTable(md, runs);
        Files.writeString(dir.resolve("report.md"), md);
    }

    /** What the chart shows, under it: the same words as its axis, at more length. */
    private static final String CHART_LEGEND = "The chart: one bar per row with a target, named as in the table below; its "
            + "height is how far the row is from its target (the ratio over its bound for `<=` rows, the bound over the ratio "
            + "for `>=` rows, on a log scale), so a bar above 1 missed by that factor and a bar below met with that margin, "
            + "whichever way the row counts. Green met, red missed, grey not measured; the whiskers span the row's fork values "
            + "(2 forks or more) or the scores' 99.9% confidence intervals (one fork).";

    /** The title, the load verdict (bold when the run is unreliable), how the run was made, and the count of targets met. */
    private static void header(StringBuilder md, Context context, List<Ratio> ratios) {
        String load = context.load().text();
        md.append("# daxstore benchmarks, ").append(Instant.now()).append("\n\n")
                .append(context.load().unreliable() ? "**" + load + "**" : load).append("\n\n")
                .append("Made by `").append(context.command()).append("` on ").append(context.load().cores())
                .append(" cores, Java ").append(System.getProperty("java.version")).append(" (")
                .append(System.getProperty("java.vm.name")).append("), forks with `")
                .append(String.join(" ", context.jvmFlags())).append("`. The machine is shared: ratios compare results ")
                .append("of the same run; absolute times are a guide only. ").append(summary(ratios)).append("\n\n");
    }

    /** {@code "Targets: 9 met, 5 missed, 2 not measured, of 16."} */
    static String summary(List<Ratio> ratios) {
        long targets = ratios.stream().filter(r -> r.target().hasTarget()).count();
        long met = ratios.stream().filter(Ratio::met).count();
        long missed = ratios.stream().filter(Ratio::missed).count();
        return "Targets: " + met + " met, " + missed + " missed, " + (targets - met - missed) + " not measured, of " + targets
                + ".";
    }

    /** A chart that cannot be drawn (a machine without fonts cannot draw text) leaves a note; the tables hold every number. */
    private static String chart(ChartWriter writer, String link) {
        try {
            System.setProperty("java.awt.headless", "true");
            writer.draw();
            return link;
        } catch (IOException | RuntimeException | Error e) {
            return "(no chart: " + e + ")";
        }
    }

    @FunctionalInterface
    private interface ChartWriter {
        void draw() throws IOException;
    }

    private static void ratioTable(StringBuilder md, List<Ratio> ratios) {
        md.append("## Ratios\n\n")
                .append("Each row is its numerator over its denominator, both measured in this run and shown in their units ")
                .append("(the Scores table says what one operation of each benchmark is): a time per operation where the target ")
                .append("is `<=` (lower is better), a bandwidth where it is `>=` (higher is better). `[p99]` is that percentile ")
                .append("of a SampleTime result (a group's method on its own), `[heapBytes]` that `@AuxCounters` counter per ")
                .append("operation. Rows with no `/` are absolute: one benchmark's time per operation or counter, in the ")
                .append("target's unit. \"earlier\" is a stricter target an earlier issue set for the same ratio (the row is ")
                .append("judged by the first). Rows marked info have no target; n/a rows were not measured ")
                .append("(see \"Not measured\"). ")
                .append("Fork spread: the largest fork's value over the smallest's, for the side where they differ most; above ")
                .append(Ratio.UNSTEADY_SPREAD).append(" (marked !) the forks disagree and the ratio is uncertain.\n\n")
                .append("| # | row | value | target | met | numerator | denominator | fork spread |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < ratios.size(); i++) {
            Ratio ratio = ratios.get(i);
            md.append("| ").append(i + 1).append(" | ").append(ratio.target().name()).append(" | ")
                    .append(ratio.valueText()).append(" | ").append(ratio.target().boundText()).append(" | ")
                    .append(ratio.missed() ? "**no**" : ratio.metText()).append(" | ")
                    .append(Ratio.sideText(ratio.numerator())).append(" | ").append(Ratio.sideText(ratio.denominator()))
                    .append(" | ").append(ratio.spreadText()).append(" |\n");
        }
    }

    /** The rows a narrowed run left out, named, so that nobody reads their absence as a pass. */
    private static void omitted(StringBuilder md, Context context) {
        if (context.omitted().isEmpty()) {
            return;
        }
        md.append("\nLeft out: ").append(context.omitted().size()).append(" rows none of whose benchmarks this run selected (")
                .append(context.selection()).append("): ")
                .append(String.join(", ", context.omitted().stream().map(RatioTarget::name).toList())).append(".\n");
    }

    private static void missTable(StringBuilder md, List<Ratio> ratios, MissNotes notes, UnaryOperator<String> scores) {
        md.append("\n## Targets missed: by how much, why, and what would close the gap\n\n");
        if (ratios.stream().noneMatch(Ratio::missed)) {
            md.append("None.\n");
            return;
        }
        md.append("\"Off by\" is how many times the target the ratio is, oriented as the chart is (2.00x: twice what a `<=` ")
                .append("target allows, or half what a `>=` one needs). The notes are filled in with this run's numbers.\n\n")
                .append("| # | ratio | value | target | off by | why | what would close it |\n|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < ratios.size(); i++) {
            Ratio ratio = ratios.get(i);
            if (!ratio.missed()) {
                continue;
            }
            String name = ratio.target().name();
            String offBy = Measure.number(ratio.overTarget()) + "x"
                    + (ratio.unsteady() ? " (uncertain: fork spread " + ratio.spreadText() + ")" : "");
            md.append("| ").append(i + 1).append(" | ").append(name).append(" | ").append(ratio.valueText())
                    .append(" | ").append(ratio.target().boundText()).append(" | ").append(offBy).append(" | ")
                    .append(filled(notes.why(name), ratio, scores)).append(" | ")
                    .append(filled(notes.close(name), ratio, scores)).append(" |\n");
        }
    }

    private static String filled(String note, Ratio ratio, UnaryOperator<String> scores) {
        return note == null ? "not yet explained (add it to bench/src/main/resources/org/daxstore/bench/misses.properties)"
                : MissNotes.fill(note, ratio, scores);
    }

    private static void unmeasuredTable(StringBuilder md, List<Ratio> ratios) {
        if (ratios.stream().allMatch(Ratio::measured)) {
            return;
        }
        md.append("\n## Not measured in this run\n\n| # | row | target | why |\n|---|---|---|---|\n");
        for (int i = 0; i < ratios.size(); i++) {
            Ratio ratio = ratios.get(i);
            if (!ratio.measured()) {
                md.append("| ").append(i + 1).append(" | ").append(ratio.target().name()).append(" | ")
                        .append(ratio.target().boundText()).append(" | ").append(ratio.unmeasured()).append(" |\n");
            }
        }
    }

    /** Every SampleTime benchmark's result, a group's methods each on their own, by name. */
    static Map<String, Result> sampled(Collection<RunResult> runs) {
        Map<String, Result> rows = new LinkedHashMap<>();
        for (RunResult run : runs) {
            if (run.getParams().getMode() != Mode.SampleTime) {
                continue;
            }
            // Secondary results hold a group's methods, and JMH's own percentile rows ("p0.50",
            // "accessor:p0.50"), which the columns here already show.
            Map<String, Result> perMethod = new TreeMap<>(run.getSecondaryResults());
            perMethod.keySet().removeIf(label -> label.matches("(.*:)?p\\d.*"));
            if (perMethod.isEmpty()) {
                rows.put(benchmarkName(run), run.getPrimaryResult());
            }
            for (Map.Entry<String, Result> method : perMethod.entrySet()) {
                rows.put(benchmarkName(run) + ":" + method.getKey(), method.getValue());
            }
        }
        return rows;
    }

    private static void percentileTable(StringBuilder md, Map<String, Result> sampled, String chart) {
        md.append("\n## Latency percentiles (SampleTime benchmarks)\n\n");
        if (sampled.isEmpty()) {
            md.append("None in this run.\n");
            return;
        }
        md.append(chart).append("\n\n")
                .append("| benchmark | samples | p50 | p90 | p99 | p99.9 | max | unit |\n|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, Result> row : sampled.entrySet()) {
            Statistics statistics = row.getValue().getStatistics();
            md.append("| ").append(row.getKey()).append(" | ").append(statistics.getN());
            for (double p : PERCENTILES) {
                md.append(" | ").append(String.format(Locale.ROOT, "%.0f", statistics.getPercentile(p)));
            }
            md.append(" | ").append(String.format(Locale.ROOT, "%.0f", statistics.getMax())).append(" | ")
                    .append(row.getValue().getScoreUnit()).append(" |\n");
        }
    }

    private static void scoreTable(StringBuilder md, Collection<RunResult> runs) {
        md.append("\n## Scores\n\nIn the report's units: JMH's, except that a throughput whose operation is a byte is a ")
                .append("bandwidth in MB/s (10^6 bytes a second). \"One operation\" is what the benchmark declares ")
                .append("(`@Operation`), else a call of its method or the share of one that `@OperationsPerInvocation` ")
                .append("makes it.\n\n")
                .append("| benchmark | parameters | mode | score | error | each fork | unit | one operation |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (RunResult run : runs) {
            Result result = run.getPrimaryResult();
            double scale = ScoreUnits.scale(run);
            md.append("| ").append(benchmarkName(run)).append(" | ").append(parameters(run)).append(" | ")
                    .append(run.getParams().getMode().shortLabel()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3f", result.getScore() * scale)).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3f", result.getScoreError() * scale)).append(" | ")
                    .append(forkScores(run, scale)).append(" | ")
                    .append(ScoreUnits.unit(run)).append(" | ").append(ScoreUnits.operationText(run)).append(" |\n");
        }
    }

    private static String forkScores(RunResult run, double scale) {
        List<String> scores = new ArrayList<>();
        for (BenchmarkResult fork : run.getBenchmarkResults()) {
            scores.add(String.format(Locale.ROOT, "%.3f", fork.getPrimaryResult().getScore() * scale));
        }
        return String.join(", ", scores);
    }

    private static String parameters(RunResult run) {
        List<String> parts = new ArrayList<>();
        for (String key : run.getParams().getParamsKeys()) {
            parts.add(key + "=" + run.getParams().getParam(key));
        }
        return String.join(", ", parts);
    }

    /**
     * The table printed at the end of a run and written to ratios.txt: the load verdict first,
     * then each row beside its target with its sides, then the count of targets met.
     */
    static String consoleTable(List<Ratio> ratios, Context context) {
        StringBuilder table = new StringBuilder();
        table.append(context.load().text()).append(System.lineSeparator());
        String format = "%-54s %13s %-24s %4s %8s  %s%n";
        table.append(String.format(Locale.ROOT, format, "row (same run)", "value", "target", "met", "spread",
                "numerator / denominator"));
        for (Ratio ratio : ratios) {
            String sides = ratio.measured() ? Ratio.sideText(ratio.numerator())
                    + (ratio.denominator() == null ? "" : " / " + Ratio.sideText(ratio.denominator())) : ratio.unmeasured();
            table.append(String.format(Locale.ROOT, format, ratio.target().name(), ratio.valueText(),
                    ratio.target().boundText(), ratio.missed() ? "NO" : ratio.metText(), ratio.spreadText(), sides));
        }
        table.append(summary(ratios));
        if (!context.omitted().isEmpty()) {
            table.append(" ").append(context.omitted().size()).append(" rows left out (").append(context.selection())
                    .append(").");
        }
        if (context.load().unreliable()) {
            table.append(" UNRELIABLE: load above ").append(LoadVerdict.PER_CORE).append(" per core.");
        }
        return table.append(System.lineSeparator()).toString();
    }
}
