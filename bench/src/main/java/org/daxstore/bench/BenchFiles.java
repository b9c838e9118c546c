package org.daxstore.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.daxstore.StoreOptions;
import org.daxstore.format.Layout;

/** Where benchmark containers go: {@code -Ddaxstore.bench.dir} (default /dev/shm). */
final class BenchFiles {
    /** The layout {@code options} give a new store (the public options name no internal type). */
    static Layout layoutOf(StoreOptions options) {
        return Layout.forOptions(options.capacity(), options.blockSize(), options.maxFiles());
    }

    private BenchFiles() {
    }

    static Path newContainer(String prefix) throws IOException {
        Path dir = Path.of(System.getProperty("daxstore.bench.dir", "/dev/shm"));
        Path path = Files.createTempFile(dir, prefix, ".dax");
        Files.delete(path);
        return path;
    }

    /**
     * Refuses, before anything is written, a container of {@code bytes} at {@code path} (not yet
     * created) that its file system has no room for: on a full tmpfs a store into a page that has
     * no storage is SIGBUS, not an exception. The file store asked is the directory's.
     */
    static void requireSpace(Path path, long bytes, String what) throws IOException {
        long free = Files.getFileStore(path.getParent()).getUsableSpace();
        if (free < bytes) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "%s needs %,d bytes free in %s; %,d are: choose a smaller size or another -Ddaxstore.bench.dir",
                    what, bytes, path.getParent(), free));
        }
    }
}
