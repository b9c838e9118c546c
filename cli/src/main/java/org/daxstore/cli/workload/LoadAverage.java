package org.daxstore.cli.workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The system's load average over 1, 5 and 15 minutes ({@code /proc/loadavg}), quoted before and
 * after every run: on a shared machine it says how far to trust the numbers between.
 */
public final class LoadAverage {
    private static final Path PROC = Path.of("/proc/loadavg");
    /** Above this many runnable tasks a CPU, the jobs share their CPUs with others (and the JIT with them). */
    static final double BUSY_PER_CPU = 1.5;

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

    /**
     * A warning when the one-minute average before or after a run was above
     * {@value #BUSY_PER_CPU} a CPU: the jobs then ran beside other work, and so did the JIT that
     * compiles their loops during the warm-up, so their numbers say as much about the machine;
     * compare jobs of the same run only, and prefer a quiet machine or a longer warm-up.
     */
    static Optional<String> busy(List<Double> before, List<Double> after, int cpus) {
        double worst = Math.max(before.isEmpty() ? 0 : before.get(0), after.isEmpty() ? 0 : after.get(0));
        if (worst <= BUSY_PER_CPU * cpus) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "unreliable: a load average of %.2f on %d CPUs (above %.1f a CPU):"
                + " the jobs shared the CPUs with other work, and so did the JIT; compare jobs of this run only", worst, cpus,
                BUSY_PER_CPU));
    }

    /** As {@code uptime} prints them: {@code 1.20 0.95 0.80}, or {@code unknown}. */
    public static String text(List<Double> averages) {
        return averages.isEmpty() ? "unknown"
                : averages.stream().map(a -> String.format(Locale.ROOT, "%.2f", a)).collect(Collectors.joining(" "));
    }
}
