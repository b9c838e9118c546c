package org.daxstore.cli.workload.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.daxstore.cli.workload.JobResult;
import org.daxstore.cli.workload.LatencySummary;
import org.daxstore.cli.workload.RunResult;
import org.daxstore.cli.workload.ThreadResult;

/**
 * {@code --csv FILE}: a header, then a row per job ({@code thread} is {@code all}) followed by a
 * row per thread of a Java job ({@code thread} is its number). Columns as in the JSON; a failed
 * job has only its name, engine, grid point and {@code failure}.
 */
public final class CsvReport {
    static final List<String> HEADER = List.of("name", "engine", "rw", "bs", "threads", "thread", "ops", "seconds", "iops",
            "gb_per_s", "p50_ns", "p99_ns", "p99_9_ns", "max_ns", "mean_ns", "failure");

    private CsvReport() {
    }

    /**
     * Writes {@code run} to {@code out}.
     *
     * @throws IOException if {@code out} fails
     */
    public static void write(RunResult run, Writer out) throws IOException {
        out.write(String.join(",", HEADER) + "\n");
        String rw = run.spec().pattern().fioName();
        for (JobResult job : run.jobs()) {
            String prefix = Stream.of(quote(job.name()), job.engine(), rw, Integer.toString(job.point().blockSize()),
                    Integer.toString(job.point().threads())).collect(Collectors.joining(","));
            if (job.isFailed()) {
                out.write(prefix + ",all,,,,,,,,,," + quote(job.failure()) + "\n");
                continue;
            }
            out.write(prefix + ",all," + numbers(job.ops(), job.nanos(), job.iops(), job.gigabytesPerSecond(), job.latency()) + ",\n");
            for (ThreadResult thread : job.threads()) {
                out.write(prefix + "," + thread.index() + ","
                        + numbers(thread.ops(), thread.nanos(), thread.iops(), thread.gigabytesPerSecond(job.point().blockSize()), thread.latency()) + ",\n");
            }
        }
        out.flush();
    }

    private static String numbers(long ops, long nanos, double iops, double gbPerSecond, LatencySummary latency) {
        return String.format(Locale.ROOT, "%d,%.6f,%.1f,%.6f,%d,%d,%d,%d,%.1f", ops, nanos / 1e9, iops, gbPerSecond,
                latency.p50(), latency.p99(), latency.p999(), latency.max(), latency.mean());
    }

    /** A field as RFC 4180 wants it: in double quotes, doubled inside, when it holds a comma, a quote or a line break. */
    static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }
}
