package org.daxstore.harness.exercise;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private temporary directory for the containers and images of one harness run (fsx, the
 * stress, the fuzzer, the crash campaigns), inside the directory the user named. It is removed
 * with everything in it when the run ends, and by a shutdown hook when the JVM is stopped first
 * (Ctrl-C, SIGINT or SIGTERM), where no {@code finally} block runs: a campaign of 32 MiB
 * containers in {@code /dev/shm} must not leave them behind.
 *
 * <p>On such a stop the hook first kills this JVM's child processes (the kill campaign's child
 * JVMs): Ctrl-C reaches them through the terminal's process group, a {@code kill} of this
 * process does not. The run's own threads keep running while the hook works, and may create a
 * file after a pass removed everything it saw, so the hook repeats until the directory itself is
 * gone (nothing can be created in it then). That hook is the last resort: removing files under a
 * run that still uses them makes it report failures that never were (fsx's kernel oracle loses
 * its plain files), so the tool handles SIGINT and SIGTERM itself, stops the run, and lets the
 * run's {@link #close()} remove the directory (cli's {@code Interruption}).
 *
 * <p>A run killed with SIGKILL runs neither, and leaves its directory. So the directory's name
 * carries its owner's pid ({@code <prefix><pid>-<random>}), and a file in it, {@value #OWNER_FILE},
 * says which process made it (pid and start time); each new run removes the directories of its
 * prefix in its parent that this user owns and whose owner has died. A directory is taken for
 * stale only if it has that name, is a real directory (not a link), belongs to this user and holds
 * the owner file naming a process that is not running (a live pid that started at another time
 * is another process: the owner is dead); anything else, a live run's directory above all, is
 * left alone.
 */
public final class RunDirectory implements AutoCloseable {
    private static final int REMOVAL_ATTEMPTS = 100;
    private static final long CHILD_EXIT_WAIT_MILLIS = 5_000;
    /** The file in a run's directory that names the process that made it. */
    static final String OWNER_FILE = ".daxstore-run-owner";

    private final Path path;
    private final Thread hook;

    private RunDirectory(Path path) {
        this.path = path;
        this.hook = new Thread(this::removeAfterStop, "daxstore-cleanup-" + path.getFileName());
    }

    /**
     * Creates {@code <parent>/<prefix><random>} and the hook that removes it.
     *
     * @throws IllegalArgumentException if it cannot be created (no such directory, no permission)
     */
    public static RunDirectory create(Path parent, String prefix) {
        StaleRunDirectories.remove(parent, prefix);
        Path path;
        try {
            path = Files.createTempDirectory(parent, prefix + ProcessHandle.current().pid() + "-");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create a container in " + parent + ": " + e, e);
        }
        RunDirectory run = new RunDirectory(path);
        Runtime.getRuntime().addShutdownHook(run.hook);
        try {
            Files.writeString(path.resolve(OWNER_FILE), StaleRunDirectories.owner(ProcessHandle.current()));
        } catch (IOException e) {
            run.close();
            throw new IllegalArgumentException("cannot write in " + path + ": " + e, e);
        }
        return run;
    }

    public Path path() {
        return path;
    }

    /** Removes the directory and everything in it, and the hook. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException stopping) {
            return; // the JVM is stopping and the hook runs (or ran) instead
        }
        try {
            removeTree(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the run's directory " + path + ": " + e.getMessage(), e);
        }
    }

    private void removeAfterStop() {
        List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CHILD_EXIT_WAIT_MILLIS);
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                // gone already, or not gone in time: its files are unlinked below either way
            }
        }
        for (int attempt = 0; attempt < REMOVAL_ATTEMPTS && Files.exists(path); attempt++) {
            try {
                removeTree(path);
            } catch (IOException e) {
                // a file appeared (or went) between the listing and the removal: look again
            }
        }
    }

    /** Removes {@code path} and everything under it, following no symbolic link. */
    static void removeTree(Path path) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(path)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (NoSuchFileException | UncheckedIOException gone) {
            return;
        }
        for (Path entry : paths) {
            try {
                Files.deleteIfExists(entry);
            } catch (DirectoryNotEmptyException appeared) {
                if (entry.equals(path)) {
                    throw appeared;
                }
            }
        }
    }
}
