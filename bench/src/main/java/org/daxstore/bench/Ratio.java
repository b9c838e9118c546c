package org.daxstore.bench;

import java.util.Locale;

/**
 * One row of the report as a run measured it ({@link RowValues} computes it): its value (the
 * numerator's over the denominator's, or for an absolute row the numerator in its base unit), the
 * sides it came from, the range its forks put it in ({@code low} to {@code high}, see
 * {@link Measure}), and its fork spread: the largest fork's value over the smallest's, for the
 * side whose forks differ more (NaN, shown as "-", with one fork). A row not measured (a side
 * not selected, not run at the row's parameter, or failed) has a value of NaN and says why in
 * {@code unmeasured}.
 */
record Ratio(RatioTarget target, double value, double spread, Measure numerator, Measure denominator, double low,
        double high, String unmeasured) {
    /** A fork spread above this marks a ratio as unsteady. */
    static final double UNSTEADY_SPREAD = 1.5;

    /** A row of a value and spread alone, with no sides (a NaN value is "not measured"). */
    Ratio(RatioTarget target, double value, double spread) {
        this(target, value, spread, null, null, value, value, Double.isNaN(value) ? "not measured" : null);
    }

    /** A row this run did not measure, and why. */
    static Ratio unmeasured(RatioTarget target, String why) {
        return new Ratio(target, Double.NaN, Double.NaN, null, null, Double.NaN, Double.NaN, why);
    }

    boolean measured() {
        return unmeasured == null;
    }

    boolean met() {
        return measured() && target.met(value);
    }

    /** True for a measured row that misses its target; a row not measured is neither met nor missed. */
    boolean missed() {
        return target.hasTarget() && measured() && !met();
    }

    String valueText() {
        return target.valueText(value);
    }

    /** The met column: empty for a row without a target, "n/a" for one not measured. */
    String metText() {
        return !target.hasTarget() ? "" : !measured() ? "n/a" : met() ? "yes" : "no";
    }

    /** True if one side's forks disagree so much that the ratio says more about the machine than the code. */
    boolean unsteady() {
        return spread > UNSTEADY_SPREAD;
    }

    String spreadText() {
        return Double.isNaN(spread) ? "-" : String.format(Locale.ROOT, "%.2f", spread) + (unsteady() ? " !" : "");
    }

    /** A side as the tables show it: in its unit, "-" where there is none (an absolute row's denominator). */
    static String sideText(Measure side) {
        return side == null ? "-" : side.text();
    }

    /** How many times the target the value is, oriented so that above 1 is a miss (see {@link RatioTarget#overTarget}). */
    double overTarget() {
        return target.overTarget(value);
    }
}
