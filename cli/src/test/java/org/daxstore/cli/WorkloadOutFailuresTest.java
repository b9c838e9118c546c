package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Hostile: {@code workload --out} naming a file that is not a directory. The run ended with
 * "daxstore: PATH: file exists", which says neither that the charts could not be drawn nor why
 * (the path is no directory).
 */
class WorkloadOutFailuresTest {
    @Test
    void chartsIntoAFileSayWhatFailedAndWhy() throws Exception {
        try (CliSession cli = new CliSession("workload-out-")) {
            Path file = Files.write(cli.dir().resolve("not-a-dir"), new byte[] {1});
            assertEquals(1, cli.run("workload", "--size", "64k", "--warmup", "0", "--no-fio", "--seed", "42", "--ops", "100",
                    "--access", "positional", "--baselines", "none", "--dir", cli.dir().toString(), "--out", file.toString()),
                    cli.err());
            String last = cli.err().strip().lines().reduce((a, b) -> b).orElse("");
            assertEquals("daxstore: --out " + file + ": cannot draw the charts there: not a directory", last, cli.err());
        }
    }
}
