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
            expect(cli, 0, List.of("fsx", "--ops", "300", "--seed", "3", "--dir", dir.toString()));
            expect(cli, 0, List.of("fuzz", "--images", "3", "--seed", "3", "--dir", dir.toString()));
            expect(cli, 0, List.of("crash-test", "--images", "20", "--sequences", "1", "--skip-catalogue", "--kills", "0",
                    "--fuzz", "0", "--seed", "5", "--parallel", "1", "--dir", dir.toString()));
            // a summary of several lines keeps them: escaping is for what the user gave, not the tool's layout
            assertTrue(cli.out().lines().anyMatch(line -> line.startsWith("crash enumeration: ")), cli.out());
            assertTrue(cli.out().lines().noneMatch(line -> line.contains("\\u000A") && !line.contains(SHOWN)), cli.out());
        }
    }

    /** A multi-line message of the library (a damaged image's problems) is one error line, each problem after a "; ". */
    @Test
    void aDamagedImageIsOneErrorLine() throws Exception {
        try (CliSession cli = new CliSession("control-paths-")) {
            Path store = cli.dir().resolve("store.dax");
            assertEquals(0, cli.run("format", store.toString(), "--capacity", "8m"), cli.err());
            for (int i = 0; i < 3; i++) {
                assertEquals(0, cli.run("put", store.toString(), "f" + i,
                        Files.write(cli.dir().resolve("h" + i), new byte[100]).toString()), cli.err());
            }
            byte[] image = Files.readAllBytes(store);
            for (String name : List.of("f0", "f1", "f2")) { // a byte of each inode's name changed: three bad checksums
                int at = ImageBytes.indexOf(image, name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertTrue(at >= 0, name + " is not in the image");
                image[at + 1] = 'X';
            }
            Files.write(store, image);
            int status = cli.run("ls", store.toString());
            assertEquals(1, status, cli.out() + cli.err());
            assertEquals(1, cli.err().lines().count(), cli.err());
            assertTrue(cli.err().contains("; "), cli.err());
            assertTrue(!cli.err().contains("\\u000A"), cli.err());
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
