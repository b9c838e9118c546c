package org.daxstore.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether a run's machine was quiet enough for its ratios to mean something: the higher of the
 * 1-minute load averages before and after the run, against {@value #PER_CORE} runnable tasks per
 * core. Above that, the benchmark threads waited for a core often enough that same-run ratios too
 * moved by factors between runs (docs/BENCHMARKS.md has examples), so the report, ratios.txt and
 * the printed table say at their top that the ratios are unreliable.
 */
record LoadVerdict(LoadAverage before, LoadAverage after, int cores) {
    /** Runnable tasks per core above which a run's ratios are unreliable. */
    static final double PER_CORE = 1.5;

    /** The load the run is judged by: the higher 1-minute average, NaN if neither is known. */
    double judged() {
        if (!before.known()) {
            return after.one();
        }
        return after.known() ? Math.max(before.one(), after.one()) : before.one();
    }

    /** The load above which the run is unreliable on this machine. */
    double limit() {
        return PER_CORE * cores;
    }

    /** True if the run's load was above {@link #limit()}; a load nobody could read is not judged. */
    boolean unreliable() {
        return judged() > limit();
    }

    /** The load averages in one sentence, with the verdict. */
    String text() {
        String loads = "load average (1, 5, 15 min) before " + before.text() + ", after " + after.text();
        String limit = String.format(Locale.ROOT, "%.1f per core, %.1f on %d cores", PER_CORE, limit(), cores);
        if (Double.isNaN(judged())) {
            return "The load average could not be read: the run is not judged (" + loads + ").";
        }
        String judged = String.format(Locale.ROOT, "%.2f", judged());
        return unreliable()
                ? "UNRELIABLE: the load average (" + judged + ") was above " + limit
                        + ": other work competed for the cores, and this run's ratios are unreliable (" + loads + ")."
                : "The load average (" + judged + ") was within " + limit + " (" + loads + ").";
    }

    /**
     * The CPUs the kernel runs tasks on, which the load average counts its tasks over: from
     * {@code /sys/devices/system/cpu/online} ({@code "0-1"}, {@code "0-3,6"}), else what the JVM
     * sees.
     */
    static int onlineCpus() {
        try {
            return countCpus(Files.readString(Path.of("/sys/devices/system/cpu/online")));
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    /** The CPUs in a kernel CPU list: {@code "0-1"} is 2, {@code "0-3,6"} 5. */
    static int countCpus(String list) {
        int count = 0;
        for (String range : list.trim().split(",")) {
            String[] ends = range.split("-");
            count += ends.length == 1 ? 1 : Integer.parseInt(ends[1]) - Integer.parseInt(ends[0]) + 1;
        }
        return count;
    }
}
