package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.daxstore.DaxStore;
import org.junit.jupiter.api.Test;

/**
 * ls prints one line per file whatever its name holds: control characters (newline, escape,
 * C1), format characters (a bidirectional override), the line separator as {@code \}{@code uXXXX},
 * a backslash doubled; other names as they are. A name with a newline used to print as two
 * files. The tool's error lines quote a name the same way (the library's messages).
 */
class ControlCharactersInNamesTest {
    /** Each name and how ls shows it. */
    private static final Map<String, String> SHOWN = new TreeMap<>(Map.of(
            "two\nlines", "two\\u000Alines",
            "tab\tname", "tab\\u0009name",
            "esc\u001B[31mred", "esc\\u001B[31mred",
            "nel\u0085", "nel\\u0085",
            "bidi\u202Egnp.exe", "bidi\\u202Egnp.exe",
            "line\u2028separator", "line\\u2028separator",
            "back\\u000Aslash", "back\\\\u000Aslash",
            "plain-\u00E9t\u00E9", "plain-\u00E9t\u00E9"));

    @Test
    void lsPrintsOneEscapedLinePerFile() throws Exception {
        try (CliSession cli = new CliSession("control-names-")) {
            String store = cli.dir().resolve("store.dax").toString();
            assertEquals(0, cli.run("format", store, "--capacity", "8m"), cli.err());
            try (DaxStore open = DaxStore.open(Path.of(store))) {
                SHOWN.keySet().forEach(name -> open.create(name).close());
            }
            List<String> expected = List.copyOf(SHOWN.values());
            assertEquals(0, cli.run("ls", store), cli.err());
            List<String> lines = Arrays.asList(cli.out().split("\n", -1));
            assertEquals(SHOWN.size() + 1, lines.size(), cli.out()); // the last line's newline leaves an empty tail
            assertEquals(sorted(SHOWN.values()), sorted(lines.subList(0, SHOWN.size())), cli.out());
            assertEquals(0, cli.run("ls", "-l", store), cli.err());
            lines = Arrays.asList(cli.out().split("\n", -1));
            assertEquals(SHOWN.size() + 2, lines.size(), cli.out()); // and the header
            for (String shown : expected) {
                assertTrue(lines.stream().anyMatch(line -> line.endsWith(" " + shown)), shown + " in " + cli.out());
            }

            assertEquals(1, cli.run("rm", store, "no\nsuch\u001B"));
            assertEquals(1, cli.err().split("\n").length, cli.err());
            assertTrue(cli.err().contains("'no\\u000Asuch\\u001B'"), cli.err());
            assertFalse(cli.err().contains("\u001B"), cli.err());
        }
    }

    private static java.util.Set<String> sorted(java.util.Collection<String> values) {
        return new java.util.TreeSet<>(values);
    }
}
