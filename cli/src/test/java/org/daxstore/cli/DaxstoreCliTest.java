package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** The tool end to end, in process: commands, output and exit codes. */
class DaxstoreCliTest {
    private Path dir;
    private Path container;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory(Path.of("/dev/shm"), "cli-");
        container = dir.resolve("store.dax");
    }

    @AfterEach
    void tearDown() throws Exception {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine commandLine = DaxstoreCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void formatPutGetTruncatePunchRmRoundTrip() throws Exception {
        assertEquals(0, run("format", container.toString(), "--capacity", "16m"), err.toString());
        assertTrue(out.toString().contains("formatted"), out.toString());

        byte[] data = new byte[3 << 20];
        new Random(3).nextBytes(data);
        Path source = dir.resolve("source.bin");
        Path target = dir.resolve("target.bin");
        Files.write(source, data);
        assertEquals(0, run("put", container.toString(), "blob", source.toString()), err.toString());
        assertEquals(0, run("get", container.toString(), "blob", target.toString()), err.toString());
        assertArrayEquals(data, Files.readAllBytes(target));

        assertEquals(0, run("ls", "-l", container.toString()), err.toString());
        assertTrue(out.toString().contains(" 3145728 ") && out.toString().contains("blob"), out.toString());
        assertEquals(0, run("punch", container.toString(), "blob", "0", "1m"), err.toString());
        assertEquals(0, run("truncate", container.toString(), "blob", "2m"), err.toString());
        assertEquals(0, run("get", container.toString(), "blob", target.toString()), err.toString());
        byte[] expected = java.util.Arrays.copyOf(data, 2 << 20);
        java.util.Arrays.fill(expected, 0, 1 << 20, (byte) 0);
        assertArrayEquals(expected, Files.readAllBytes(target));

        assertEquals(0, run("info", container.toString()), err.toString());
        assertTrue(out.toString().contains("medium:              mapped"), out.toString());
        assertTrue(out.toString().contains("files:               1"), out.toString());
        assertEquals(0, run("rm", container.toString(), "blob"), err.toString());
        assertEquals(0, run("ls", container.toString()), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void errorsAreOneLineAndNonZero() throws Exception {
        assertEquals(1, run("info", dir.resolve("missing.dax").toString()));
        assertOneLineError("no such container");

        Path notAStore = dir.resolve("text.txt");
        Files.writeString(notAStore, "just some text, long enough to be read".repeat(200));
        assertEquals(1, run("info", notAStore.toString()));
        assertOneLineError("no daxstore magic number");

        assertEquals(0, run("format", container.toString(), "--capacity", "4m"));
        assertEquals(1, run("format", container.toString(), "--capacity", "4m"));
        assertOneLineError("use --force");
        assertEquals(0, run("format", container.toString(), "--capacity", "8m", "--force"), err.toString());

        assertEquals(1, run("truncate", container.toString(), "nope", "1k"));
        assertOneLineError("no file named 'nope'");
        assertTrue(run("format", container.toString(), "--capacity", "lots") != 0);
        assertTrue(err.toString().contains("'lots' is not a size"), err.toString());
    }

    private void assertOneLineError(String fragment) {
        String text = err.toString().strip();
        assertTrue(text.startsWith("daxstore: ") && text.contains(fragment) && !text.contains("\n"), text);
    }

    @Test
    void fsxEndsWithItsSummaryLine() {
        assertEquals(0, run("fsx", "--dir", dir.toString(), "--ops", "2000", "--seed", "11"), err.toString());
        String[] lines = out.toString().strip().split("\n");
        assertEquals("fsx: 2000 ops, 0 mismatches", lines[lines.length - 1]);
    }
}
