package org.daxstore.bench;

import static org.daxstore.bench.TestResults.iteration;
import static org.daxstore.bench.TestResults.run;
import static org.daxstore.bench.TestResults.samples;
import static org.daxstore.bench.TestResults.throughput;
import static org.daxstore.bench.TestResults.timed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Each kind of row reads the result it names (a group method's percentile, a counter per
 * operation), in the report's units, with its fork range; a row not measured says why.
 */
class RowValuesTest {
    private static final RatioTarget HEAP = new RatioTarget("MapBench", "mapAndClose", "heapBytes", "", "", "", "<= 64 KiB", "");
    private static final RatioTarget TAIL = new RatioTarget("ContentionBench", "accessor", "p99", "accessorAlone", "p99", "",
            "<= 2", "");
    private static final RatioTarget LOAD = new RatioTarget("FaultPathBench", "viewLoad", "rawLoad", "32768", "<= 2");
    private static final RatioTarget BULK = new RatioTarget("BulkCopyBench", "viewRead", "rawRead", "", ">= 0.9");

    @Test
    void aCounterIsDividedByTheOperationsOfTheIterationsItWasCountedIn() {
        RunResult run = run("MapBench.mapAndClose", Mode.AverageTime, List.of(), List.of(
                iteration(10, new ScalarResult("heapBytes", 1000, "#", AggregationPolicy.SUM),
                        new ScalarResult(RowValues.FAILURES, 0, "#", AggregationPolicy.SUM)),
                iteration(30, new ScalarResult("heapBytes", 3000, "#", AggregationPolicy.SUM),
                        new ScalarResult(RowValues.FAILURES, 0, "#", AggregationPolicy.SUM))));
        Ratio row = new RowValues(List.of(run)).row(HEAP);
        assertEquals(100, row.value(), 1e-9, "4000 bytes over 40 operations");
        assertTrue(row.met());
    }

    @Test
    void aRunThatCountedFailuresGivesNoValueAndSaysWhy() {
        RunResult run = run("MapBench.mapAndClose", Mode.AverageTime, List.of(), List.of(
                iteration(10, new ScalarResult("heapBytes", 10, "#", AggregationPolicy.SUM),
                        new ScalarResult(RowValues.FAILURES, 10, "#", AggregationPolicy.SUM))));
        Ratio row = new RowValues(List.of(run), Map.of("MapBench.mapAndClose", "IllegalArgumentException: too big")).row(HEAP);
        assertTrue(Double.isNaN(row.value()), "a map that failed was not measured, however little it allocated");
        assertFalse(row.measured());
        assertFalse(row.missed(), "a row not measured is n/a, not a miss");
        assertEquals("n/a", row.metText());
        assertEquals("failed in this run: IllegalArgumentException: too big", row.unmeasured());
    }

    @Test
    void aGroupMethodsPercentileIsReadFromItsOwnResultNotTheGroups() {
        RunResult contended = run("ContentionBench.punching", Mode.SampleTime, List.of("accessor", "puncherAndRegrower"),
                List.of(iteration(1, samples(ResultRole.PRIMARY, "punching", 1000), samples(ResultRole.SECONDARY, "accessor", 40),
                        samples(ResultRole.SECONDARY, "puncherAndRegrower", 5000))));
        RunResult alone = run("ContentionBench.accessorAlone", Mode.SampleTime, List.of(),
                List.of(iteration(1, samples(ResultRole.PRIMARY, "accessorAlone", 10))));
        Ratio row = new RowValues(List.of(contended, alone)).row(TAIL);
        assertEquals(4, row.value(), 1e-9, "the accessor's 40 ns over the lone accessor's 10, not the group's 1000");
        assertTrue(row.missed());
        assertEquals("40.0 ns/op", row.numerator().text());
        assertEquals("21.6 ms/op", new Measure(21_554_266, 0, 0, "ns/op", "s/op", 1e-9).text(), "a long tail in a unit to read");
        assertEquals("9,999 ns/op", new Measure(9_999, 0, 0, "ns/op", "s/op", 1e-9).text());
    }

    @Test
    void aRowWhoseSideDidNotRunIsNotMeasured() {
        RunResult alone = run("ContentionBench.accessorAlone", Mode.SampleTime, List.of(),
                List.of(iteration(1, samples(ResultRole.PRIMARY, "accessorAlone", 10))));
        Ratio row = new RowValues(List.of(alone)).row(TAIL);
        assertTrue(Double.isNaN(row.value()));
        assertTrue(row.unmeasured().startsWith("accessor gave no result"), row.unmeasured());
    }

    @Test
    void aRowAtAParameterItsBenchmarkDidNotRunAtSaysWhereItRan() {
        RowValues values = new RowValues(List.of(timed("FaultPathBench.viewLoad", Map.of("span", "67108864"), 30),
                timed("FaultPathBench.rawLoad", Map.of("span", "67108864"), 8)));
        assertEquals("viewLoad ran only at 67108864, not at 32768", values.row(LOAD).unmeasured());
    }

    @Test
    void aSideTheRegexDidNotSelectIsNamed() {
        RowValues values = new RowValues(List.of(timed("FaultPathBench.viewLoad", Map.of("span", "32768"), 6)));
        RowSelection onlyViewLoad = new RowSelection(List.of("FaultPathBench.viewLoad"), List.of());
        assertEquals("rawLoad was not selected in this run", values.row(LOAD, onlyViewLoad).unmeasured());
    }

    @Test
    void aRatioCarriesBothSidesInTheirUnitsAndTheRangeOfItsForks() {
        RowValues values = new RowValues(List.of(timed("FaultPathBench.viewLoad", Map.of("span", "32768"), 5, 7),
                timed("FaultPathBench.rawLoad", Map.of("span", "32768"), 1, 1)));
        Ratio row = values.row(LOAD);
        assertEquals(6, row.value(), 1e-9);
        assertEquals("6.00 ns/op", row.numerator().text());
        assertEquals("1.00 ns/op", row.denominator().text());
        assertEquals(5, row.low(), 1e-9, "the fastest view fork over the slowest raw one");
        assertEquals(7, row.high(), 1e-9);
        assertEquals(1.4, row.spread(), 1e-9);
    }

    @Test
    void aBandwidthCountedInBytesIsInMegabytesASecondNotOpsPerMicrosecond() {
        RowValues values = new RowValues(List.of(throughput("BulkCopyBench.viewRead", 17_000),
                throughput("BulkCopyBench.rawRead", 20_000)));
        Ratio row = values.row(BULK);
        assertEquals("17,000 MB/s", row.numerator().text(), "a byte a microsecond is a MB/s");
        assertEquals("20,000 MB/s", row.denominator().text());
        assertEquals(0.85, row.value(), 1e-9);
        assertTrue(row.missed());
        assertEquals(0.9 / 0.85, row.overTarget(), 1e-9, "a higher-is-better row is off by the bound over the value");
    }

    @Test
    void aRunInAnotherModeThanTheTargetsIsNotMeasured() {
        RunResult view = throughput("FaultPathBench.viewLoad", 0.2);
        RunResult raw = throughput("FaultPathBench.rawLoad", 1);
        RatioTarget load = new RatioTarget("FaultPathBench", "viewLoad", "rawLoad", "", "<= 2");
        assertEquals("viewLoad ran in mode thrpt, its target is set for [avgt]",
                new RowValues(List.of(view, raw)).row(load).unmeasured(), "-bm thrpt would invert every <= row");
    }

    @Test
    void aNoteCanQuoteAnyResultOfTheRun() {
        RowValues values = new RowValues(List.of(timed("SeqtexBench.accessSectionRead", Map.of(), 2.3)));
        assertEquals("2.30 ns/op", values.scoreText("SeqtexBench.accessSectionRead"));
        assertEquals("n/a (seqtexRead gave no result (see the run's output for its error))",
                values.scoreText("SeqtexBench.seqtexRead"));
    }
}
