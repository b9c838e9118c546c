package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.daxstore.fs.FileNames;
import org.junit.jupiter.api.Test;

/**
 * A container path is the user's to choose, newline and escape sequences included, and every
 * command prints it: in its own lines (format, info, the campaigns' "in DIR"), in fsck's reports,
 * and in the library's messages an error line quotes. None of them may let the path split a line
 * or reach the terminal as a control sequence; each shows it escaped as ls shows a name.
 */
class ControlCharactersInPathsTest {
    /** A directory name holding a newline, an escape sequence and a bidirectional override. */
    private static final String ODD = "odd\nline\u001B[7m\u202Edir";
    private static final String SHOWN = "odd\\u000Aline\\u001B[7m\\u202Edir";

    @Test
    void everyCommandPrintsAnOddContainerPathEscaped() throws Exception {
        try (CliSession cli = new CliSession("control-paths-")) {
            Path dir = Files.createDirectory(cli.dir().resolve(ODD));
            String store = dir.resolve("store.dax").toString();
            Path host = Files.write(cli.dir().resolve("host.bin"), new byte[5000]);
            String back = cli.dir().resolve("back.bin").toString();

            expect(cli, 0, List.of("format", store, "--capacity", "8m"));
            expect(cli, 1, List.of("format", store, "--capacity", "8m")); // exists: an error naming it
            expect(cli, 0, List.of("info", store));
            expect(cli, 0, List.of("put", store, "f", host.toString()));
            expect(cli, 0, List.of("get", store, "f", back));
            expect(cli, 1, List.of("get", store, "missing", back));
            expect(cli, 0, List.of("truncate", store, "f", "100"));
            expect(cli, 1, List.of("rm", store, "missing"));
            expect(cli, 0, List.of("fsck", store));
            expect(cli, 0, List.of("fsck", "--repair", store));
            expect(cli, 1, List.of("info", dir.resolve("absent.dax").toString()));
            expect(cli, 0, List.of("stress", "--seconds", "1", "--dir", dir.toString()));
        }
    }

    /** Runs a command; its status, and every character it printed would print as itself. */
    private static void expect(CliSession cli, int status, List<String> args) {
        int actual = cli.run(args.toArray(String[]::new));
        String printed = cli.out() + cli.err();
        assertEquals(status, actual, args + ": " + printed);
        for (char c : printed.toCharArray()) {
            if (c != '\n' && FileNames.printsAsSomethingElse(c)) {
                fail(args.get(0) + " printed \\u" + String.format("%04X", (int) c) + ": " + printed);
            }
        }
        for (String line : printed.split("\n")) {
            if (line.startsWith("line")) {
                fail(args.get(0) + " split the path over two lines: " + printed);
            }
        }
        if (args.get(0).matches("format|info|fsck|stress") || status != 0) {
            assertTrue(printed.contains(SHOWN), args.get(0) + " does not name the path escaped: " + printed);
        }
    }
}
