package org.daxstore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;

/** The ratio table can only be trusted if every ratio names real benchmarks and every miss can be explained. */
class RatioTargetTest {
    @Test
    void everyRatioNamesTwoBenchmarksOfItsClassAtAParameterItRuns() throws Exception {
        for (RatioTarget target : RatioTarget.ALL) {
            Class<?> bench = Class.forName("org.daxstore.bench." + target.bench());
            assertTrue(BenchMain.suite().contains(bench), target.name() + ": " + target.bench() + " is not in the suite");
            checkSide(target, bench, target.numerator(), target.numeratorMetric());
            if (!target.isAbsolute()) {
                checkSide(target, bench, target.denominator(), target.denominatorMetric());
            }
            String[] param = target.param().split(",");
            assertTrue(target.param().isEmpty() || params(bench, SIZES).contains(param[0]),
                    target.name() + ": " + target.bench() + " runs no span, size, capacity or file size " + param[0]);
            if (param.length > 1) {
                assertTrue(param[1].endsWith("-blocks") && params(bench, List.of("blocks"))
                        .contains(param[1].substring(0, param[1].length() - "-blocks".length())),
                        target.name() + ": " + target.bench() + " runs no blocks " + param[1]);
            }
        }
    }

    /** A side is a benchmark of the class; a percentile, of a sampled one; a counter, a field of its @AuxCounters state. */
    private static void checkSide(RatioTarget target, Class<?> bench, String method, String metric) {
        Method m = Arrays.stream(bench.getMethods()).filter(x -> x.getName().equals(method)).findFirst()
                .orElseThrow(() -> new AssertionError(target.name() + ": no method " + method));
        assertNotNull(m.getAnnotation(Benchmark.class), target.name() + ": " + method + " is not a @Benchmark");
        if (!Double.isNaN(RatioTarget.percentile(metric))) {
            BenchmarkMode mode = bench.getAnnotation(BenchmarkMode.class);
            assertTrue(mode != null && Arrays.asList(mode.value()).contains(Mode.SampleTime),
                    target.name() + ": " + bench.getSimpleName() + " is not sampled, so it has no " + metric);
        } else if (RatioTarget.isCounter(metric)) {
            assertTrue(Arrays.stream(m.getParameterTypes()).anyMatch(state -> state.getAnnotation(AuxCounters.class) != null
                    && Arrays.stream(state.getFields()).anyMatch(f -> f.getName().equals(metric))),
                    target.name() + ": " + method + " takes no @AuxCounters state with a counter " + metric);
        }
    }

    private static final List<String> SIZES = List.of("span", "size", "capacity", "fileSize");

    /** The values of the {@code names} parameters of a benchmark class and its states. */
    private static Set<String> params(Class<?> bench, List<String> names) {
        Set<String> values = new HashSet<>();
        for (Field f : bench.getDeclaredFields()) {
            Param p = f.getAnnotation(Param.class);
            if (p != null && names.contains(f.getName())) {
                values.addAll(List.of(p.value()));
            }
        }
        for (Class<?> state : bench.getDeclaredClasses()) {
            values.addAll(params(state, names));
        }
        return values;
    }

    @Test
    void namesAreUnique() {
        Set<String> names = new HashSet<>();
        for (RatioTarget target : RatioTarget.ALL) {
            assertTrue(names.add(target.name()), "two ratios are named " + target.name());
        }
    }

    @Test
    void everyTargetHasANoteOnWhyItCanBeMissedAndWhatWouldCloseIt() {
        MissNotes notes = MissNotes.load();
        for (RatioTarget target : RatioTarget.ALL) {
            if (target.hasTarget()) {
                assertNotNull(notes.why(target.name()), target.name() + ".why is missing from misses.properties");
                assertNotNull(notes.close(target.name()), target.name() + ".close is missing from misses.properties");
            }
        }
    }

    @Test
    void everyNoteBelongsToATargetAndFitsInATableCell() {
        MissNotes notes = MissNotes.load();
        Set<String> keys = new HashSet<>();
        for (RatioTarget target : RatioTarget.ALL) {
            if (target.hasTarget()) {
                keys.add(target.name() + ".why");
                keys.add(target.name() + ".close");
            }
        }
        for (String key : notes.keys()) {
            assertTrue(keys.contains(key), key + " in misses.properties names no targeted ratio");
            String text = notes.note(key);
            assertFalse(text.contains("|") || text.contains("\n"), key + " would break the Markdown table");
        }
    }

    /**
     * Sizes a note may write out: constants of the suite or the format, not measurements (each is
     * a parameter or a constant of the code it names). Anything else that looks like a number with
     * a unit, or a decimal (a ratio), is a measurement of some older run and goes stale: it must be a
     * placeholder filled from the run's own results.
     */
    private static final Set<String> CONSTANTS = Set.of(
            "4 KiB", // the default block size and the page size
            "2 MiB", // the huge block size; a leaf of the view's table covers 512 pages of 4 KiB
            "32 KiB", "64 MiB", // FaultPathBench's spans
            "64 B", // IoCompareBench's small size
            "256 KiB", // the bulk copy's section bound (FAULT-PATH.md, "Bulk copies")
            "1 MiB", // BlockAllocator.WARM_POOL_BYTES, BulkCopyBench.CHUNK
            "1 TiB", "1 GiB", // MapBench's map length and file size
            "16 GiB", // OpenBench's capacity
            "8-byte", "8 bytes"); // a translation entry of the view's table

    private static final Pattern MEASUREMENT = Pattern.compile(
            "(?<![\\w.])\\d[\\d,]*(?:\\.\\d+)?[ -]?(?:ns|us|µs|ms|s|min|B|bytes?|KiB|MiB|GiB|TiB|kB|KB|MB|GB|MB/s|GB/s|%)(?!\\w)"
                    + "|(?<![\\w.])\\d+\\.\\d+(?![\\w.])");

    @Test
    void noNoteQuotesAMeasurement() {
        MissNotes notes = MissNotes.load();
        List<String> found = new ArrayList<>();
        for (String key : notes.keys()) {
            String text = notes.note(key);
            Matcher m = MEASUREMENT.matcher(text);
            while (m.find()) {
                if (!CONSTANTS.contains(m.group())) {
                    found.add(key + ": \"" + m.group() + "\"");
                }
            }
        }
        assertTrue(found.isEmpty(), "notes quote measurements instead of placeholders: " + found);
    }

    @Test
    void theMeasurementPatternCatchesNumbersWithUnitsAndRatios() {
        for (String stale : List.of("took 10.5 to 7.6 ns", "about 20 ns", "11 us", "68 to 87%", "16 to 25 GB/s", "0.94",
                "2.033 MiB")) {
            assertTrue(MEASUREMENT.matcher(stale).find(), stale);
        }
        for (String fine : List.of("issue 12", "p99.9", "d51bb84", "512 blocks", "2^21 pages", "{numerator}")) {
            assertFalse(MEASUREMENT.matcher(fine).find(), fine);
        }
    }

    @Test
    void everyPlaceholderOfEveryNoteIsKnownAndFilled() {
        MissNotes notes = MissNotes.load();
        RatioTarget target = new RatioTarget("FaultPathBench", "viewLoad", "rawLoad", "32768", "<= 2");
        Measure view = new Measure(6, 5, 7, "ns/op", "s/op", 1e-9);
        Measure raw = new Measure(1, 1, 1, "ns/op", "s/op", 1e-9);
        Ratio row = new Ratio(target, 6, 1.4, view, raw, 5, 7, null);
        for (String key : notes.keys()) {
            String text = notes.note(key);
            Set<String> used = MissNotes.placeholders(text);
            assertTrue(MissNotes.PLACEHOLDERS.containsAll(used), key + " uses an unknown placeholder: " + used);
            String filled = MissNotes.fill(text, row, spec -> "SCORE(" + spec + ")");
            assertFalse(filled.contains("{"), key + " left a placeholder unfilled: " + filled);
        }
        assertEquals("6.00 ns/op against 1.00 ns/op: 5.00 ns/op more, 3.00x over <= 2, spread 1.40, SCORE(X.y@1)",
                MissNotes.fill("{numerator} against {denominator}: {difference} more, {offBy} over {target}, spread {spread}, "
                        + "{score:X.y@1}", row, spec -> "SCORE(" + spec + ")"));
    }

    @Test
    void boundsReadBothWays() {
        RatioTarget atMost = new RatioTarget("X", "a", "b", "", "<= 1.5");
        assertTrue(atMost.met(1.5));
        assertFalse(atMost.met(1.6));
        assertEquals(4.0, atMost.overTarget(6.0), 1e-9);
        RatioTarget atLeast = new RatioTarget("X", "a", "b", "", ">= 0.9");
        assertTrue(atLeast.met(0.95));
        assertFalse(atLeast.met(0.45));
        assertEquals(2.0, atLeast.overTarget(0.45), 1e-9);
        assertFalse(atMost.met(Double.NaN), "a ratio that was not measured is not met");
        assertFalse(new RatioTarget("X", "a", "b", "", "").met(0.1), "an informative row meets nothing");
    }

    @Test
    void aTimeInSecondsHasNoDenominatorAndABoundWithItsUnit() {
        RatioTarget open = new RatioTarget("OpenBench", "openAndClose", "", "16g", "<= 1 s");
        assertTrue(open.isAbsolute());
        assertEquals("Open.openAndClose@16g", open.name());
        assertTrue(open.met(0.2));
        assertFalse(open.met(1.2));
        assertEquals(2.0, open.overTarget(2.0), 1e-9);
        assertEquals("<= 1 s", open.boundText());
        assertEquals("0.200 s", open.valueText(0.2));
    }

    @Test
    void anAbsoluteBoundIsReadInItsUnitAndTheValueShownInIt() {
        RatioTarget map = new RatioTarget("MapBench", "mapAndClose", "", "", "", "", "<= 1 ms", "");
        assertTrue(map.met(0.9e-3), "0.9 ms is under 1 ms");
        assertFalse(map.met(1.1e-3));
        assertEquals(2.0, map.overTarget(2e-3), 1e-9);
        assertEquals("0.900 ms", map.valueText(0.9e-3));
        RatioTarget heap = new RatioTarget("MapBench", "mapAndClose", "heapBytes", "", "", "", "<= 64 KiB", "");
        assertEquals("Map.mapAndClose[heapBytes]", heap.name());
        assertTrue(heap.met(65536));
        assertFalse(heap.met(65537));
        assertEquals("2.000 KiB", heap.valueText(2048));
        RatioTarget translation = new RatioTarget("MapBench", "touchFragmented", "translationBytes", "", "", "1g",
                "<= 2 MiB", "");
        assertEquals(2.0, translation.overTarget(4 << 20), 1e-9);
        assertThrows(IllegalArgumentException.class,
                () -> new RatioTarget("X", "a", "c", "", "", "", "<= 1 parsec", "").met(1), "an unknown unit is refused");
    }

    @Test
    void aPercentileRowNamesBothSidesPercentiles() {
        RatioTarget tail = new RatioTarget("ContentionBench", "accessor", "p99.9", "accessorAlone", "p99", "", "<= 10", "");
        assertEquals("Contention.accessor[p99.9]/accessorAlone[p99]", tail.name());
        assertEquals(99.9, RatioTarget.percentile("p99.9"), 1e-9);
        assertEquals(50, RatioTarget.percentile("p50"), 1e-9);
        assertTrue(Double.isNaN(RatioTarget.percentile("")));
        assertTrue(RatioTarget.isCounter("heapBytes"));
        assertFalse(RatioTarget.isCounter("p99"));
        assertFalse(RatioTarget.isCounter(""));
        assertEquals("12.000", tail.valueText(12), "a ratio has no unit");
    }

    @Test
    void anEarlierStricterBoundIsShownButTheRowIsJudgedByItsOwn() {
        RatioTarget load = new RatioTarget("FaultPathBench", "viewLoad", "", "rawLoad", "", "32768", "<= 2", "<= 1.5");
        assertTrue(load.met(1.8));
        assertEquals("<= 2 (earlier <= 1.5)", load.boundText());
    }

    @Test
    void aRatioIsUnsteadyWhenOneSidesForksDisagreeByMoreThanHalf() {
        RatioTarget target = new RatioTarget("X", "a", "b", "", "<= 1");
        assertFalse(new Ratio(target, 0.5, 1.2).unsteady());
        assertTrue(new Ratio(target, 0.5, 2.0).unsteady());
        assertFalse(new Ratio(target, Double.NaN, Double.NaN).unsteady(), "an unmeasured ratio has no spread");
    }
}
