package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.daxstore.nativebridge.LibC;
import org.junit.jupiter.api.Test;

/**
 * Without the native bridge (JNA or libc unavailable) the store must still be correct: it
 * preallocates by writing zeros and keeps freed storage. fsx then checks it against the model
 * only, and refuses the kernel oracle with the reason. Run in a child JVM, because the bridge
 * decides once per process whether it loads.
 */
class NoNativeBridgeTest {
    @Test
    void theExerciserPassesWithTheBridgeDisabled() throws Exception {
        Path dir = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-D" + LibC.DISABLE_PROPERTY + "=true", "-Dchronicle.analytics.disable=true",
                ExerciseInThisProcess.class.getName(), dir.toString(), "99", "10000"))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the child JVM did not finish");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("native bridge unavailable (disabled by -Ddaxstore.native.disable=true)"), output);
        assertTrue(output.contains("fsx: 10000 ops, 0 mismatches"), output);
        assertTrue(output.contains("kernel oracle: the kernel oracle needs the native bridge for fallocate, which is"
                + " unavailable (disabled by -D" + LibC.DISABLE_PROPERTY + "=true)"), output);
    }
}
