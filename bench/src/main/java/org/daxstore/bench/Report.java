package org.daxstore.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.openjdk.jmh.results.RunResult;

/** Writes a run's Markdown report and its chart of ratios against targets. */
final class Report {
    /** One same-run ratio: what it compares, its value (NaN if a side is missing) and its target. */
    record Ratio(String label, double value, String target) {
        boolean met() {
            if (Double.isNaN(value)) {
                return false;
            }
            double bound = Double.parseDouble(target.replaceAll("[^0-9.]", ""));
            return target.startsWith("<=") ? value <= bound : value >= bound;
        }
    }

    private Report() {
    }

    static void write(Path dir, String mode, Collection<RunResult> runs, List<Ratio> ratios) throws IOException {
        String chart = "![ratios against targets](ratios.png)";
        try {
            drawChart(dir.resolve("ratios.png"), ratios);
        } catch (RuntimeException | Error e) {
            // A machine without fonts cannot draw text; the tables below still hold every number.
            chart = "(no chart: " + e + ")";
        }
        StringBuilder md = new StringBuilder();
        md.append("# daxstore benchmarks, ").append(Instant.now()).append("\n\n")
                .append("Made by `scripts/bench.sh").append(mode.equals("full") ? "" : " --" + mode).append("` on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(" (").append(System.getProperty("java.vm.name"))
                .append("). Ratios compare results of the same run; absolute times are a guide only.\n\n")
                .append(chart).append("\n\n")
                .append("| ratio | value | target | met |\n|---|---|---|---|\n");
        for (Ratio ratio : ratios) {
            md.append("| ").append(ratio.label()).append(" | ")
                    .append(Double.isNaN(ratio.value()) ? "n/a" : String.format(Locale.ROOT, "%.3f", ratio.value()))
                    .append(" | ").append(ratio.target()).append(" | ").append(ratio.met() ? "yes" : "**no**").append(" |\n");
        }
        md.append("\n| benchmark | parameters | score | error | unit |\n|---|---|---|---|---|\n");
        for (RunResult run : runs) {
            var result = run.getPrimaryResult();
            md.append("| ").append(run.getParams().getBenchmark().replaceAll("^.*\\.(\\w+\\.\\w+)$", "$1")).append(" | ")
                    .append(parameters(run)).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3f", result.getScore())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3f", result.getScoreError())).append(" | ")
                    .append(result.getScoreUnit()).append(" |\n");
        }
        Files.writeString(dir.resolve("report.md"), md);
    }

    private static String parameters(RunResult run) {
        List<String> parts = new ArrayList<>();
        for (String key : run.getParams().getParamsKeys()) {
            parts.add(key + "=" + run.getParams().getParam(key));
        }
        return String.join(", ", parts);
    }

    /** log10 of each ratio over its target bound, so that every bar below zero is a target met. */
    private static void drawChart(Path png, List<Ratio> ratios) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < ratios.size(); i++) {
            Ratio ratio = ratios.get(i);
            if (!Double.isNaN(ratio.value()) && ratio.value() > 0) {
                double bound = Double.parseDouble(ratio.target().replaceAll("[^0-9.]", ""));
                labels.add(String.valueOf(i + 1));
                values.add(Math.log10(ratio.target().startsWith("<=") ? ratio.value() / bound : bound / ratio.value()));
            }
        }
        CategoryChart chart = new CategoryChartBuilder().width(900).height(450)
                .title("log10(measured / target): below 0 is met; bars are the rows of the table")
                .xAxisTitle("ratio").yAxisTitle("log10(measured / target)").build();
        chart.getStyler().setLegendVisible(false);
        if (!values.isEmpty()) {
            chart.addSeries("measured / target", labels, values);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
