package org.daxstore.cli;

import java.util.Locale;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses sizes like {@code 4096}, {@code 64k}, {@code 64m}, {@code 1g}, {@code 2t}: a
 * non-negative whole number with an optional, case-insensitive suffix, each a power of 1024.
 * A bad size is a {@link TypeConversionException}, so picocli reports it as a usage error that
 * names the option and the text.
 */
final class SizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String text) {
        return parse(text);
    }

    static long parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        int shift = value.isEmpty() ? 0 : switch (value.charAt(value.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        String digits = shift == 0 ? value : value.substring(0, value.length() - 1);
        long number;
        try {
            number = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number < 0) {
            throw new TypeConversionException("'" + text + "' is not a size (a number with an optional k, m, g or t)");
        }
        if (number > (Long.MAX_VALUE >> shift)) {
            throw new TypeConversionException("'" + text + "' is too large (sizes stop below 8 EiB)");
        }
        return number << shift;
    }

    /** For sizes the store keeps in an {@code int}, such as the block size. */
    static final class Int implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            long size = parse(text);
            if (size > Integer.MAX_VALUE) {
                throw new TypeConversionException("'" + text + "' is too large: at most 2g - 1");
            }
            return (int) size;
        }
    }
}
