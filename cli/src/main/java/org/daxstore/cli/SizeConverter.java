package org.daxstore.cli;

import java.util.Locale;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses sizes like {@code 4096}, {@code 64k}, {@code 64m}, {@code 1g}, {@code 2t} (powers of 1024). */
final class SizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String text) {
        return parse(text);
    }

    static long parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        int shift = 0;
        if (!value.isEmpty()) {
            switch (value.charAt(value.length() - 1)) {
                case 'k' -> shift = 10;
                case 'm' -> shift = 20;
                case 'g' -> shift = 30;
                case 't' -> shift = 40;
                default -> shift = 0;
            }
        }
        String digits = shift == 0 ? value : value.substring(0, value.length() - 1);
        try {
            long number = Long.parseLong(digits);
            if (number < 0 || number > (Long.MAX_VALUE >> shift)) {
                throw new TypeConversionException("'" + text + "' is not a size between 0 and 2^63");
            }
            return number << shift;
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not a size (a number with an optional k, m, g or t)");
        }
    }
}
