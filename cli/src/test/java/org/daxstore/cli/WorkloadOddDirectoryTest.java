package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Hostile: {@code workload --dir} with a newline, an escape sequence and a bidirectional
 * override in the directory's name. The table's "in DIR" line printed it raw, so the path split
 * the line and reached the terminal as a control sequence; every other command prints it escaped.
 */
class WorkloadOddDirectoryTest {
    private static final String ODD = "odd\nline\u001B[7m\u202Edir";
    private static final String SHOWN = "odd\\u000Aline\\u001B[7m\\u202Edir";

    @Test
    void theTablePrintsAnOddDirectoryEscaped() throws Exception {
        try (CliSession cli = new CliSession("workload-odd-dir-")) {
            Path dir = Files.createDirectory(cli.dir().resolve(ODD));
            assertEquals(0, cli.run("workload", "--size", "64k", "--warmup", "0", "--no-fio", "--seed", "42", "--ops", "100",
                    "--access", "positional", "--baselines", "raw", "--dir", dir.toString()), cli.err() + cli.out());
            assertFalse(cli.out().contains(ODD), cli.out());
            assertFalse(cli.out().contains("\u001B"), cli.out());
            assertTrue(cli.out().contains(SHOWN), cli.out());
        }
    }
}
