package org.daxstore.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted on a fresh temporary directory, for full-file-system tests of the tool;
 * unmounted and removed on close. Skips the test, saying why, without root.
 */
final class SmallTmpfs implements AutoCloseable {
    private final Path mount;

    private SmallTmpfs(Path mount) {
        this.mount = mount;
    }

    static SmallTmpfs mount(String size) throws Exception {
        Path mount = Files.createTempDirectory("daxstore-small-tmpfs-");
        if (system("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mount.toString()) != 0) {
            Files.deleteIfExists(mount);
            assumeTrue(false, "mounting a small tmpfs needs root and mount permission; skipped without them");
        }
        return new SmallTmpfs(mount);
    }

    Path path() {
        return mount;
    }

    Path resolve(String name) {
        return mount.resolve(name);
    }

    @Override
    public void close() throws Exception {
        // A mapping the collector has not yet reclaimed (fsx's kernel oracle maps its files with
        // MappedByteBuffers) keeps the file system busy: collect, then try again.
        for (int attempt = 0; attempt < 5 && system("umount", mount.toString()) != 0; attempt++) {
            System.gc();
            Thread.sleep(100);
        }
        Files.deleteIfExists(mount);
    }

    private static int system(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
