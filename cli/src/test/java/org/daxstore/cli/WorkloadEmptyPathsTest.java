package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile: an empty path ({@code --out=}, say, from a script's unset variable). Java reads it
 * as the current directory: {@code --out=} drew the charts into it ("charts: 2 PNG files in "),
 * {@code --dir=} ran there, {@code --csv=} failed after the run with "cannot write to : Is a
 * directory". Each is refused before the run, as a usage error naming the option.
 */
class WorkloadEmptyPathsTest {
    @ParameterizedTest
    @ValueSource(strings = {"--out", "--csv", "--dir", "--device"})
    void anEmptyPathIsAUsageError(String option) throws Exception {
        try (CliSession cli = new CliSession("workload-empty-")) {
            List<Path> before;
            try (var files = Files.list(Path.of(""))) {
                before = files.toList();
            }
            int status = cli.run("workload", "--size", "64k", "--warmup", "0", "--no-fio", "--seed", "42", "--ops", "10",
                    "--access", "positional", "--baselines", "none", option + "=");
            assertEquals(2, status, cli.err() + cli.out());
            List<String> lines = cli.err().strip().lines().toList();
            assertEquals(1, lines.size(), cli.err());
            assertTrue(lines.get(0).startsWith("daxstore: " + option + ": "), cli.err());
            try (var files = Files.list(Path.of(""))) {
                assertEquals(before, files.toList(), "the run wrote into the current directory");
            }
        }
    }
}
