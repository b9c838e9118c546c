package org.daxstore.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses durations as fio writes them: {@code 2s}, {@code 500ms}, {@code 1.5s}, {@code 1m},
 * {@code 100us}; a number alone is seconds. From 0 to one day; the command says which lower
 * bound an option has. A bad one is a {@link TypeConversionException}: a usage error naming the
 * option.
 */
final class DurationConverter implements ITypeConverter<Duration> {
    static final Duration LONGEST = Duration.ofDays(1);

    @Override
    public Duration convert(String text) {
        return parse(text);
    }

    static Duration parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        // The two-letter units first, so that "500ms" is not read as "500m" and an "s".
        String[][] units = {{"ns", "1"}, {"us", "1000"}, {"ms", "1000000"}, {"s", "1000000000"}, {"m", "60000000000"},
            {"h", "3600000000000"}};
        BigDecimal nanosPerUnit = new BigDecimal("1000000000");
        String number = value;
        for (String[] unit : units) {
            if (value.endsWith(unit[0])) {
                number = value.substring(0, value.length() - unit[0].length());
                nanosPerUnit = new BigDecimal(unit[1]);
                break;
            }
        }
        BigDecimal nanos;
        try {
            nanos = new BigDecimal(number).multiply(nanosPerUnit);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not a duration (a number with ns, us, ms, s, m or h, e.g. 2s)");
        }
        if (nanos.signum() < 0 || nanos.compareTo(BigDecimal.valueOf(LONGEST.toNanos())) > 0) {
            throw new TypeConversionException("'" + text + "' is outside the accepted range, 0 to 1 day");
        }
        return Duration.ofNanos(nanos.longValue());
    }
}
