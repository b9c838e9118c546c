package org.daxstore.harness.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fault path under fire: views of several files used by writers and readers while removers
 * truncate, punch, delete and recreate them. The detector is under test too: with the grace
 * period switched off and every access slowed down between translating and touching memory,
 * the same stress must find violations.
 */
class ConcurrencyStressTest {
    private static final Path DIR = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm")
            : Path.of(System.getProperty("java.io.tmpdir"));
    private static final double SECONDS = Double.parseDouble(System.getProperty("daxstore.stress.seconds", "40"));
    private static final Pattern SUMMARY = Pattern.compile("stress: (\\d+) accesses, (\\d+) truncate/punch events, (\\d+) violations");

    @Test
    void noAccessEverSeesAForeignOrStaleValue() throws Exception {
        Stress.Result result = Stress.run(Stress.Options.defaults(DIR, 20261126L, SECONDS), accesses -> { });
        assertNull(result.report(), result.report());
        assertEquals(0, result.violations());
        assertTrue(result.accesses() > 100_000, "only " + result.accesses() + " accesses");
        assertTrue(result.events() > 100, "only " + result.events() + " removals");
    }

    @Test
    @Tag("detector")
    void slowAccessesAreStillSafeWithTheGracePeriod() throws Exception {
        long[] summary = runChild(false, 10);
        assertEquals(0, summary[2], "violations with the grace period on");
        assertTrue(summary[1] > 50, "only " + summary[1] + " removals");
    }

    @Test
    @Tag("detector")
    void withoutTheGracePeriodTheStressFindsViolations() throws Exception {
        long[] summary = runChild(true, 20);
        assertTrue(summary[2] > 0, "the detector found nothing with the grace period off: it cannot be trusted");
    }

    /** Runs the stress in a child JVM with the race window widened; returns accesses, events, violations. */
    private static long[] runChild(boolean gracePeriodOff, int seconds) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dchronicle.analytics.disable=true", "-Ddaxstore.testing.raceWindowNanos=20000"));
        String medium = System.getProperty(org.daxstore.MediumChoice.PROPERTY);
        if (medium != null) {
            command.add("-D" + org.daxstore.MediumChoice.PROPERTY + "=" + medium);
        }
        if (gracePeriodOff) {
            command.add("-Ddaxstore.testing.gracePeriod=off");
        }
        command.addAll(List.of(StressInThisProcess.class.getName(), DIR.toString(), "7", String.valueOf(seconds)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(seconds + 60L, TimeUnit.SECONDS), "the child did not finish");
        Matcher m = SUMMARY.matcher(output);
        assertTrue(m.find(), output);
        if (!gracePeriodOff) {
            assertEquals("0", m.group(3), output);
        }
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
    }
}
