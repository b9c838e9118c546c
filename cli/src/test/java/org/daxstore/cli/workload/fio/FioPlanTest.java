package org.daxstore.cli.workload.fio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.daxstore.cli.workload.Location;
import org.junit.jupiter.api.Test;

/**
 * Which fio jobs a run gets: none, said once and why, without fio on the PATH; the engines this
 * fio has, each one it lacks named; libpmem only where libpmem says pmem or
 * {@code PMEM_IS_PMEM_FORCE=1} says to pretend. fio is played by a shell script here, so that
 * the test needs no fio (and cannot be fooled by the one installed).
 */
class FioPlanTest {
    @Test
    void withoutFioOnThePathTheRunSaysOnceWhyItHasNoFioRows() throws Exception {
        try (Scratch scratch = new Scratch()) {
            FioPlan plan = FioPlan.of(Map.of("PATH", scratch.dir.resolve("empty") + ":/nonexistent"), scratch.location);
            assertTrue(plan.tool().isEmpty());
            assertEquals(List.of(), plan.engines());
            assertEquals(List.of("fio rows skipped: no fio on the PATH (on Debian or Ubuntu: apt-get install fio)"), plan.notes());
        }
    }

    @Test
    void anEngineThisFioLacksIsNamedAndLibpmemNeedsPmem() throws Exception {
        try (Scratch scratch = new Scratch()) {
            Path bin = scratch.fakeFio("fio-9.99", "mmap", "sync");
            FioPlan plan = FioPlan.of(Map.of("PATH", bin.toString()), scratch.location);
            assertEquals("fio-9.99", plan.tool().orElseThrow().version());
            assertEquals(List.of("mmap"), plan.engines());
            assertEquals(List.of("fio psync skipped: fio-9.99 has no psync engine", "fio libpmem skipped: fio-9.99 has no libpmem engine"),
                    plan.notes());
        }
    }

    @Test
    void libpmemRunsWhereForcedAndOnTmpfsIsSkippedSayingWhy() throws Exception {
        try (Scratch scratch = new Scratch()) {
            Path bin = scratch.fakeFio("fio-3.33", "mmap", "psync", "libpmem");
            FioPlan forced = FioPlan.of(Map.of("PATH", bin.toString(), "PMEM_IS_PMEM_FORCE", "1"), scratch.location);
            assertEquals(List.of("mmap", "psync", "libpmem"), forced.engines());
            assertEquals(List.of(), forced.notes());
            FioPlan tmpfs = FioPlan.of(Map.of("PATH", bin.toString()), scratch.location);
            assertEquals(List.of("mmap", "psync"), tmpfs.engines());
            assertEquals(1, tmpfs.notes().size());
            assertTrue(tmpfs.notes().get(0).startsWith("fio libpmem skipped: "), tmpfs.notes().toString());
        }
    }

    /** A run's location in /dev/shm, and a directory for fake fios. */
    private static final class Scratch implements AutoCloseable {
        final Path dir;
        final Location location;

        Scratch() throws Exception {
            dir = Files.createTempDirectory(Path.of("/dev/shm"), "fio-plan-");
            location = Location.inDirectory(dir);
        }

        /** A directory holding a {@code fio} that prints {@code version} and lists {@code engines}. */
        Path fakeFio(String version, String... engines) throws Exception {
            Path bin = Files.createDirectories(dir.resolve("bin-" + version));
            Path fio = bin.resolve("fio");
            Files.writeString(fio, "#!/bin/sh\ncase \"$1\" in\n  --version) echo " + version + " ;;\n"
                    + "  --enghelp) echo 'Available IO engines:'; for e in " + String.join(" ", engines)
                    + "; do printf '\\t%s\\n' \"$e\"; done ;;\nesac\n");
            Files.setPosixFilePermissions(fio, PosixFilePermissions.fromString("rwx------"));
            return bin;
        }

        @Override
        public void close() throws Exception {
            location.close();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
