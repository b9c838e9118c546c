package org.daxstore.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a benchmark fork tells the report beyond its numbers: a benchmark that cannot do what it
 * measures (a {@code map} the store refuses) counts the failure ({@link RowValues#FAILURES}) and
 * leaves the exception's message here, one file per benchmark in the directory that
 * {@code -Ddaxstore.bench.notes} names ({@link BenchMain} sets it for every fork), instead of
 * throwing: a throw would fail the smoke run and leave the report nothing but an n/a. The
 * report shows the message beside the row.
 */
final class ForkNotes {
    static final String PROPERTY = "daxstore.bench.notes";

    private ForkNotes() {
    }

    /** In a fork: records why {@code benchmark} ({@code MapBench.mapAndClose}) failed; the last message wins. */
    static void write(String benchmark, Throwable failure) {
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        System.err.println(benchmark + " failed: " + text);
        String dir = System.getProperty(PROPERTY);
        if (dir == null) {
            return;
        }
        try {
            Files.createDirectories(Path.of(dir));
            Files.writeString(Path.of(dir, benchmark + ".txt"), text.replace('\n', ' ').replace('|', '/'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** In the runner: every note the forks left in {@code dir}, by benchmark; none if it does not exist. */
    static Map<String, String> read(Path dir) throws IOException {
        Map<String, String> notes = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return notes;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(".txt")) {
                    notes.put(name.substring(0, name.length() - 4), Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        return notes;
    }
}
