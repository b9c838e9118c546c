package org.daxstore.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.CategoryStyler;

/**
 * {@code ratios.png}: one bar for every row with a target, named as in the ratio table, on one
 * axis for all: how far the row is from its target, as a factor, oriented so that 1 is the target
 * and above it is a miss: the ratio over its bound for a lower-is-better row ({@code <=}), the
 * bound over the ratio for a higher-is-better one ({@code >=}, a bandwidth), the same
 * {@link RatioTarget#overTarget} the miss table's "off by" is. The factor is drawn on a log scale
 * (bars are its log10, ticks the factor), so that 4 times too slow and 4 times better than needed
 * are as long. Green bars met, red missed, grey were not measured (a short stub, named "n/a");
 * the whiskers span the range of the row's fork values ({@link Ratio#low()} to
 * {@link Ratio#high()}). Rows without a target have no "how far" and are left out.
 */
final class RatioChart {
    static final Color MET = new Color(0x2e7d32);
    static final Color MISSED = new Color(0xc62828);
    static final Color NOT_MEASURED = new Color(0x9e9e9e);
    /** A bar per this many pixels: with rotated labels each needs about a line's height. */
    static final int PIXELS_PER_BAR = 36;
    /**
     * XChart leaves out category labels closer together than this hint (its default, 74 pixels,
     * numbered only every other or third bar): kept under {@link #PIXELS_PER_BAR} so every bar is named.
     */
    static final int LABEL_SPACING_HINT = 4;
    /** log10 of the factor a bar is clamped to, so that a value of 0 (a counter never counted) still draws. */
    private static final double FLOOR = -4;
    /** The height of the stub drawn for a row not measured, in log10. */
    private static final double STUB = 0.05;

    private RatioChart() {
    }

    static void draw(Path png, List<Ratio> rows) throws IOException {
        BitmapEncoder.saveBitmap(build(rows), png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** The chart of {@code rows} (numbered as they are listed), not yet drawn. */
    static CategoryChart build(List<Ratio> rows) {
        List<String> labels = new ArrayList<>();
        List<Double> met = new ArrayList<>();
        List<Double> missed = new ArrayList<>();
        List<Double> notMeasured = new ArrayList<>();
        List<Double> middles = new ArrayList<>();
        List<Double> halfRanges = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Ratio row = rows.get(i);
            if (!row.target().hasTarget()) {
                continue;
            }
            labels.add((i + 1) + " " + row.target().name() + (row.measured() ? "" : " (n/a)"));
            Double bar = row.measured() ? log(row.overTarget()) : null;
            met.add(row.met() ? bar : null);
            missed.add(row.missed() ? bar : null);
            notMeasured.add(row.measured() ? null : STUB);
            // XChart's error bars are symmetric about their series' value: an invisible series at
            // the middle of the range in log space carries them, so they span low to high exactly.
            double a = row.measured() ? log(row.target().overTarget(row.low())) : Double.NaN;
            double b = row.measured() ? log(row.target().overTarget(row.high())) : Double.NaN;
            boolean ranged = Double.isFinite(a) && Double.isFinite(b) && a != b;
            middles.add(ranged ? (a + b) / 2 : null);
            halfRanges.add(ranged ? Math.abs(a - b) / 2 : 0.0);
        }
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(900, 200 + PIXELS_PER_BAR * labels.size()))
                .height(1000)
                .title("How far each targeted row is from its target: 1 is the target, above 1 missed by that factor, "
                        + "below 1 met with that margin")
                .xAxisTitle("row, numbered as in the ratio table (rows without a target are not drawn)")
                .yAxisTitle("off by (log): ratio/bound for <=, bound/ratio for >=; whiskers: fork range")
                .build();
        CategoryStyler styler = chart.getStyler();
        styler.setOverlapped(true);
        styler.setXAxisLabelRotation(90);
        styler.setXAxisLabelAlignmentVertical(AxesChartStyler.TextAlignment.Right);
        styler.setXAxisTickMarkSpacingHint(LABEL_SPACING_HINT);
        styler.setYAxisTickLabelsFormattingFunction(y -> String.format(Locale.ROOT, "%.3g", Math.pow(10, y)));
        styler.setErrorBarsColorSeriesColor(false);
        styler.setErrorBarsColor(Color.BLACK);
        styler.setLegendPosition(AxesChartStyler.LegendPosition.InsideNE);
        if (labels.isEmpty()) {
            chart.setTitle("No row of this run has a target");
            return chart;
        }
        series(chart, "met", labels, met, MET);
        series(chart, "missed", labels, missed, MISSED);
        series(chart, "n/a: not measured", labels, notMeasured, NOT_MEASURED);
        if (middles.stream().anyMatch(v -> v != null)) {
            CategorySeries whiskers = chart.addSeries("fork range", labels, middles, halfRanges);
            whiskers.setFillColor(new Color(0, 0, 0, 0));
            whiskers.setLineColor(new Color(0, 0, 0, 0));
            whiskers.setShowInLegend(false);
        }
        return chart;
    }

    private static void series(CategoryChart chart, String name, List<String> labels, List<Double> values, Color color) {
        // A series with no bar would still take a place in the legend, a colour nobody can find.
        if (values.stream().anyMatch(v -> v != null)) {
            chart.addSeries(name, labels, values).setFillColor(color);
        }
    }

    private static double log(double factor) {
        return factor <= 0 ? FLOOR : Math.max(FLOOR, Math.log10(factor));
    }
}
