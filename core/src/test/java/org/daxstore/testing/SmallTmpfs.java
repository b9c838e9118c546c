package org.daxstore.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted on a fresh temporary directory, for tests of a full file system;
 * closing unmounts it and removes the directory. Mounting needs root: without it the test is
 * skipped, saying so.
 */
public final class SmallTmpfs implements AutoCloseable {
    private final Path mount;

    private SmallTmpfs(Path mount) {
        this.mount = mount;
    }

    /** Mounts a tmpfs of {@code size} (mount's syntax: {@code 8m}), or skips the test. */
    public static SmallTmpfs mount(String size) throws IOException, InterruptedException {
        Path mount = Files.createTempDirectory("daxstore-small-tmpfs-");
        if (run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mount.toString()) != 0) {
            Files.deleteIfExists(mount);
            assumeTrue(false, "mounting a small tmpfs needs root and mount permission; this test is skipped without them");
        }
        return new SmallTmpfs(mount);
    }

    public Path resolve(String name) {
        return mount.resolve(name);
    }

    /** Writes a file named {@code name} until the file system is full, then frees {@code leave} bytes of it. */
    public Path fill(String name, long leave) throws IOException {
        Path filler = mount.resolve(name);
        ByteBuffer chunk = ByteBuffer.allocate(64 << 10);
        try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            try {
                while (true) {
                    channel.write(chunk.clear());
                }
            } catch (IOException e) {
                if (!String.valueOf(e.getMessage()).contains("No space left")) {
                    throw e;
                }
            }
            channel.truncate(Math.max(0, channel.size() - leave));
        }
        return filler;
    }

    /** Runs a command; its exit status, or -1 if it ran over 30 s. */
    public static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", mount.toString());
        Files.deleteIfExists(mount);
    }
}
