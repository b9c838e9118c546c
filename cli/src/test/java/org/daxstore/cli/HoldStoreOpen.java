package org.daxstore.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.daxstore.DaxStore;

/**
 * A child process for tests: opens the store named by its argument, prints "open", and keeps
 * it open until its standard input closes.
 */
public final class HoldStoreOpen {
    private HoldStoreOpen() {
    }

    public static void main(String[] args) throws IOException {
        try (DaxStore store = DaxStore.open(Path.of(args[0]))) {
            System.out.println("open");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the store until the parent closes the pipe
            }
        }
    }
}
