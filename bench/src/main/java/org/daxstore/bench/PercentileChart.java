package org.daxstore.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.util.Statistics;

/**
 * {@code percentiles.png}: p50 to max of each sampled benchmark, a line each, on a log scale: the
 * tail is orders of magnitude above the median.
 */
final class PercentileChart {
    private PercentileChart() {
    }

    static void draw(Path png, Map<String, Result> sampled) throws IOException {
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
            for (double p : Report.PERCENTILES) {
                values.add(Math.max(1, statistics.getPercentile(p)));
            }
            values.add(Math.max(1, statistics.getMax()));
            chart.addSeries(row.getKey(), labels, values);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
