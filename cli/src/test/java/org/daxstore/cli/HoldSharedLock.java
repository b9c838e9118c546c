package org.daxstore.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A child process for tests: locks the file named by its argument shared, as an offline fsck
 * does, prints "locked", and holds the lock until its standard input closes.
 */
public final class HoldSharedLock {
    private HoldSharedLock() {
    }

    public static void main(String[] args) throws IOException {
        try (FileChannel file = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ);
                FileLock lock = file.lock(0, Long.MAX_VALUE, true)) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the parent closes the pipe
            }
        }
    }
}
