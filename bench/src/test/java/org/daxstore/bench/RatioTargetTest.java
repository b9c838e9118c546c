package org.daxstore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/** The ratio table can only be trusted if every ratio names real benchmarks and every miss can be explained. */
class RatioTargetTest {
    @Test
    void everyRatioNamesTwoBenchmarksOfItsClassAtAParameterItRuns() throws Exception {
        for (RatioTarget target : RatioTarget.ALL) {
            Class<?> bench = Class.forName("org.daxstore.bench." + target.bench());
            assertTrue(BenchMain.suite().contains(bench), target.name() + ": " + target.bench() + " is not in the suite");
            for (String method : target.isSeconds() ? List.of(target.numerator())
                    : List.of(target.numerator(), target.denominator())) {
                Method m = Arrays.stream(bench.getMethods()).filter(x -> x.getName().equals(method)).findFirst()
                        .orElseThrow(() -> new AssertionError(target.name() + ": no method " + method));
                assertNotNull(m.getAnnotation(Benchmark.class), target.name() + ": " + method + " is not a @Benchmark");
            }
            assertTrue(target.param().isEmpty() || sizeParams(bench).contains(target.param()),
                    target.name() + ": " + target.bench() + " runs no span, size or capacity " + target.param());
        }
    }

    private static Set<String> sizeParams(Class<?> bench) {
        Set<String> values = new HashSet<>();
        for (Field f : bench.getDeclaredFields()) {
            Param p = f.getAnnotation(Param.class);
            if (p != null && List.of("span", "size", "capacity").contains(f.getName())) {
                values.addAll(List.of(p.value()));
            }
        }
        for (Class<?> state : bench.getDeclaredClasses()) {
            values.addAll(sizeParams(state));
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
        assertTrue(open.isSeconds());
        assertEquals("Open.openAndClose@16g", open.name());
        assertTrue(open.met(0.2));
        assertFalse(open.met(1.2));
        assertEquals(2.0, open.overTarget(2.0), 1e-9);
        assertEquals("<= 1 s", open.boundText());
    }

    @Test
    void aRatioIsUnsteadyWhenOneSidesForksDisagreeByMoreThanHalf() {
        RatioTarget target = new RatioTarget("X", "a", "b", "", "<= 1");
        assertFalse(new Report.Ratio(target, 0.5, 1.2).unsteady());
        assertTrue(new Report.Ratio(target, 0.5, 2.0).unsteady());
        assertFalse(new Report.Ratio(target, Double.NaN, Double.NaN).unsteady(), "an unmeasured ratio has no spread");
    }
}
