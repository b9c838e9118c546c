package org.daxstore.nativebridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What libpmem decides when it loads, seen from child JVMs: {@code PMEM_IS_PMEM_FORCE} (read from
 * the environment at load) and the disable properties (read once per process).
 */
class PmemChildTest {
    private Path path;

    @BeforeEach
    void createFile() throws IOException {
        assumeTrue(LibC.isAvailable(), () -> "the native bridge is unavailable: " + LibC.unavailableReason());
        path = Files.createTempFile(Path.of("/dev/shm"), "pmem-child-test-", ".bin");
        Files.write(path, new byte[1 << 20]);
    }

    @AfterEach
    void deleteFile() throws IOException {
        if (path != null) {
            Files.deleteIfExists(path);
        }
    }

    @Test
    void forcedPmemMakesATmpfsMappingPmem() throws Exception {
        assumeTrue(Pmem.isAvailable(), () -> "libpmem is unavailable: " + Pmem.unavailableReason());
        String output = runChild(Map.of("PMEM_IS_PMEM_FORCE", "1"), List.of(), path.toString());
        assertTrue(output.contains("mapping.isPmem=true\n"), output);
        assertTrue(output.contains("pmem_is_pmem=true\n"), output);
    }

    @Test
    void withoutForceATmpfsMappingIsNotPmem() throws Exception {
        assumeTrue(Pmem.isAvailable(), () -> "libpmem is unavailable: " + Pmem.unavailableReason());
        String output = runChild(Map.of(), List.of(), path.toString());
        assertTrue(output.contains("mapping.isPmem=false\n"), output);
        assertTrue(output.contains("pmem_is_pmem=false\n"), output);
    }

    /** The disable property stands in for a machine without libpmem: reported, and every call refused. */
    @Test
    void theDisablePropertyMakesLibpmemAbsent() throws Exception {
        String output = runChild(Map.of(), List.of("-D" + Pmem.DISABLE_PROPERTY + "=true"), path.toString());
        assertTrue(output.contains("available=false\n"), output);
        assertTrue(output.contains("reason=disabled by -Ddaxstore.pmem.disable=true\n"), output);
        assertTrue(output.contains("persist=NativeUnavailableException: disabled by -Ddaxstore.pmem.disable=true\n"),
                output);
    }

    @Test
    void disablingTheWholeBridgeDisablesLibpmem() throws Exception {
        String output = runChild(Map.of(), List.of("-D" + LibC.DISABLE_PROPERTY + "=true"), path.toString());
        assertTrue(output.contains("available=false\n"), output);
        assertTrue(output.contains(
                "reason=the native bridge is unavailable: disabled by -Ddaxstore.native.disable=true\n"), output);
    }

    private static String runChild(Map<String, String> environment, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.add(PmemChild.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("PMEM_IS_PMEM_FORCE");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child JVM did not finish in 60 s: " + output);
        }
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
