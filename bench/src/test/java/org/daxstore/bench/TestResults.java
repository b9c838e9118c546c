package org.daxstore.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.AverageTimeResult;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.IterationResultMetaData;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.SampleTimeResult;
import org.openjdk.jmh.results.ThroughputResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.SampleBuffer;

/** Results built by hand, as JMH's runner returns them, for the tests of the report. */
final class TestResults {
    private TestResults() {
    }

    /** One measured iteration of {@code operations}; with no primary result among {@code results}, one of 1 us an operation. */
    record Iteration(long operations, Result... results) {
    }

    static Iteration iteration(long operations, Result... results) {
        return new Iteration(operations, results);
    }

    /** An AverageTime run in ns/op, one iteration of {@code nanos} an operation per fork. */
    static RunResult timed(String benchmark, Map<String, String> params, double... nanosPerFork) {
        List<List<Iteration>> forks = new ArrayList<>();
        for (double nanos : nanosPerFork) {
            forks.add(List.of(iteration(1000,
                    new AverageTimeResult(ResultRole.PRIMARY, benchmark, 1000, Math.round(nanos * 1000), TimeUnit.NANOSECONDS))));
        }
        return run(benchmark, Mode.AverageTime, TimeUnit.NANOSECONDS, List.of(), params, forks);
    }

    /** A Throughput run in ops/us, one iteration of 1 s per fork with {@code opsPerMicrosecond}. */
    static RunResult throughput(String benchmark, double... opsPerMicrosecond) {
        List<List<Iteration>> forks = new ArrayList<>();
        for (double rate : opsPerMicrosecond) {
            long operations = Math.round(rate * 1e6);
            forks.add(List.of(iteration(operations,
                    new ThroughputResult(ResultRole.PRIMARY, benchmark, operations, 1_000_000_000L, TimeUnit.MICROSECONDS))));
        }
        return run(benchmark, Mode.Throughput, TimeUnit.MICROSECONDS, List.of(), Map.of(), forks);
    }

    /** A sampled result of 100 samples of {@code nanos} each. */
    static SampleTimeResult samples(ResultRole role, String label, long nanos) {
        SampleBuffer buffer = new SampleBuffer();
        for (int i = 0; i < 100; i++) {
            buffer.add(nanos);
        }
        return new SampleTimeResult(role, label, buffer, TimeUnit.NANOSECONDS);
    }

    /** A run of one fork in ns. */
    static RunResult run(String benchmark, Mode mode, List<String> groupLabels, List<Iteration> iterations) {
        return run(benchmark, mode, TimeUnit.NANOSECONDS, groupLabels, Map.of(), List.of(iterations));
    }

    /** A run of {@code org.daxstore.bench.<benchmark>} with one {@link BenchmarkResult} per fork. */
    static RunResult run(String benchmark, Mode mode, TimeUnit unit, List<String> groupLabels, Map<String, String> params,
            List<List<Iteration>> forks) {
        IterationParams measured = new IterationParams(IterationType.MEASUREMENT, 1, TimeValue.seconds(1), 1);
        IterationParams warmup = new IterationParams(IterationType.WARMUP, 0, TimeValue.seconds(1), 1);
        WorkloadParams workload = new WorkloadParams();
        int order = 0;
        for (Map.Entry<String, String> param : params.entrySet()) {
            workload.put(param.getKey(), param.getValue(), order++);
        }
        BenchmarkParams benchmarkParams = new BenchmarkParams("org.daxstore.bench." + benchmark, "generated", false, 1,
                new int[] {1}, groupLabels, forks.size(), 0, warmup, measured, mode, workload, unit, 1, "java", List.of(), "17",
                "vm", "17", "1.37", TimeValue.minutes(1));
        List<BenchmarkResult> results = new ArrayList<>();
        for (List<Iteration> fork : forks) {
            List<IterationResult> iterations = new ArrayList<>();
            for (Iteration it : fork) {
                IterationResult result = new IterationResult(benchmarkParams, measured,
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
                iterations.add(result);
            }
            results.add(new BenchmarkResult(benchmarkParams, iterations));
        }
        return new RunResult(benchmarkParams, results);
    }
}
