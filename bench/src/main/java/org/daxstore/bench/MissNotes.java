package org.daxstore.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why each target can be missed and what would close it, kept beside the code in
 * {@code misses.properties} (keys {@code <ratio name>.why} and {@code <ratio name>.close}) so
 * that every report explains every miss it shows. The notes quote no numbers of their own: a
 * number measured once goes stale with the next change, so a note names this run's numbers by
 * placeholder ({@link #PLACEHOLDERS}), filled in when the report is written. A test checks that
 * every target has both notes, and that no note holds a literal measurement.
 */
final class MissNotes {
    private static final String RESOURCE = "misses.properties";

    /**
     * The placeholders a note may use: {@code {value}} (the row's value), {@code {target}} (its
     * bound), {@code {offBy}} (how many times the target it is, {@code 3.60x}),
     * {@code {numerator}} and {@code {denominator}} (its sides in their units),
     * {@code {difference}} (numerator minus denominator: what the daxstore side adds),
     * {@code {spread}} (its fork spread), and {@code {score:Bench.method[metric]@param}}: any other
     * result of the same run, in its unit ({@link RowValues#scoreText}).
     */
    static final Set<String> PLACEHOLDERS = Set.of("value", "target", "offBy", "numerator", "denominator", "difference",
            "spread", "score");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)(?::([^}]*))?}");

    private final Properties notes = new Properties();

    private MissNotes() {
    }

    static MissNotes load() {
        MissNotes loaded = new MissNotes();
        try (InputStream in = MissNotes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the benchmark jar");
            }
            loaded.notes.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return loaded;
    }

    /** Why the ratio misses its target, as written (placeholders unfilled), or null if nobody has written it down. */
    String why(String ratio) {
        return notes.getProperty(ratio + ".why");
    }

    /** What would close the gap, as written, or null. */
    String close(String ratio) {
        return notes.getProperty(ratio + ".close");
    }

    Set<String> keys() {
        return notes.stringPropertyNames();
    }

    /** The note of {@code key} ({@code <ratio name>.why} or {@code .close}) as written, or null. */
    String note(String key) {
        return notes.getProperty(key);
    }

    /**
     * {@code note} with its placeholders filled from {@code row} and, for {@code {score:...}},
     * from {@code scores}; an unknown placeholder is left as written (a test keeps there being none).
     */
    static String fill(String note, Ratio row, UnaryOperator<String> scores) {
        Matcher m = PLACEHOLDER.matcher(note);
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "value" -> row.valueText();
                case "target" -> row.target().boundText();
                case "offBy" -> Measure.number(row.overTarget()) + "x";
                case "numerator" -> side(row, row.numerator());
                case "denominator" -> side(row, row.denominator());
                case "difference" -> difference(row);
                case "spread" -> Double.isNaN(row.spread()) ? "- (one fork)" : row.spreadText();
                case "score" -> m.group(2) == null ? m.group() : scores.apply(m.group(2));
                default -> m.group();
            };
            m.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        return m.appendTail(filled).toString();
    }

    /** A side in its unit; an absolute row's one side in the bound's unit, as its value column. */
    private static String side(Ratio row, Measure side) {
        if (side == null) {
            return "n/a";
        }
        return row.target().isAbsolute() ? row.valueText() : side.text();
    }

    private static String difference(Ratio row) {
        if (row.numerator() == null || row.denominator() == null) {
            return "n/a";
        }
        Measure top = row.numerator();
        double difference = top.value() - row.denominator().value() * row.denominator().toBase() / top.toBase();
        return new Measure(difference, difference, difference, top.unit(), top.baseUnit(), top.toBase()).text();
    }

    /** The placeholder names {@code note} uses, for the test that every one is known. */
    static Set<String> placeholders(String note) {
        Matcher m = PLACEHOLDER.matcher(note);
        Set<String> names = new TreeSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
