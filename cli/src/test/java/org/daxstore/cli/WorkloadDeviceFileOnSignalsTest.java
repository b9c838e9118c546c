package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Hostile: {@code workload --device NEW_FILE} stopped by two SIGTERMs (the user insists; the
 * same exit as a run that outlives the grace period). The JVM then exits at once and only
 * shutdown hooks clean up: they removed the run's private directory, but the container, which
 * the run made at NEW_FILE outside it, stayed behind (16 MiB in /dev/shm here).
 */
class WorkloadDeviceFileOnSignalsTest {
    @Test
    void aSecondSignalLeavesNoContainerBehind() throws Exception {
        try (CliSession cli = new CliSession("workload-device-signals-")) {
            Path container = cli.dir().resolve("device.dax");
            Process process = CliProcess.of(List.of("workload", "--no-fio", "--warmup", "0", "--time", "30s", "--size", "16m",
                    "--access", "view", "--baselines", "none", "--device", container.toString())).start();
            try {
                BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
                String line;
                do {
                    line = err.readLine();
                } while (line != null && !line.startsWith("workload: daxstore view"));
                assertTrue(line != null, "the run ended before its job started");
                // the job is running: its container exists
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!Files.exists(container) && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertTrue(Files.exists(container), "no container at " + container);
                for (int i = 0; i < 2; i++) {
                    assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start().waitFor());
                    Thread.sleep(50);
                }
                assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the run did not stop");
                assertEquals(143, process.exitValue());
                assertFalse(Files.exists(container), "the container was left at " + container);
            } finally {
                process.destroyForcibly();
            }
        }
    }
}
