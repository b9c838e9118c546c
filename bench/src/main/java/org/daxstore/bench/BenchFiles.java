package org.daxstore.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where benchmark containers go: {@code -Ddaxstore.bench.dir} (default /dev/shm). */
final class BenchFiles {
    private BenchFiles() {
    }

    static Path newContainer(String prefix) throws IOException {
        Path dir = Path.of(System.getProperty("daxstore.bench.dir", "/dev/shm"));
        Path path = Files.createTempFile(dir, prefix, ".dax");
        Files.delete(path);
        return path;
    }
}
