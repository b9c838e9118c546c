package org.daxstore.cli.workload;

import java.util.Locale;

/** How sizes and times read in messages, the table and the charts. */
public final class Units {
    private static final String[] SUFFIXES = {"", "k", "m", "g", "t"};
    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Units() {
    }

    /** A size as the options take it: {@code 64}, {@code 4k}, {@code 2m}; bytes when no suffix fits exactly. */
    public static String option(long bytes) {
        int unit = exactUnit(bytes);
        return (bytes >> (10 * unit)) + SUFFIXES[unit];
    }

    /** A size for people: {@code 64 B}, {@code 4 KiB}, {@code 256 MiB}; one decimal where it is not exact. */
    public static String bytes(long bytes) {
        int unit = exactUnit(bytes);
        if (unit == 0 && bytes >= 1024) {
            unit = Math.min(BINARY.length - 1, (63 - Long.numberOfLeadingZeros(bytes)) / 10);
            return String.format(Locale.ROOT, "%.1f %s", bytes / (double) (1L << (10 * unit)), BINARY[unit]);
        }
        return (bytes >> (10 * unit)) + " " + BINARY[unit];
    }

    /** A latency: {@code 512 ns}, {@code 3.21 us}, {@code 1.20 ms}, {@code 2.50 s}. */
    public static String nanos(double nanos) {
        if (nanos < 1_000) {
            return String.format(Locale.ROOT, "%.0f ns", nanos);
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.2f us", nanos / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    /** A count with thousands separators: {@code 1,234,567}. */
    public static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    /** The largest unit (0 bytes, 1 KiB, ...) that divides {@code bytes} exactly. */
    private static int exactUnit(long bytes) {
        int unit = 0;
        while (unit < SUFFIXES.length - 1 && bytes != 0 && (bytes & ((1L << (10 * (unit + 1))) - 1)) == 0) {
            unit++;
        }
        return unit;
    }
}
