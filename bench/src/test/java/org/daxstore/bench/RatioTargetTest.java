package org.daxstore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
            String text = key.endsWith(".why") ? notes.why(key.substring(0, key.length() - 4))
                    : notes.close(key.substring(0, key.length() - 6));
            assertFalse(text.contains("|") || text.contains("\n"), key + " would break the Markdown table");
        }
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
        assertFalse(new Report.Ratio(target, 0.5, 1.2).unsteady());
        assertTrue(new Report.Ratio(target, 0.5, 2.0).unsteady());
        assertFalse(new Report.Ratio(target, Double.NaN, Double.NaN).unsteady(), "an unmeasured ratio has no spread");
    }
}
