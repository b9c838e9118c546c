package org.daxstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Container paths for tests: on tmpfs when there is one, deleted by the caller. */
public final class TempStores {
    private TempStores() {
    }

    /** A fresh path (no file yet) for a container. */
    public static Path newContainerPath(String prefix) {
        Path dir = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
        try {
            Path path = Files.createTempFile(dir, prefix, ".dax");
            Files.delete(path);
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
