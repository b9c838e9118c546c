package org.daxstore.cli.workload.report;

import java.io.PrintWriter;
import java.util.Locale;

import org.daxstore.cli.workload.GridPoint;
import org.daxstore.cli.workload.JobResult;
import org.daxstore.cli.workload.LatencySummary;
import org.daxstore.cli.workload.LoadAverage;
import org.daxstore.cli.workload.RunResult;
import org.daxstore.cli.workload.Units;
import org.daxstore.cli.workload.WorkloadSpec;
import org.daxstore.fs.FileNames;

/**
 * The table a person reads: what ran and in what conditions, then a row per job (all its
 * threads together), a blank line between grid points, then the notes and the load average
 * after. Latencies carry their unit; GB/s is decimal (10^9 bytes), as fio's.
 */
public final class TextReport {
    private static final String ROW = "%-20s %5s %7s %13s %8s %10s %10s %10s %10s%n";

    private TextReport() {
    }

    /** Writes the report of {@code run} to {@code out}. */
    public static void write(RunResult run, PrintWriter out) {
        WorkloadSpec spec = run.spec();
        out.println("workload: " + spec.pattern().fioName() + (spec.pattern().mixes() ? " (" + spec.readPercent() + "% reads)" : "")
                + ", " + Units.bytes(spec.size()) + " per file, " + duration(spec) + ", persist " + spec.persistence().text()
                + ", seed " + spec.seed());
        // The user's paths (the directory; in notes and failures too) print escaped, as every
        // command prints them (the tool's DisplayNames.line), so that a newline or an escape
        // sequence in one cannot split a line or reach the terminal.
        out.println(printable("in " + run.directory() + " (" + run.fileSystem() + ")"
                + (run.medium() != null ? "; daxstore's medium: " + run.medium() : "")));
        out.println("load average before: " + LoadAverage.text(run.loadBefore()) + " (" + run.cpus() + " CPUs); "
                + run.jvm());
        out.println(String.format(Locale.ROOT, "timing: the loop's own cost, %d ns an operation here (one System.nanoTime"
                + " of it: %.1f ns), is inside every Java latency and IOPS below; fio's latency is its engine's call alone",
                run.loopNanos(), run.timerNanos()));
        out.println(spec.pretouch() ? "pretouch: every page written through each job's own path before its first job"
                : "no pretouch: each job starts on fresh, sparse files, and its first touches are measured");
        GridPoint previous = null;
        for (JobResult job : run.jobs()) {
            if (!job.point().equals(previous)) {
                out.println();
                out.printf(Locale.ROOT, ROW, "job", "bs", "threads", "IOPS", "GB/s", "p50", "p99", "p99.9", "max");
                previous = job.point();
            }
            row(job, out);
        }
        if (!run.notes().isEmpty()) {
            out.println();
            run.notes().forEach(note -> out.println(printable(note)));
        }
        out.println("load average after: " + LoadAverage.text(run.loadAfter()));
        out.flush();
    }

    private static void row(JobResult job, PrintWriter out) {
        String bs = Units.option(job.point().blockSize());
        String threads = Integer.toString(job.point().threads());
        if (job.isFailed()) {
            out.printf(Locale.ROOT, "%-20s %5s %7s  failed: %s%n", job.name(), bs, threads, printable(job.failure()));
            return;
        }
        LatencySummary latency = job.latency();
        out.printf(Locale.ROOT, ROW, job.name(), bs, threads, Units.count(job.iops()),
                String.format(Locale.ROOT, "%.3f", job.gigabytesPerSecond()), Units.nanos(latency.p50()),
                Units.nanos(latency.p99()), Units.nanos(latency.p999()), Units.nanos(latency.max()));
    }

    /** {@code text} with every character that would not print as itself as {@code \}{@code uXXXX}. */
    private static String printable(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (FileNames.printsAsSomethingElse(c)) {
                shown.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else {
                shown.append(c);
            }
        }
        return shown.toString();
    }

    private static String duration(WorkloadSpec spec) {
        String warmup = spec.warmup().isZero() ? "" : " after a " + seconds(spec.warmup().toNanos()) + " warm-up";
        return (spec.timed() ? seconds(spec.time().toNanos()) + " a job" : Units.count(spec.opsPerThread()) + " operations a thread")
                + warmup;
    }

    private static String seconds(long nanos) {
        return new java.math.BigDecimal(nanos).movePointLeft(9).stripTrailingZeros().toPlainString() + " s";
    }
}
