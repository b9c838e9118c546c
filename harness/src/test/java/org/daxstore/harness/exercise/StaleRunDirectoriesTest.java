package org.daxstore.harness.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.daxstore.TempStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run killed with SIGKILL leaves its directory; the next run of the same prefix removes it, and
 * nothing else: not a live run's directory, not a directory without the owner file, not a link,
 * not a file, not another prefix's, not one whose owner file names another pid.
 */
class StaleRunDirectoriesTest {
    private static final String PREFIX = "daxstore-stale-test-";

    private Path parent;

    @BeforeEach
    void createParent() throws IOException {
        parent = Files.createTempDirectory(TempStores.newContainerPath("stale-").getParent(), "stale-runs-");
    }

    @AfterEach
    void deleteParent() throws IOException {
        try (Stream<Path> files = Files.walk(parent)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Test
    void onlyTheDirectoriesOfDeadOwnersGo() throws Exception {
        long dead = deadPid();
        ProcessHandle self = ProcessHandle.current();
        Path stale = runDirectory(PREFIX + dead + "-1", dead + " 2020-01-01T00:00:00Z\n");
        Path reused = runDirectory(PREFIX + self.pid() + "-2", self.pid() + " 1970-01-01T00:00:00Z\n");
        Path live = runDirectory(PREFIX + self.pid() + "-3", StaleRunDirectories.owner(self));
        Path noOwnerFile = Files.createDirectory(parent.resolve(PREFIX + dead + "-4"));
        Path otherPid = runDirectory(PREFIX + dead + "-5", self.pid() + " 2020-01-01T00:00:00Z\n");
        Path otherPrefix = runDirectory("daxstore-other-" + dead + "-6", dead + " 2020-01-01T00:00:00Z\n");
        Path target = runDirectory("link-target", dead + " 2020-01-01T00:00:00Z\n");
        Path link = Files.createSymbolicLink(parent.resolve(PREFIX + dead + "-7"), target);
        Path file = Files.writeString(parent.resolve(PREFIX + dead + "-8"), "a user's file");
        Path unknownStart = runDirectory(PREFIX + self.pid() + "-9", self.pid() + " unknown\n");

        try (RunDirectory run = RunDirectory.create(parent, PREFIX)) {
            assertTrue(run.path().getFileName().toString().startsWith(PREFIX + self.pid() + "-"), run.path().toString());
            assertEquals(StaleRunDirectories.owner(self), Files.readString(run.path().resolve(RunDirectory.OWNER_FILE)));
            for (Path gone : List.of(stale, reused)) {
                assertTrue(Files.notExists(gone), gone + " (its owner is dead) was not removed");
            }
            for (Path kept : List.of(live, noOwnerFile, otherPid, otherPrefix, target, link, file, unknownStart,
                    target.resolve("inside"))) {
                assertTrue(Files.exists(kept, java.nio.file.LinkOption.NOFOLLOW_LINKS), kept + " was removed");
            }
        }
    }

    /** A directory with the owner file and a file inside. */
    private Path runDirectory(String name, String owner) throws IOException {
        Path directory = Files.createDirectory(parent.resolve(name));
        Files.writeString(directory.resolve(RunDirectory.OWNER_FILE), owner);
        Files.writeString(directory.resolve("inside"), "x");
        return directory;
    }

    /** The pid of a process that has ended (and been reaped). */
    private static long deadPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        long pid = process.pid();
        assertTrue(ProcessHandle.of(pid).isEmpty(), "pid " + pid + " is alive again");
        return pid;
    }
}
