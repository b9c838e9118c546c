package org.daxstore.harness.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Scratch directories for crash tests: on tmpfs when there is one, as the campaigns assume. */
final class Scratch {
    private Scratch() {
    }

    static Path directory(String prefix) throws IOException {
        Path shm = Path.of("/dev/shm");
        return Files.createTempDirectory(Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir")), prefix);
    }
}
