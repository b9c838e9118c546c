package org.daxstore.cli.workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The system's load average over 1, 5 and 15 minutes ({@code /proc/loadavg}), quoted before and
 * after every run: on a shared machine it says how far to trust the numbers between.
 */
public final class LoadAverage {
    private static final Path PROC = Path.of("/proc/loadavg");

    private LoadAverage() {
    }

    /** The three averages now; empty where {@code /proc/loadavg} cannot be read. */
    public static List<Double> now() {
        try {
            String[] fields = Files.readString(PROC).trim().split("\\s+");
            return Stream.of(fields).limit(3).map(Double::valueOf).toList();
        } catch (IOException | RuntimeException unreadable) {
            return List.of();
        }
    }

    /** As {@code uptime} prints them: {@code 1.20 0.95 0.80}, or {@code unknown}. */
    public static String text(List<Double> averages) {
        return averages.isEmpty() ? "unknown"
                : averages.stream().map(a -> String.format(Locale.ROOT, "%.2f", a)).collect(Collectors.joining(" "));
    }
}
