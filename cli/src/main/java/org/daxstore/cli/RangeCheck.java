package org.daxstore.cli;

import java.lang.reflect.Field;
import java.math.BigDecimal;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Refuses a numeric option outside its {@link Range} before the command runs, as a usage error
 * (status 2) naming the option, the value and the range. A value picocli parsed is not yet a
 * sensible one: {@code stress --seconds 1e10} overflowed the deadline and ended at once,
 * {@code NaN} and {@code Infinity} did the same, a negative or zero count ran nothing.
 */
final class RangeCheck {
    private RangeCheck() {
    }

    /** Checks every argument, given or defaulted, of the command and subcommands {@code parsed} holds. */
    static void check(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.isUsageHelpRequested() || level.isVersionHelpRequested()) {
                return; // help runs nothing, so its defaults (format's --capacity of 0) need no range
            }
        }
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            CommandLine command = level.commandSpec().commandLine();
            for (ArgSpec arg : level.commandSpec().args()) {
                Range range = rangeOf(arg);
                Object value = arg.getValue();
                if (range != null && value instanceof Number number && !within(number, range)) {
                    throw new ParameterException(command, name(arg) + ": " + number + " is outside the accepted range, "
                            + range.min() + " to " + range.max());
                }
            }
        }
    }

    /** The range on the field an argument is bound to; null if it has none (or is not a field). */
    static Range rangeOf(ArgSpec arg) {
        return arg.userObject() instanceof Field field ? field.getAnnotation(Range.class) : null;
    }

    /** How a message names an argument: the option's longest name, or a parameter's label. */
    static String name(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName()
                : "parameter " + ((PositionalParamSpec) arg).paramLabel();
    }

    private static boolean within(Number number, Range range) {
        BigDecimal value;
        try {
            value = new BigDecimal(number.toString());
        } catch (NumberFormatException notFinite) {
            return false; // NaN, Infinity
        }
        return value.compareTo(new BigDecimal(range.min())) >= 0 && value.compareTo(new BigDecimal(range.max())) <= 0;
    }
}
