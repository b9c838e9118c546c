package org.daxstore.bench;

import java.util.Arrays;
import java.util.Optional;

import org.openjdk.jmh.results.RunResult;

/**
 * The unit the report shows a score in. JMH's own ({@code "ns/op"}, {@code "ops/us"}) is right for
 * a time per operation, but a throughput names no operation: a benchmark says what one is with
 * {@link Operation}, and one whose operation is a byte ({@code BulkCopyBench}) is a bandwidth,
 * shown in MB/s (10^6 bytes a second) whatever {@code @OutputTimeUnit} it ran with.
 */
final class ScoreUnits {
    private ScoreUnits() {
    }

    /** {@code value}, {@code low} and {@code high}, in JMH's {@code jmhUnit} for {@code run}, in the report's unit. */
    static Measure measure(RunResult run, String jmhUnit, double value, double low, double high) {
        int slash = jmhUnit.indexOf('/');
        double time = slash < 0 ? Double.NaN : seconds(jmhUnit.substring(slash + 1));
        if (jmhUnit.startsWith("ops/") && !Double.isNaN(time)) {
            if (operation(run).map(Operation::isByte).orElse(false)) {
                double toMegabytes = 1 / time / 1e6;
                return new Measure(value * toMegabytes, low * toMegabytes, high * toMegabytes, "MB/s", "MB/s", 1);
            }
            return new Measure(value, low, high, jmhUnit, "ops/s", 1 / time);
        }
        double perOp = slash < 0 ? Double.NaN : seconds(jmhUnit.substring(0, slash));
        if (jmhUnit.endsWith("/op") && !Double.isNaN(perOp)) {
            return new Measure(value, low, high, jmhUnit, "s/op", perOp);
        }
        return new Measure(value, low, high, jmhUnit, jmhUnit, 1);
    }

    /** A JMH time unit in seconds, NaN if it is none. */
    private static double seconds(String unit) {
        return switch (unit) {
            case "ns" -> 1e-9;
            case "us" -> 1e-6;
            case "ms" -> 1e-3;
            case "s" -> 1;
            case "min" -> 60;
            default -> Double.NaN;
        };
    }

    /** The score's unit as the report's tables show it: {@code "MB/s"} for a benchmark whose operation is a byte. */
    static String unit(RunResult run) {
        return measure(run, run.getPrimaryResult().getScoreUnit(), 0, 0, 0).unit();
    }

    /** The factor from JMH's score to the report's: 1 except for a bandwidth counted in bytes. */
    static double scale(RunResult run) {
        return measure(run, run.getPrimaryResult().getScoreUnit(), 1, 1, 1).value();
    }

    /**
     * What one operation of the run is, in words: its {@link Operation}, else "a call" of the
     * benchmark method, or the share of one that {@code @OperationsPerInvocation} makes it.
     */
    static String operationText(RunResult run) {
        Optional<Operation> declared = operation(run);
        if (declared.isPresent()) {
            return declared.get().value();
        }
        int perCall = run.getParams().getOpsPerInvocation();
        return perCall == 1 ? "a call" : "1/" + perCall + " of a call";
    }

    /** The run's {@link Operation}: on its method (a group's first method), else on its class; empty if neither has one. */
    static Optional<Operation> operation(RunResult run) {
        String benchmark = run.getParams().getBenchmark();
        int dot = benchmark.lastIndexOf('.');
        Class<?> bench;
        try {
            bench = Class.forName(benchmark.substring(0, dot));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
        return operation(bench, benchmark.substring(dot + 1));
    }

    /** The {@link Operation} of {@code name} (a method, or a {@code @Group}) of {@code bench}, else of the class. */
    static Optional<Operation> operation(Class<?> bench, String name) {
        return Arrays.stream(bench.getMethods())
                .filter(m -> m.getName().equals(name) || RowSelection.group(m).equals(name))
                .map(m -> m.getAnnotation(Operation.class)).filter(a -> a != null).findFirst()
                .or(() -> Optional.ofNullable(bench.getAnnotation(Operation.class)));
    }
}
