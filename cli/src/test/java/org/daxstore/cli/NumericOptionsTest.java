package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * Every numeric option and parameter of every command, found in picocli's model (so one added
 * later is covered): it has a {@link Range}; a value just outside it at either end, and for a
 * floating-point option NaN and the infinities, is refused before the command runs, naming the
 * option and the range; the ends themselves are accepted. {@code stress --seconds 1e10} (and
 * {@code Infinity}, {@code NaN}) used to end at once with 0 violations.
 */
class NumericOptionsTest {
    private static final Set<Class<?>> NUMERIC = Set.of(int.class, long.class, double.class, float.class, short.class,
            byte.class, Integer.class, Long.class, Double.class, Float.class, Short.class, Byte.class);

    @Test
    void everyNumericArgumentHasARangeThatIsEnforcedAtBothEnds() {
        int checked = 0;
        for (CommandLine command : DaxstoreCli.commandLine().getSubcommands().values()) {
            for (ArgSpec arg : command.getCommandSpec().args()) {
                if (!NUMERIC.contains(arg.type())) {
                    continue;
                }
                String where = command.getCommandName() + " " + RangeCheck.name(arg);
                Range range = RangeCheck.rangeOf(arg);
                assertNotNull(range, where + " has no @Range");
                for (String outside : outside(arg.type(), range)) {
                    ParameterException e = assertThrows(ParameterException.class, () -> check(command.getCommandName(), arg, outside),
                            where + " accepted " + outside);
                    // Refused by the range, or already by the option's converter (a size is never negative).
                    String label = arg instanceof OptionSpec option ? option.longestName() : ((PositionalParamSpec) arg).paramLabel();
                    assertTrue(e.getMessage().startsWith(RangeCheck.name(arg) + ": ")
                            ? e.getMessage().endsWith("outside the accepted range, " + range.min() + " to " + range.max())
                            : e.getMessage().startsWith("Invalid value for ") && e.getMessage().contains(label),
                            where + ": " + e.getMessage());
                }
                check(command.getCommandName(), arg, range.min());
                check(command.getCommandName(), arg, range.max());
                checked++;
            }
        }
        assertTrue(checked >= 34, "only " + checked + " numeric arguments found");
    }

    /** End to end: a usage error, status 2, naming the option. */
    @Test
    void stressRefusesSecondsItCannotCountAndNothingRuns() throws Exception {
        try (CliSession cli = new CliSession("numeric-")) {
            for (String seconds : List.of("1e10", "Infinity", "NaN", "-1", "0")) {
                assertEquals(2, cli.run("stress", "--seconds", seconds, "--dir", cli.dir().toString()), seconds);
                assertTrue(cli.err().contains("--seconds: ") && cli.err().contains("0.001 to 1000000"), cli.err());
                assertEquals("", cli.out(), "stress ran with --seconds " + seconds);
            }
        }
    }

    /** Values just outside the range (where the type can hold them), and NaN and the infinities for floating point. */
    private static List<String> outside(Class<?> type, Range range) {
        List<String> values = new ArrayList<>();
        BigDecimal min = new BigDecimal(range.min());
        BigDecimal max = new BigDecimal(range.max());
        boolean floating = type == double.class || type == Double.class || type == float.class || type == Float.class;
        BigDecimal step = floating ? min.ulp().min(new BigDecimal("0.0001")) : BigDecimal.ONE;
        BigDecimal typeMin = floating ? null : BigDecimal.valueOf(type == int.class || type == Integer.class
                ? Integer.MIN_VALUE : Long.MIN_VALUE);
        BigDecimal typeMax = floating ? null : BigDecimal.valueOf(type == int.class || type == Integer.class
                ? Integer.MAX_VALUE : Long.MAX_VALUE);
        if (typeMin == null || min.compareTo(typeMin) > 0) {
            values.add(min.subtract(step).toPlainString());
        }
        if (typeMax == null || max.compareTo(typeMax) < 0) {
            values.add(max.add(floating ? BigDecimal.ONE : step).toPlainString());
        }
        if (floating) {
            values.addAll(List.of("NaN", "Infinity", "-Infinity", "1e10"));
        }
        return values;
    }

    /** Parses the command with {@code arg} set to {@code value} and everything else it requires, then checks the ranges. */
    private static void check(String commandName, ArgSpec arg, String value) {
        List<String> args = new ArrayList<>(List.of(commandName));
        CommandLine fresh = DaxstoreCli.commandLine();
        CommandLine command = fresh.getSubcommands().get(commandName);
        for (OptionSpec option : command.getCommandSpec().options()) {
            if (option.required() && !(arg instanceof OptionSpec given && given.longestName().equals(option.longestName()))) {
                args.addAll(List.of(option.longestName(), "1m"));
            }
        }
        if (arg instanceof OptionSpec option) {
            args.addAll(List.of(option.longestName(), value));
        }
        for (PositionalParamSpec positional : command.getCommandSpec().positionalParameters()) {
            boolean numeric = NUMERIC.contains(positional.type());
            args.add(positional == positionalIn(command, arg) ? value : numeric ? "0" : "x");
        }
        RangeCheck.check(fresh.parseArgs(args.toArray(String[]::new)));
    }

    /** {@code arg}'s counterpart in another instance of the command line (the model is per instance). */
    private static PositionalParamSpec positionalIn(CommandLine command, ArgSpec arg) {
        if (!(arg instanceof PositionalParamSpec positional)) {
            return null;
        }
        for (PositionalParamSpec candidate : command.getCommandSpec().positionalParameters()) {
            if (candidate.index().equals(positional.index())) {
                return candidate;
            }
        }
        return fail("no parameter " + positional.paramLabel());
    }
}
