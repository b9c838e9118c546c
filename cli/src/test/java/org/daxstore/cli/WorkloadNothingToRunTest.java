package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Hostile: {@code workload --access none --baselines none --no-fio} names no job at all. It ran
 * nothing, printed a table without a row and exited 0, as if something had been measured; a run
 * that refuses to guess how long it should be ({@code --time} or {@code --ops}) should not
 * accept one that measures nothing either.
 */
class WorkloadNothingToRunTest {
    @Test
    void aRunWithNoJobIsAUsageError() throws Exception {
        try (CliSession cli = new CliSession("workload-nothing-")) {
            int status = cli.run("workload", "--size", "64k", "--warmup", "0", "--ops", "10", "--access", "none",
                    "--baselines", "none", "--no-fio", "--dir", cli.dir().toString());
            assertEquals(2, status, cli.err() + cli.out());
            assertEquals("", cli.out());
            List<String> lines = cli.err().strip().lines().toList();
            assertEquals(1, lines.size(), cli.err());
            assertTrue(lines.get(0).startsWith("daxstore: ") && lines.get(0).contains("nothing to run"), cli.err());
            try (var left = Files.list(cli.dir())) {
                assertEquals(List.of(), left.toList(), "the refused run left files behind");
            }
        }
    }
}
