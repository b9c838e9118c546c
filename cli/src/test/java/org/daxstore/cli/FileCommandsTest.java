package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** stat, mv, check, ls -l's header, --medium and completion, end to end in process. */
class FileCommandsTest {
    private CliSession cli;
    private Path dir;
    private String container;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliSession("cli-files-");
        dir = cli.dir();
        container = dir.resolve("store.dax").toString();
        assertEquals(0, run("format", container, "--capacity", "8m"), cli.err());
        Path source = dir.resolve("data.bin");
        Files.write(source, new byte[5000]);
        assertEquals(0, run("put", container, "x", source.toString()), cli.err());
        assertEquals(0, run("put", container, "y", source.toString()), cli.err());
    }

    @AfterEach
    void tearDown() throws Exception {
        cli.close();
    }

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void statPrintsEachFileAndAMissingOneFailsWithNothingPrinted() {
        assertEquals(0, run("stat", container, "x"), cli.err());
        assertTrue(cli.out().matches("name:       x\nsize:       5000 \\(4\\.9 KiB\\)\nallocated:  \\d+ .*\ninode: .*"
                + "\ngeneration: .*\ncreated:    \\S+Z\nmodified:   \\S+Z\n"), cli.out());
        assertEquals(1, run("stat", container, "x", "missing"));
        assertEquals("", cli.out());
        assertTrue(cli.err().startsWith("daxstore: ") && cli.err().contains("'missing'"), cli.err());
    }

    @Test
    void mvRenamesRefusesATakenNameAndReplacesWithReplace() {
        assertEquals(0, run("mv", container, "x", "z"), cli.err());
        assertEquals(0, run("ls", container));
        assertEquals("y\nz\n", cli.out());
        assertEquals(1, run("mv", container, "z", "y"));
        assertTrue(cli.err().contains("'y'"), cli.err());
        assertEquals(0, run("ls", container));
        assertEquals("y\nz\n", cli.out(), "a refused mv changes nothing");
        assertEquals(0, run("mv", "--replace", container, "z", "y"), cli.err());
        assertEquals(0, run("ls", container));
        assertEquals("y\n", cli.out());
        assertEquals(0, run("check", container), cli.err());
    }

    @Test
    void checkSaysConsistentWithTheCounts() {
        assertEquals(0, run("check", container), cli.err());
        assertTrue(cli.out().matches("check: .*store\\.dax: consistent; 2 files, [1-9]\\d* blocks used, [1-9]\\d* free\n"),
                cli.out());
    }

    @Test
    void lsLongHasAHeader() {
        assertEquals(0, run("ls", "-l", container), cli.err());
        String[] lines = cli.out().split("\n");
        assertEquals(3, lines.length, cli.out());
        assertTrue(lines[0].matches(" +size +allocated +inode modified +name"), lines[0]);
        assertTrue(lines[1].matches(" +5000 +\\d+ +\\d+ \\S+ +x"), lines[1]);
    }

    @Test
    void mediumChoosesTheMedium() {
        assertEquals(0, run("info", container, "--medium", "MAPPED"), cli.err());
        assertTrue(cli.out().contains("medium:              mapped"), cli.out());
        assertEquals(0, run("stat", "--medium", "mapped", container, "y"), cli.err());
    }

    @Test
    void completionIsABashScriptForEveryCommand() {
        assertEquals(0, run("completion"), cli.err());
        String script = cli.out();
        assertTrue(script.contains("complete -F"), script.substring(0, Math.min(300, script.length())));
        for (String command : DaxstoreCli.commandLine().getSubcommands().keySet()) {
            assertTrue(script.contains(command), command + " is not in the completion script");
        }
    }
}
