package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A command whose standard output cannot be written ({@code > /dev/full}) fails: status 1 and
 * {@code daxstore: cannot write to standard output: No space left on device}; it used to print
 * nothing and exit 0, so a script read no JSON object as success.
 */
class FullStandardOutputTest {
    private CliSession cli;
    private String container;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliSession("cli-full-stdout-");
        container = cli.dir().resolve("store.dax").toString();
        assertEquals(0, cli.run("format", container, "--capacity", "8m"), cli.err());
        Path source = cli.dir().resolve("data.bin");
        Files.write(source, new byte[100]);
        assertEquals(0, cli.run("put", container, "x", source.toString()), cli.err());
    }

    @AfterEach
    void tearDown() throws Exception {
        cli.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"info --json", "ls --json", "stat --json @ x", "check --json", "fsck --json", "ls", "info",
        "check", "stat @ x"})
    void aFullStandardOutputFailsTheCommand(String command) throws Exception {
        List<String> args = new ArrayList<>();
        boolean placed = false;
        for (String word : command.split(" ")) {
            if (word.equals("@")) {
                args.add(container);
                placed = true;
            } else {
                args.add(word);
            }
        }
        if (!placed) {
            args.add(container);
        }
        Path err = cli.dir().resolve("err.txt");
        Process process = CliProcess.of(args).redirectOutput(new File("/dev/full")).redirectError(err.toFile()).start();
        int status = process.waitFor();
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(1, status, command + ": " + stderr);
        assertTrue(stderr.contains("daxstore: cannot write to standard output: No space left on device"), stderr);
    }
}
