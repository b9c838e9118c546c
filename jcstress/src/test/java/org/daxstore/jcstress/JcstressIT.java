package org.daxstore.jcstress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Runs the jcstress tests of this module in sanity mode (a short run that catches gross
 * breakage) as part of {@code mvn verify}, once with each way of ordering access sections (see
 * {@code AccessSections}): with membarrier where the kernel offers it, and with the volatile
 * store. scripts/jcstress.sh runs them for longer; only its longer modes are sure to catch a
 * missing StoreLoad ordering (docs/TESTING.md).
 */
class JcstressIT {
    @Test
    void theSeqtexAndTheGracePeriodPassJcstress() throws Exception {
        runJcstress(List.of());
    }

    @Test
    void theGracePeriodPassesJcstressWithoutMembarrier() throws Exception {
        runJcstress(List.of("-t", "GracePeriodTest|SectionEntryOrderingTest|ShootdownTest|InstallRaceTest",
                "-jvmArgsPrepend", "-Ddaxstore.membarrier.disable=true"));
    }

    private static void runJcstress(List<String> options) throws Exception {
        Path jar = Path.of("target", "jcstress.jar");
        assertTrue(Files.exists(jar), "package the module first: " + jar.toAbsolutePath());
        Path work = Files.createTempDirectory("jcstress-");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toAbsolutePath().toString(), "-m", "sanity",
                "-r", work.resolve("results").toString()));
        command.addAll(options);
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertTrue(process.waitFor(10, TimeUnit.MINUTES), "jcstress did not finish");
            assertEquals(0, process.exitValue(), output);
            assertTrue(output.contains("Failed tests: No matches."), output);
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
