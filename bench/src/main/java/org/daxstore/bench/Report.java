package org.daxstore.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/**
 * Writes a run's Markdown report: the ratios against their targets, an explanation of every
 * target missed, the latency percentiles of the sampled benchmarks and every score; and its
 * chart of ratios against targets.
 */
final class Report {
    /**
     * One same-run row, its value (NaN if a side is missing or failed) and its sides' larger fork
     * spread (see {@link RowValues}; NaN, shown as "-", with one fork).
     */
    record Ratio(RatioTarget target, double value, double spread) {
        boolean met() {
            return target.met(value);
        }

        boolean missed() {
            return target.hasTarget() && !met();
        }

        String valueText() {
            return target.valueText(value);
        }

        /** True if one side's forks disagree so much that the ratio says more about the machine than the code. */
        boolean unsteady() {
            return spread > UNSTEADY_SPREAD;
        }

        String spreadText() {
            return Double.isNaN(spread) ? "-" : String.format(Locale.ROOT, "%.2f", spread) + (unsteady() ? " !" : "");
        }
    }

    /** A fork spread above this marks a ratio as unsteady. */
    static final double UNSTEADY_SPREAD = 1.5;

    /** How the run was made, for its record, and what its forks said beside their numbers ({@link ForkNotes}). */
    record Context(String command, String loadBefore, String loadAfter, List<String> jvmFlags, Map<String, String> forkNotes) {
    }

    private static final double[] PERCENTILES = {50, 90, 99, 99.9};

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

    /** The run's primary score, a time per operation, in seconds. */
    static double seconds(RunResult run) {
        Result result = run.getPrimaryResult();
        String unit = result.getScoreUnit();
        double scale = switch (unit.substring(0, unit.indexOf('/'))) {
            case "s" -> 1;
            case "ms" -> 1e-3;
            case "us" -> 1e-6;
            case "ns" -> 1e-9;
            default -> throw new IllegalArgumentException(benchmarkName(run) + ": " + unit + " is not a time per operation");
        };
        return result.getScore() * scale;
    }

    static void write(Path dir, Context context, Collection<RunResult> runs, List<Ratio> ratios) throws IOException {
        Map<String, Result> sampled = sampled(runs);
        String ratioChart = chart(() -> drawRatioChart(dir.resolve("ratios.png"), ratios),
                "![each targeted ratio over its target](ratios.png)");
        String percentileChart = sampled.isEmpty() ? "" : chart(() -> drawPercentileChart(dir.resolve("percentiles.png"), sampled),
                "![latency percentiles](percentiles.png)");
        StringBuilder md = new StringBuilder();
        md.append("# daxstore benchmarks, ").append(Instant.now()).append("\n\n")
                .append("Made by `").append(context.command()).append("` on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(" (").append(System.getProperty("java.vm.name"))
                .append("), forks with `").append(String.join(" ", context.jvmFlags())).append("`. ")
                .append("Load average (1, 5, 15 min) before: ").append(context.loadBefore())
                .append("; after: ").append(context.loadAfter())
                .append(". The machine is shared: ratios compare results of the same run; absolute times are a guide only.\n\n")
                .append(ratioChart).append("\n\n");
        ratioTable(md, ratios);
        missTable(md, ratios, MissNotes.load(), context.forkNotes());
        percentileTable(md, sampled, percentileChart);
        scoreTable(md, runs);
        Files.writeString(dir.resolve("report.md"), md);
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
                .append("Time per operation over time per operation (lower is better), except the bulk copies: ")
                .append("bandwidth over bandwidth (higher is better). `[p99]` is that percentile of a SampleTime result ")
                .append("(a group's method on its own), `[heapBytes]` that `@AuxCounters` counter per operation. Rows with ")
                .append("no `/` are absolute: one benchmark's time per operation or counter, in the target's unit. ")
                .append("\"earlier\" is a stricter target an earlier issue set for the same ratio (the row is judged by ")
                .append("the first). Rows marked info have no target. Fork spread: ")
                .append("the largest fork's mean over the smallest's, for the side where they differ most; above ")
                .append(UNSTEADY_SPREAD).append(" (marked !) the forks disagree and the ratio is uncertain.\n\n")
                .append("| # | ratio | value | target | met | fork spread |\n|---|---|---|---|---|---|\n");
        for (int i = 0; i < ratios.size(); i++) {
            Ratio ratio = ratios.get(i);
            md.append("| ").append(i + 1).append(" | ").append(ratio.target().name()).append(" | ")
                    .append(ratio.valueText()).append(" | ").append(ratio.target().boundText()).append(" | ")
                    .append(!ratio.target().hasTarget() ? "" : ratio.met() ? "yes" : "**no**").append(" | ")
                    .append(ratio.spreadText()).append(" |\n");
        }
    }

    private static void missTable(StringBuilder md, List<Ratio> ratios, MissNotes notes, Map<String, String> forkNotes) {
        md.append("\n## Targets missed: by how much, why, and what would close the gap\n\n");
        if (ratios.stream().noneMatch(Ratio::missed)) {
            md.append("None.\n");
            return;
        }
        md.append("\"Off by\" is how many times the target the ratio is (2.00x: twice what the target allows).\n\n")
                .append("| # | ratio | value | target | off by | why | what would close it |\n|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < ratios.size(); i++) {
            Ratio ratio = ratios.get(i);
            if (!ratio.missed()) {
                continue;
            }
            String name = ratio.target().name();
            String failure = forkNotes.get(ratio.target().bench() + "." + ratio.target().numerator());
            String offBy = Double.isNaN(ratio.value()) ? (failure == null ? "not measured in this run"
                    : "failed in this run: " + failure)
                    : String.format(Locale.ROOT, "%.2fx", ratio.target().overTarget(ratio.value()))
                            + (ratio.unsteady() ? " (uncertain: fork spread " + ratio.spreadText() + ")" : "");
            md.append("| ").append(i + 1).append(" | ").append(name).append(" | ").append(ratio.valueText())
                    .append(" | ").append(ratio.target().boundText()).append(" | ").append(offBy).append(" | ")
                    .append(orUnknown(notes.why(name))).append(" | ").append(orUnknown(notes.close(name))).append(" |\n");
        }
    }

    private static String orUnknown(String note) {
        return note == null ? "not yet explained (add it to bench/src/main/resources/org/daxstore/bench/misses.properties)" : note;
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
        md.append("\n## Latency percentiles (SampleTime benchmarks)\n\n").append(chart).append("\n\n")
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
        md.append("\n## Scores\n\n| benchmark | parameters | mode | score | error | each fork | unit |\n|---|---|---|---|---|---|---|\n");
        for (RunResult run : runs) {
            Result result = run.getPrimaryResult();
            md.append("| ").append(benchmarkName(run)).append(" | ").append(parameters(run)).append(" | ")
                    .append(run.getParams().getMode().shortLabel()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3f", result.getScore())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3f", result.getScoreError())).append(" | ")
                    .append(forkScores(run)).append(" | ")
                    .append(result.getScoreUnit()).append(" |\n");
        }
    }

    private static String forkScores(RunResult run) {
        List<String> scores = new ArrayList<>();
        for (BenchmarkResult fork : run.getBenchmarkResults()) {
            scores.add(String.format(Locale.ROOT, "%.3f", fork.getPrimaryResult().getScore()));
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

    /** The ratio table for the console: each ratio beside its target, one per line. */
    static String consoleTable(List<Ratio> ratios) {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-48s %13s %-24s %4s %8s%n", "ratio (same run)", "value", "target", "met",
                "spread"));
        for (Ratio ratio : ratios) {
            table.append(String.format(Locale.ROOT, "%-48s %13s %-24s %4s %8s%n", ratio.target().name(), ratio.valueText(),
                    ratio.target().boundText(), !ratio.target().hasTarget() ? "" : ratio.met() ? "yes" : "NO",
                    ratio.spreadText()));
        }
        return table.toString();
    }

    /** log10 of each targeted ratio over its bound, so that every bar below zero is a target met. */
    private static void drawRatioChart(Path png, List<Ratio> ratios) throws IOException {
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < ratios.size(); i++) {
            Ratio ratio = ratios.get(i);
            if (ratio.target().hasTarget() && !Double.isNaN(ratio.value()) && ratio.value() > 0) {
                labels.add(String.valueOf(i + 1));
                values.add(Math.log10(ratio.target().overTarget(ratio.value())));
            }
        }
        CategoryChart chart = new CategoryChartBuilder().width(900).height(450)
                .title("log10(ratio / target): below 0 is met; bars are numbered as the rows of the ratio table")
                .xAxisTitle("ratio #").yAxisTitle("log10(ratio / target)").build();
        chart.getStyler().setLegendVisible(false);
        if (!values.isEmpty()) {
            chart.addSeries("ratio / target", labels, values);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** p50 to max of each sampled benchmark, on a log scale: the tail is orders of magnitude above the median. */
    private static void drawPercentileChart(Path png, Map<String, Result> sampled) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(450)
                .title("latency percentiles of the SampleTime benchmarks").xAxisTitle("percentile")
                .yAxisTitle(sampled.values().iterator().next().getScoreUnit() + " (log scale)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        // Bars would start at zero, which a log axis cannot show.
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        List<String> labels = List.of("p50", "p90", "p99", "p99.9", "max");
        for (Map.Entry<String, Result> row : sampled.entrySet()) {
            Statistics statistics = row.getValue().getStatistics();
            List<Double> values = new ArrayList<>();
            for (double p : PERCENTILES) {
                values.add(Math.max(1, statistics.getPercentile(p)));
            }
            values.add(Math.max(1, statistics.getMax()));
            chart.addSeries(row.getKey(), labels, values);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
