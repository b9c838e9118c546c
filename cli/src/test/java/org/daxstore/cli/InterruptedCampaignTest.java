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
 *
 * <p>The run must also stop before its files go, and say so: its last line of output is
 * {@code <command>: interrupted by SIG<name>}, its status 130 (SIGINT) or 143 (SIGTERM), and
 * nothing it reports is a failure. The shutdown hook used to remove the run's directory while the
 * run went on, and fsx then reported a mismatch against the kernel oracle's vanished files.
 */
class InterruptedCampaignTest {
    private static final long WAIT_SECONDS = 180;

    private Path dir;
    private Path stdout;
    private Path stderr;

    @BeforeEach
    void createDirectory() throws IOException {
        dir = Files.createTempDirectory(Path.of("/dev/shm"), "interrupted-");
        stdout = Files.createTempFile(Path.of("/dev/shm"), "interrupted-", ".out");
        stderr = Files.createTempFile(Path.of("/dev/shm"), "interrupted-", ".err");
    }

    @AfterEach
    void deleteDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
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
            assertReportedInterrupted(process, campaign, signal);
        } finally {
            children.forEach(ProcessHandle::destroyForcibly); // a failed run's orphans
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /**
     * SIGKILL runs no hook: the killed run's directory stays, with its containers, until the next
     * run of that campaign in the same directory removes it (its owner is dead). They stayed for
     * ever.
     */
    @ParameterizedTest(name = "{0} killed with SIGKILL")
    @CsvSource({"fsx, fsx --ops 10", "stress, stress --seconds 0.1", "fuzz, fuzz --images 1",
        "crash-images, crash-test --images 1 --sequences 1 --kills 0 --fuzz 0 --skip-catalogue"})
    void aRunKilledWithSigkillLeavesItsDirectoryToTheNextRun(String campaign, String next) throws Exception {
        Process process = start(campaign);
        try {
            awaitFiles(process, false);
            process.destroyForcibly();
            assertTrue(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), campaign + " outlived SIGKILL");
            assertTrue(!files().isEmpty(), "SIGKILL left nothing to clean");
            try (CliSession cli = new CliSession("after-kill-")) {
                List<String> args = new java.util.ArrayList<>(List.of(next.split(" ")));
                args.addAll(List.of("--seed", "2", "--dir", dir.toString()));
                assertEquals(0, cli.run(args.toArray(String[]::new)), cli.out() + cli.err());
            }
            assertEquals(List.of(), files(), "the next " + campaign + " run left the killed run's files");
        } finally {
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
        return CliProcess.of(args).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    }

    /** Status 128 + the signal's number, "interrupted" as the last line, and no failure reported. */
    private void assertReportedInterrupted(Process process, String campaign, String signal) throws IOException {
        String out = Files.readString(stdout);
        String err = Files.readString(stderr);
        String what = campaign + " stopped by SIG" + signal + "\nstdout:\n" + out + "\nstderr:\n" + err;
        assertEquals(signal.equals("INT") ? 130 : 143, process.exitValue(), what);
        String command = campaign.startsWith("crash") ? "crash" : campaign;
        assertTrue(out.endsWith(command + ": interrupted by SIG" + signal + "\n"), what);
        assertEquals("", err, what);
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
