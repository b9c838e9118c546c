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

    /**
     * A host file in a directory that does not exist: the reason was the JDK's class name,
     * "cannot write to /nonexistent/x: NoSuchFileException", for --csv and for get alike.
     */
    @Test
    void aFileInAMissingDirectoryGivesTheReasonInWords() throws Exception {
        try (CliSession cli = new CliSession("workload-csv-")) {
            Path missing = cli.dir().resolve("missing");
            assertEquals(1, run(cli, missing.resolve("run.csv").toString()), cli.err());
            assertTrue(cli.err().strip().endsWith("cannot write to " + missing.resolve("run.csv") + ": no such file or directory"),
                    cli.err());
            String store = cli.dir().resolve("s.dax").toString();
            assertEquals(0, cli.run("format", store, "--capacity", "8m"), cli.err());
            Path host = Files.write(cli.dir().resolve("host"), new byte[10]);
            assertEquals(0, cli.run("put", store, "f", host.toString()), cli.err());
            assertEquals(1, cli.run("get", store, "f", missing.resolve("back").toString()));
            assertEquals("daxstore: cannot write to " + missing.resolve("back") + ": no such file or directory", cli.err().strip());
        }
    }
}
