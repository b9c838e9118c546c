package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A campaign stopped by a signal removes its temporary containers and kills its child JVMs.
 * Each command runs in a child JVM with {@code --dir} a private directory; once its files exist
 * (and, for the kill campaign, its own children), it gets SIGINT (what Ctrl-C sends) or SIGTERM
 * (what {@code kill} sends, to it alone); then the directory must be empty and the children
 * dead. Before, each stop left 32 MiB containers in /dev/shm.
 */
class InterruptedCampaignTest {
    private static final long WAIT_SECONDS = 180;

    private Path dir;

    @BeforeEach
    void createDirectory() throws IOException {
        dir = Files.createTempDirectory(Path.of("/dev/shm"), "interrupted-");
    }

    @AfterEach
    void deleteDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @ParameterizedTest(name = "{0} stopped by SIG{1}")
    @CsvSource({
        "fsx, INT", "fsx, TERM",
        "stress, INT", "stress, TERM",
        "fuzz, INT", "fuzz, TERM",
        "crash-images, INT", "crash-images, TERM",
        "crash-kills, INT", "crash-kills, TERM"})
    void aStoppedCampaignLeavesNoFilesAndNoChildren(String campaign, String signal) throws Exception {
        Process process = start(campaign);
        List<ProcessHandle> children = List.of();
        try {
            boolean killCampaign = campaign.equals("crash-kills");
            awaitFiles(process, killCampaign);
            children = killChildren(process);
            assertTrue(!killCampaign || !children.isEmpty(), "the kill campaign has no child JVM running");
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());
            assertTrue(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), campaign + " did not stop on SIG" + signal);
            for (ProcessHandle child : children) {
                try {
                    child.onExit().get(2, TimeUnit.SECONDS); // killed before the parent exits; a moment to be reaped
                } catch (java.util.concurrent.TimeoutException alive) {
                    throw new AssertionError("child " + child.pid() + " outlived " + campaign + " stopped by SIG" + signal);
                }
            }
            assertEquals(List.of(), files(), campaign + " stopped by SIG" + signal + " left files behind");
        } finally {
            children.forEach(ProcessHandle::destroyForcibly); // a failed run's orphans
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** The command, sized to run far longer than the test waits, in a child JVM. */
    private Process start(String campaign) throws IOException {
        String d = dir.toString();
        List<String> args = switch (campaign) {
            case "fsx" -> List.of("fsx", "--ops", "1000000000", "--seed", "1", "--dir", d);
            case "stress" -> List.of("stress", "--seconds", "3600", "--seed", "1", "--dir", d);
            case "fuzz" -> List.of("fuzz", "--images", "100000000", "--seed", "1", "--dir", d);
            case "crash-images" -> List.of("crash-test", "--images", "1000000000", "--kills", "0", "--fuzz", "0",
                    "--seed", "1", "--skip-catalogue", "--dir", d);
            // Children with a long workload: one left alive would outlive its parent by minutes.
            case "crash-kills" -> List.of("crash-test", "--images", "0", "--sequences", "0", "--kills", "100000",
                    "--kill-ops", "1000000", "--fuzz", "0", "--seed", "1", "--skip-catalogue", "--dir", d);
            default -> throw new IllegalArgumentException(campaign);
        };
        return CliProcess.of(args).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The kill campaign's child JVMs running now (a JVM may start other short-lived helpers). */
    private static List<ProcessHandle> killChildren(Process process) {
        return process.descendants().filter(child -> child.info().commandLine().orElse("").contains("KillChild")).toList();
    }

    /** Waits until the campaign has files in the directory (and, if asked, kill-campaign children). */
    private void awaitFiles(Process process, boolean children) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (files().stream().noneMatch(file -> file.toString().endsWith(".dax"))
                || children && killChildren(process).isEmpty()) {
            assertTrue(process.isAlive(), "the campaign ended by itself, status " + (process.isAlive() ? 0 : process.exitValue()));
            assertTrue(System.nanoTime() < deadline, "no container appeared in " + WAIT_SECONDS + " s");
            Thread.sleep(20);
        }
    }

    /** Everything under the directory; listed again if a file went while it was being listed. */
    private List<Path> files() throws IOException {
        while (true) {
            try (Stream<Path> files = Files.walk(dir)) {
                return files.filter(file -> !file.equals(dir)).toList();
            } catch (java.io.UncheckedIOException vanished) {
                continue;
            }
        }
    }
}
