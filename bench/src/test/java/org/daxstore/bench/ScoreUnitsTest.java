package org.daxstore.bench;

import static org.daxstore.bench.TestResults.throughput;
import static org.daxstore.bench.TestResults.timed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;

/** A throughput means nothing until its operation is named; a bandwidth counted in bytes is MB/s, whatever its time unit. */
class ScoreUnitsTest {
    @Test
    void everyThroughputBenchmarkOfTheSuiteSaysWhatItsOperationIs() {
        List<String> unnamed = new ArrayList<>();
        for (Class<?> bench : BenchMain.suite()) {
            for (Method method : bench.getMethods()) {
                BenchmarkMode mode = method.getAnnotation(BenchmarkMode.class) != null ? method.getAnnotation(BenchmarkMode.class)
                        : bench.getAnnotation(BenchmarkMode.class);
                if (method.getAnnotation(Benchmark.class) != null && mode != null
                        && Arrays.asList(mode.value()).contains(Mode.Throughput)
                        && ScoreUnits.operation(bench, method.getName()).isEmpty()) {
                    unnamed.add(bench.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertTrue(unnamed.isEmpty(), "throughput benchmarks without @Operation: " + unnamed);
    }

    @Test
    void aByteABenchmarkIsABandwidth() {
        assertEquals("MB/s", ScoreUnits.unit(throughput("BulkCopyBench.viewRead", 17_000)));
        assertEquals("a byte copied, in 1 MiB chunks", ScoreUnits.operationText(throughput("BulkCopyBench.viewRead", 1)));
        Measure perMillisecond = ScoreUnits.measure(throughput("BulkCopyBench.viewRead", 1), "ops/ms", 5e6, 4e6, 6e6);
        assertEquals(5000, perMillisecond.value(), 1e-9, "5e6 bytes a millisecond are 5,000 MB/s");
        assertEquals("MB/s", perMillisecond.unit());
        Measure operations = ScoreUnits.measure(throughput("SeqtexBench.seqtexRead", 1), "ops/us", 3, 3, 3);
        assertEquals("ops/us", operations.unit(), "other throughputs keep JMH's unit");
        assertEquals(3e6, operations.base(), 1e-6);
        Measure time = ScoreUnits.measure(timed("SeqtexBench.seqtexRead", Map.of(), 1), "us/op", 2, 2, 2);
        assertEquals(2e-6, time.base(), 1e-15);
        assertTrue(time.comparableTo(new Measure(7, 7, 7, "ns/op", "s/op", 1e-9)), "times in two units still compare");
        assertEquals("a call", ScoreUnits.operationText(timed("SeqtexBench.seqtexRead", Map.of(), 1)));
    }
}
