package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.daxstore.cli.workload.fio.FioTool;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Hostile: fio's jobs in a directory whose name fio would read as something else. fio splits
 * {@code --filename} at every ':' (a list of files), so a run in {@code /x:y} made fio create,
 * or lay out over, a file {@code /x} outside the run's directory, and fail on the rest.
 */
class WorkloadFioPathsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aColonInTheDirectoryIsPartOfFiosFileName() throws Exception {
        Assumptions.assumeTrue(FioTool.find(System.getenv()).isPresent(), "no fio on the PATH");
        try (CliSession cli = new CliSession("workload-fio-paths-")) {
            Path dir = Files.createDirectory(cli.dir().resolve("x:y"));
            Path stray = cli.dir().resolve("x");
            List<String> args = new ArrayList<>(List.of("workload", "--size", "64k", "--warmup", "0", "--seed", "42",
                    "--ops", "100", "--access", "view", "--baselines", "none", "--json", "--dir", dir.toString()));
            int status = cli.run(args.toArray(String[]::new));
            assertFalse(Files.exists(stray), "fio made a file outside the run's directory: " + stray);
            assertEquals(0, status, cli.err() + cli.out());
            JsonNode run = JSON.readTree(cli.out());
            for (JsonNode job : run.get("jobs")) {
                assertTrue(job.get("failure").isNull(), job.toString());
            }
            try (var left = Files.list(dir)) {
                assertEquals(List.of(), left.toList(), "the run left files behind");
            }
        }
    }

    /** fio writes the file name into its JSON unescaped: a newline in the directory broke the parse. */
    @Test
    void aNewlineInTheDirectoryDoesNotBreakFiosJson() throws Exception {
        Assumptions.assumeTrue(FioTool.find(System.getenv()).isPresent(), "no fio on the PATH");
        try (CliSession cli = new CliSession("workload-fio-paths-")) {
            Path dir = Files.createDirectory(cli.dir().resolve("new\nline\tdir"));
            List<String> args = new ArrayList<>(List.of("workload", "--size", "64k", "--warmup", "0", "--seed", "42",
                    "--ops", "100", "--access", "view", "--baselines", "none", "--json", "--dir", dir.toString()));
            assertEquals(0, cli.run(args.toArray(String[]::new)), cli.err() + cli.out());
            JsonNode run = JSON.readTree(cli.out());
            for (JsonNode job : run.get("jobs")) {
                assertTrue(job.get("failure").isNull(), job.toString());
            }
        }
    }
}
