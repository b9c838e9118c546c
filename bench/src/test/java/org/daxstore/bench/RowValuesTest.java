package org.daxstore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.AverageTimeResult;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.IterationResultMetaData;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.SampleTimeResult;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.SampleBuffer;

/** Each kind of row reads the result it names: a group method's percentile, a counter per operation, a failed run as n/a. */
class RowValuesTest {
    private static final RatioTarget HEAP = new RatioTarget("MapBench", "mapAndClose", "heapBytes", "", "", "", "<= 64 KiB", "");
    private static final RatioTarget TAIL = new RatioTarget("ContentionBench", "accessor", "p99", "accessorAlone", "p99", "",
            "<= 2", "");

    @Test
    void aCounterIsDividedByTheOperationsOfTheIterationsItWasCountedIn() {
        RunResult run = run("MapBench.mapAndClose", Mode.AverageTime, List.of(), List.of(
                iteration(10, new ScalarResult("heapBytes", 1000, "#", AggregationPolicy.SUM),
                        new ScalarResult(RowValues.FAILURES, 0, "#", AggregationPolicy.SUM)),
                iteration(30, new ScalarResult("heapBytes", 3000, "#", AggregationPolicy.SUM),
                        new ScalarResult(RowValues.FAILURES, 0, "#", AggregationPolicy.SUM))));
        Report.Ratio row = new RowValues(List.of(run)).row(HEAP);
        assertEquals(100, row.value(), 1e-9, "4000 bytes over 40 operations");
        assertTrue(row.met());
    }

    @Test
    void aRunThatCountedFailuresGivesNoValue() {
        RunResult run = run("MapBench.mapAndClose", Mode.AverageTime, List.of(), List.of(
                iteration(10, new ScalarResult("heapBytes", 10, "#", AggregationPolicy.SUM),
                        new ScalarResult(RowValues.FAILURES, 10, "#", AggregationPolicy.SUM))));
        Report.Ratio row = new RowValues(List.of(run)).row(HEAP);
        assertTrue(Double.isNaN(row.value()), "a map that failed was not measured, however little it allocated");
        assertTrue(row.missed());
    }

    @Test
    void aGroupMethodsPercentileIsReadFromItsOwnResultNotTheGroups() {
        RunResult contended = run("ContentionBench.punching", Mode.SampleTime, List.of("accessor", "puncherAndRegrower"),
                List.of(iteration(1, samples(ResultRole.PRIMARY, "punching", 1000), samples(ResultRole.SECONDARY, "accessor", 40),
                        samples(ResultRole.SECONDARY, "puncherAndRegrower", 5000))));
        RunResult alone = run("ContentionBench.accessorAlone", Mode.SampleTime, List.of(),
                List.of(iteration(1, samples(ResultRole.PRIMARY, "accessorAlone", 10))));
        Report.Ratio row = new RowValues(List.of(contended, alone)).row(TAIL);
        assertEquals(4, row.value(), 1e-9, "the accessor's 40 ns over the lone accessor's 10, not the group's 1000");
        assertTrue(row.missed());
    }

    @Test
    void aRowWhoseSideDidNotRunIsNotMeasured() {
        RunResult alone = run("ContentionBench.accessorAlone", Mode.SampleTime, List.of(),
                List.of(iteration(1, samples(ResultRole.PRIMARY, "accessorAlone", 10))));
        assertTrue(Double.isNaN(new RowValues(List.of(alone)).row(TAIL).value()));
    }

    /** A sampled result of 100 samples of {@code nanos} each. */
    private static SampleTimeResult samples(ResultRole role, String label, long nanos) {
        SampleBuffer buffer = new SampleBuffer();
        for (int i = 0; i < 100; i++) {
            buffer.add(nanos);
        }
        return new SampleTimeResult(role, label, buffer, TimeUnit.NANOSECONDS);
    }

    /** One measured iteration of {@code operations}, with a primary result of 1 us an operation unless given. */
    private static Iteration iteration(long operations, Result... results) {
        return new Iteration(operations, results);
    }

    private record Iteration(long operations, Result[] results) {
    }

    private static RunResult run(String benchmark, Mode mode, List<String> groupLabels, List<Iteration> iterations) {
        IterationParams measured = new IterationParams(IterationType.MEASUREMENT, 1, TimeValue.seconds(1), 1);
        IterationParams warmup = new IterationParams(IterationType.WARMUP, 0, TimeValue.seconds(1), 1);
        BenchmarkParams params = new BenchmarkParams("org.daxstore.bench." + benchmark, "generated", false, 1, new int[] {1},
                groupLabels, 1, 0, warmup, measured, mode, new WorkloadParams(), TimeUnit.NANOSECONDS, 1, "java",
                List.of(), "17", "vm", "17", "1.37", TimeValue.minutes(1));
        List<IterationResult> results = new ArrayList<>();
        for (Iteration it : iterations) {
            IterationResult result = new IterationResult(params, measured,
                    new IterationResultMetaData(it.operations(), it.operations()));
            boolean primary = false;
            for (Result r : it.results()) {
                primary |= r.getRole() == ResultRole.PRIMARY;
            }
            if (!primary) {
                result.addResult(new AverageTimeResult(ResultRole.PRIMARY, benchmark, it.operations(),
                        it.operations() * 1000, TimeUnit.NANOSECONDS));
            }
            for (Result r : it.results()) {
                result.addResult(r);
            }
            results.add(result);
        }
        return new RunResult(params, List.of(new BenchmarkResult(params, results)));
    }
}
