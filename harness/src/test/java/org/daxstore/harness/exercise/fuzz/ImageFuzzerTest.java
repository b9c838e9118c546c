package org.daxstore.harness.exercise.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The image fuzzing campaign of the default build: {@value #IMAGES} damaged images, each refused
 * with a typed exception or opened, used and found consistent, none crashing, hanging,
 * disagreeing or opening inconsistent; each refused one then repaired to a clean store that
 * opens, or left untouched as unusable ({@link ImageFuzzer} states the oracle).
 * Longer campaigns: {@code daxstore fuzz --images N --seed S}.
 */
class ImageFuzzerTest {
    private static final int IMAGES = Integer.getInteger("daxstore.fuzz.images", 10_000);
    private static final long SEED = Long.getLong("daxstore.fuzz.seed", 20261126L);

    private Path dir;

    @BeforeEach
    void createDir() throws IOException {
        Path parent = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
        dir = Files.createTempDirectory(parent, "fuzz-");
    }

    @AfterEach
    void deleteDir() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** This JVM's CPU time: the campaign's cost on a shared machine, where its wall time says more about the load. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    @Test
    void noDamagedImageCrashesHangsOrGetsPastTheChecks() {
        long start = System.nanoTime();
        long cpu = processCpuNanos();
        FuzzResult result = ImageFuzzer.run(SEED, IMAGES, dir);
        System.out.println(result.summary() + " in " + (System.nanoTime() - start) / 1_000_000 + " ms, "
                + (processCpuNanos() - cpu) / 1_000_000 + " ms of CPU (seed " + SEED + ")");
        result.failures().stream().limit(20).forEach(System.out::println);
        assertEquals(IMAGES, result.images());
        assertTrue(result.failures().isEmpty(), () -> result.failures().size() + " failures, first: " + result.failures().get(0));
        // Each outcome must occur, or the mix of damage has stopped reaching a part of the oracle.
        assertTrue(result.refused() > IMAGES / 20, result.summary());
        assertTrue(result.openedConsistent() > IMAGES / 20, result.summary());
        assertEquals(IMAGES, result.refused() + result.openedConsistent());
        // Every image refused was repaired, or left untouched as unusable.
        assertEquals(result.refused(), result.repaired() + result.unrepairable(), result.summary());
        assertTrue(result.repaired() > IMAGES / 4, result.summary());
        assertTrue(result.unrepairable() > IMAGES / 100, result.summary());
    }
}
