package org.daxstore.cli.workload;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.daxstore.NotAContainerException;
import org.daxstore.harness.exercise.RunDirectory;
import org.daxstore.media.FileIdentity;
import org.daxstore.nativebridge.LibC;
import org.daxstore.nativebridge.MediaProbe;

/**
 * Where a run puts its files: the container, and beside it (in a private directory that goes
 * when the run ends, or when the JVM is stopped) the baselines' plain files and fio's. From
 * {@code --dir DIR}, the container goes into that private directory too; from
 * {@code --device PATH}, it is PATH: a new file (on a DAX file system, tmpfs, anything) or a
 * device DAX node, which is formatted in place and has no baselines beside it.
 */
public final class Location implements AutoCloseable {
    static final String PREFIX = "daxstore-workload-";
    private static final String CONTAINER = "container.dax";

    private final Path directory;
    private final RunDirectory work;
    private final Path container;
    private final boolean deviceDax;
    /**
     * For a container the run makes at {@code --device PATH}, outside its private directory:
     * removes it when the JVM stops before {@link #close} (a second signal, a run past the grace
     * period), as the private directory's own hook removes what is in there; null otherwise.
     */
    private final Thread containerHook;
    /**
     * Whether this run made the container, or is making it ({@link #containerMade}): only then do
     * {@link #close} and the hook remove it. Another run given the same new {@code --device} path
     * may have made it after this one found the path free; this run then fails to make its own
     * (a failed create removes only a file it created), and must not remove that run's.
     */
    private volatile boolean made;

    private Location(Path directory, RunDirectory work, Path container, boolean deviceDax) {
        this.directory = directory;
        this.work = work;
        this.container = container;
        this.deviceDax = deviceDax;
        if (!deviceDax && !container.startsWith(work.path())) {
            containerHook = new Thread(() -> {
                try {
                    removeIfMade();
                } catch (IOException e) {
                    // the JVM is stopping: nothing more to do about it
                }
            }, "daxstore-workload-container-cleanup");
            Runtime.getRuntime().addShutdownHook(containerHook);
        } else {
            containerHook = null;
        }
    }

    /**
     * Every file of the run in a private directory inside {@code dir}.
     *
     * @param dir an existing directory the run may create files in
     * @return the location; close it to remove what the run left
     * @throws UsageException if {@code dir} is no directory or refuses new files
     */
    public static Location inDirectory(Path dir) {
        RunDirectory work = workDirectory("--dir", dir);
        return new Location(dir, work, work.path().resolve(CONTAINER), false);
    }

    /**
     * The container at {@code path}, the other files beside it.
     *
     * @param path a file that does not exist yet, in a directory the run may write, or a device DAX node
     * @return the location; close it to remove the files the run made (a device stays formatted)
     * @throws UsageException if {@code path} exists and is no device DAX (a file of someone's, a
     *     directory, another device), or its directory refuses new files
     */
    public static Location onDevice(Path path) {
        if (Files.exists(path)) {
            try {
                FileIdentity.of(path); // refuses, naming it, anything but a regular file or device DAX
            } catch (NotAContainerException e) {
                throw new UsageException("--device " + e.getMessage());
            } catch (IOException e) {
                throw new UsageException("--device " + path + ": " + reason(e), e);
            }
            if (Files.isRegularFile(path)) {
                throw new UsageException("--device " + path + ": exists; the run formats a container of its own there,"
                        + " so name a file that does not exist (it is removed afterwards) or a device DAX node");
            }
            return new Location(path.toAbsolutePath().getParent(), null, path, true);
        }
        Path parent = path.toAbsolutePath().getParent();
        RunDirectory work = workDirectory("--device", parent);
        return new Location(parent, work, path, false);
    }

    private static RunDirectory workDirectory(String option, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UsageException(option + " " + dir + ": " + (Files.exists(dir) ? "not a directory" : "no such directory"));
        }
        try {
            return RunDirectory.create(dir, PREFIX);
        } catch (IllegalArgumentException e) {
            String why = e.getCause() instanceof IOException io ? reason(io) : e.getMessage();
            throw new UsageException(option + " " + dir + ": cannot create files there (" + why + ")", e);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "the file system refuses new files";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage();
    }

    /** The directory the files are in (the container's, for a device). */
    public Path directory() {
        return directory;
    }

    public Path container() {
        return container;
    }

    /** Whether the container is a device DAX node: no file system, so no baselines and no fio beside it. */
    public boolean isDeviceDax() {
        return deviceDax;
    }

    /**
     * A path for a file of the run beside the container.
     *
     * @throws IllegalStateException for a device DAX, which has no directory of the run
     */
    public Path file(String name) {
        if (work == null) {
            throw new IllegalStateException("no files beside a device DAX");
        }
        return work.path().resolve(name);
    }

    /** The directory's file system, e.g. {@code tmpfs}, with {@code , DAX} where loads reach the media; or {@code unknown}. */
    public String fileSystem() {
        if (!LibC.isAvailable()) {
            return "unknown";
        }
        try {
            MediaProbe probe = MediaProbe.of(deviceDax ? container : directory);
            String type = deviceDax ? "device DAX" : probe.fileSystemType() != null ? probe.fileSystemType() : "unknown";
            return probe.isDax() && !deviceDax ? type + ", DAX" : type;
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    /** Bytes free for the run's files, as the file system tells; a device's own size is the container's. */
    public long usableSpace() {
        try {
            return Files.getFileStore(directory).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE; // cannot tell: let the run find out
        }
    }

    /** Removes the run's private directory and everything in it. */
    @Override
    public void close() {
        if (containerHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(containerHook);
            } catch (IllegalStateException stopping) {
                return; // the JVM is stopping and the hooks run (or ran) instead
            }
        }
        if (work != null) {
            work.close();
        }
        if (!deviceDax) {
            try {
                removeIfMade();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot remove " + container + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Says whether the container at the path is this run's: true just before the run creates its
     * store there (a stop meanwhile removes what it made), false if that create failed.
     */
    public void containerMade(boolean ours) {
        made = ours;
    }

    private void removeIfMade() throws IOException {
        if (made) {
            Files.deleteIfExists(container);
        }
    }
}
