package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Hostile: {@code workload --csv} onto a file that cannot be written. The failure said only
 * "daxstore: No space left on device", naming neither the option nor the file, and a CSV cut
 * short by a full file system stayed behind as if it were the run's.
 */
class WorkloadCsvFailuresTest {
    private static int run(CliSession cli, String csv) {
        return cli.run("workload", "--size", "64k", "--warmup", "0", "--no-fio", "--seed", "42", "--ops", "100",
                "--access", "positional", "--baselines", "none", "--dir", cli.dir().toString(), "--csv", csv);
    }

    @Test
    void aCsvOntoAFullDeviceSaysWhichFile() throws Exception {
        try (CliSession cli = new CliSession("workload-csv-")) {
            assertEquals(1, run(cli, "/dev/full"), cli.err());
            String last = cli.err().strip().lines().reduce((a, b) -> b).orElse("");
            assertTrue(last.startsWith("daxstore: ") && last.contains("/dev/full") && last.contains("No space left on device"),
                    cli.err());
        }
    }

    @Test
    void aCsvCutShortByAFullFileSystemIsNotLeftBehind() throws Exception {
        try (CliSession cli = new CliSession("workload-csv-"); SmallTmpfs small = SmallTmpfs.mount("64k")) {
            byte[] fill = new byte[4096];
            for (int i = 0; ; i++) {
                try {
                    Files.write(small.resolve("fill" + i), fill);
                } catch (java.io.IOException full) {
                    break;
                }
            }
            Path csv = small.resolve("run.csv");
            assertEquals(1, run(cli, csv.toString()), cli.err());
            assertTrue(cli.err().contains(csv.toString()), cli.err());
            assertFalse(Files.exists(csv), "a partial CSV was left at " + csv);
        }
    }
}
