package org.daxstore.cli;

import java.util.ArrayList;
import java.util.List;

import org.daxstore.cli.workload.UsageException;

import picocli.CommandLine.TypeConversionException;

/**
 * {@code workload --sweep threads=1,2,4 bs=64,4k,64k,2m}: the thread counts and the block sizes
 * of the grid, each list optional (the run's {@code --threads} or {@code --bs} then stands
 * alone). Block sizes are read as {@link SizeConverter} reads {@code --bs}.
 *
 * @param threads    the thread counts, or null if the sweep names none
 * @param blockSizes the block sizes, or null if the sweep names none
 */
record SweepArgument(List<Integer> threads, List<Integer> blockSizes) {
    /**
     * Reads the sweep's words.
     *
     * @throws UsageException if a word is not {@code threads=...} or {@code bs=...}, a key is
     *     given twice, or a value is not a whole number (threads) or a size (bs)
     */
    static SweepArgument parse(List<String> words) {
        List<Integer> threads = null;
        List<Integer> blockSizes = null;
        for (String word : words) {
            int equals = word.indexOf('=');
            String key = equals < 0 ? word : word.substring(0, equals);
            List<String> values = equals < 0 ? List.of() : List.of(word.substring(equals + 1).split(",", -1));
            if (key.equals("threads") && threads == null) {
                threads = numbers(word, values, false);
            } else if (key.equals("bs") && blockSizes == null) {
                blockSizes = numbers(word, values, true);
            } else {
                throw new UsageException("--sweep: '" + word + "': give threads=N,N,... and bs=SIZE,SIZE,..., each once");
            }
        }
        return new SweepArgument(threads, blockSizes);
    }

    private static List<Integer> numbers(String word, List<String> values, boolean sizes) {
        List<Integer> numbers = new ArrayList<>();
        for (String value : values) {
            long number;
            try {
                number = sizes ? SizeConverter.parse(value) : Long.parseLong(value.trim());
            } catch (TypeConversionException | NumberFormatException e) {
                number = -1;
            }
            if (number < 0 || number > Integer.MAX_VALUE) {
                throw new UsageException("--sweep: '" + word + "': '" + value + "' is not " + (sizes ? "a size" : "a whole number"));
            }
            numbers.add((int) number);
        }
        if (numbers.isEmpty()) {
            throw new UsageException("--sweep: '" + word + "' lists nothing");
        }
        return numbers;
    }
}
