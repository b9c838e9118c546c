package org.daxstore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

/**
 * ratios.png: every targeted row is a bar named as in the table, coloured by met, missed or not
 * measured, on one axis where above 1 is a miss whichever way the row counts, with its fork range.
 */
class RatioChartTest {
    private static final Measure NS = new Measure(1, 1, 1, "ns/op", "s/op", 1e-9);
    private static final RatioTarget LOAD = new RatioTarget("FaultPathBench", "viewLoad", "rawLoad", "32768", "<= 2");
    private static final RatioTarget SCOPED = new RatioTarget("FaultPathBench", "scopedLoad", "rawLoad", "32768", "<= 1.15");
    private static final RatioTarget BULK = new RatioTarget("BulkCopyBench", "viewRead", "rawRead", "", ">= 0.9");
    private static final RatioTarget FAST_BULK = new RatioTarget("BulkCopyBench", "viewWrite", "rawWrite", "", ">= 0.9");
    private static final RatioTarget INFO = new RatioTarget("FaultPathBench", "viewStore", "rawStore", "67108864", "");
    private static final RatioTarget OPEN = new RatioTarget("OpenBench", "openAndClose", "", "16g", "<= 1 s");

    private static List<Ratio> rows() {
        return List.of(
                new Ratio(LOAD, 6, 1.4, NS, NS, 5, 7, null), // missed, lower is better
                new Ratio(SCOPED, 1, Double.NaN, NS, NS, 1, 1, null), // met
                new Ratio(BULK, 0.45, 1.1, NS, NS, 0.4, 0.5, null), // missed, higher is better
                new Ratio(FAST_BULK, 1.8, 1.1, NS, NS, 1.8, 1.8, null), // met, higher is better
                new Ratio(INFO, 4, Double.NaN, NS, NS, 4, 4, null), // no target: not drawn
                Ratio.unmeasured(OPEN, "openAndClose ran only at 64m, not at 16g"));
    }

    @Test
    void everyTargetedRowIsABarNamedAsInTheTableAndRowsWithoutATargetAreLeftOut() {
        CategoryChart chart = RatioChart.build(rows());
        List<Object> names = new ArrayList<>(chart.getSeries("met").getXData());
        assertEquals(List.of("1 FaultPath.viewLoad/rawLoad@32768", "2 FaultPath.scopedLoad/rawLoad@32768",
                "3 BulkCopy.viewRead/rawRead", "4 BulkCopy.viewWrite/rawWrite", "6 Open.openAndClose@16g (n/a)"), names);
        assertNotNull(BitmapEncoder.getBufferedImage(chart));
    }

    @Test
    void theWholeSuitesBarsAreFarEnoughApartForXChartToLabelEveryOne() {
        List<Ratio> all = RatioTarget.ALL.stream().map(t -> Ratio.unmeasured(t, "not run")).toList();
        CategoryChart chart = RatioChart.build(all);
        long targeted = RatioTarget.ALL.stream().filter(RatioTarget::hasTarget).count();
        assertEquals(targeted, chart.getSeries("n/a: not measured").getXData().size());
        // XChart drops a category's label when categories are closer than its tick spacing hint
        // (74 px by default: with the suite's rows it labelled every other or third bar).
        int hint = chart.getStyler().getXAxisTickMarkSpacingHint();
        double apart = chart.getWidth() / (double) targeted;
        assertTrue(apart > hint, "bars " + apart + " px apart, and a hint of " + hint + " px");
    }

    @Test
    void eachBarIsColouredByWhetherItsTargetWasMetMissedOrNotMeasured() {
        CategoryChart chart = RatioChart.build(rows());
        double[] met = chart.getSeries("met").getYData();
        double[] missed = chart.getSeries("missed").getYData();
        double[] notMeasured = chart.getSeries("n/a: not measured").getYData();
        boolean[] isMet = {false, true, false, true, false};
        boolean[] isMissed = {true, false, true, false, false};
        for (int i = 0; i < isMet.length; i++) {
            assertEquals(isMet[i], !Double.isNaN(met[i]), "met bar " + i);
            assertEquals(isMissed[i], !Double.isNaN(missed[i]), "missed bar " + i);
            assertEquals(i == 4, !Double.isNaN(notMeasured[i]), "n/a bar " + i);
        }
        assertEquals(RatioChart.MET, chart.getSeries("met").getFillColor());
        assertEquals(RatioChart.MISSED, chart.getSeries("missed").getFillColor());
        assertEquals(RatioChart.NOT_MEASURED, chart.getSeries("n/a: not measured").getFillColor());
    }

    @Test
    void aHigherIsBetterRowIsPlottedSoThatAMissIsAboveTheTargetLikeEveryOther() {
        CategoryChart chart = RatioChart.build(rows());
        double[] missed = chart.getSeries("missed").getYData();
        double[] met = chart.getSeries("met").getYData();
        assertEquals(Math.log10(3), missed[0], 1e-9, "6 against <= 2: three times over");
        assertEquals(Math.log10(2), missed[2], 1e-9, "0.45 against >= 0.9: half what it needs is a miss by 2, upwards");
        assertTrue(met[3] < 0, "1.8 against >= 0.9 is met, below the line");
        assertEquals(Math.log10(0.5), met[3], 1e-9);
    }

    @Test
    void theWhiskersSpanTheRowsForkRange() {
        CategorySeries whiskers = RatioChart.build(rows()).getSeries("fork range");
        double[] middle = whiskers.getYData();
        double[] half = whiskers.getExtraValues();
        assertEquals(Math.log10(2.5), middle[0] - half[0], 1e-9, "the fastest forks' 5 over <= 2");
        assertEquals(Math.log10(3.5), middle[0] + half[0], 1e-9, "the slowest forks' 7");
        assertEquals(Math.log10(0.9 / 0.5), middle[2] - half[2], 1e-9, ">= rows: the best fork is the low end");
        assertEquals(Math.log10(0.9 / 0.4), middle[2] + half[2], 1e-9);
        assertTrue(Double.isNaN(middle[1]), "a row with no range has no whisker");
    }

    @Test
    void aRunWithNoTargetedRowStillDrawsAChartSayingSo() {
        CategoryChart chart = RatioChart.build(List.of(new Ratio(INFO, 4, Double.NaN)));
        assertEquals("No row of this run has a target", chart.getTitle());
        assertNull(chart.getSeries("met"));
        assertNotNull(BitmapEncoder.getBufferedImage(chart));
    }
}
