package org.daxstore.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The 1, 5 and 15 minute load averages as {@code /proc/loadavg} gives them: other people build on
 * the machines this suite runs on, and a run beside them measures them as much as the code.
 * {@link #UNKNOWN} (NaN) where the file cannot be read.
 */
record LoadAverage(double one, double five, double fifteen) {
    static final LoadAverage UNKNOWN = new LoadAverage(Double.NaN, Double.NaN, Double.NaN);

    /** The machine's load averages now, or {@link #UNKNOWN}. */
    static LoadAverage now() {
        try {
            return parse(Files.readString(Path.of("/proc/loadavg")));
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** The first three fields of a {@code /proc/loadavg} line ({@code "1.77 1.36 2.21 3/456 789"}). */
    static LoadAverage parse(String line) {
        String[] fields = line.trim().split("\\s+");
        return new LoadAverage(Double.parseDouble(fields[0]), Double.parseDouble(fields[1]), Double.parseDouble(fields[2]));
    }

    boolean known() {
        return !Double.isNaN(one);
    }

    /** {@code "1.77, 1.36, 2.21"}, as {@code uptime} prints them, or {@code "unknown"}. */
    String text() {
        return known() ? String.format(Locale.ROOT, "%.2f, %.2f, %.2f", one, five, fifteen) : "unknown";
    }
}
