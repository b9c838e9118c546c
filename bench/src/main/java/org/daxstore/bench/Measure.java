package org.daxstore.bench;

import java.util.List;
import java.util.Locale;

/**
 * One side of a row as this run measured it: its value and the range its forks spread over
 * ({@code low}, {@code high}: the smallest and largest fork's value with two forks or more, else
 * the 99.9% confidence interval JMH gives a score, else the value itself), in the unit the report
 * shows ({@code "ns/op"}, {@code "MB/s"}), and the factor that takes that unit to its base
 * ({@code "s/op"}, {@code "ops/s"}): two sides compare only in the same base unit.
 */
record Measure(double value, double low, double high, String unit, String baseUnit, double toBase) {
    /** The value in the base unit: seconds for a time per operation. */
    double base() {
        return value * toBase;
    }

    /** True if the ratio of this over {@code other} means something: the same kind of quantity. */
    boolean comparableTo(Measure other) {
        return baseUnit.equals(other.baseUnit);
    }

    /**
     * {@code "6.14 ns/op"}, {@code "17,108 MB/s"}; a time of 10,000 units or more in the next larger
     * unit ({@code "21.6 ms/op"}, not {@code "21,554,266 ns/op"}): a tail is read, not parsed.
     */
    String text() {
        List<String> times = List.of("ns/op", "us/op", "ms/op", "s/op");
        double shown = value;
        int unitIndex = times.indexOf(unit);
        while (unitIndex >= 0 && unitIndex < times.size() - 1 && Math.abs(shown) >= 10_000) {
            shown /= 1000;
            unitIndex++;
        }
        return number(shown) + " " + (unitIndex < 0 ? unit : times.get(unitIndex));
    }

    /** Three significant digits or so, without an exponent: the reports are read, not parsed. */
    static String number(double v) {
        double magnitude = Math.abs(v);
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (magnitude >= 1 || magnitude == 0) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
