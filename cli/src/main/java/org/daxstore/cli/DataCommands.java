package org.daxstore.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.daxstore.DaxFile;
import org.daxstore.DaxStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Copying bytes between host files (or standard streams) and store files, 1 MiB at a time. */
final class DataCommands {
    private static final int CHUNK = 1 << 20;

    private DataCommands() {
    }

    @Command(name = "put", mixinStandardHelpOptions = true,
            description = "Copy a host file (or standard input) into a store file, replacing its contents.")
    static final class Put implements Callable<Integer> {
        @Parameters(index = "0", description = "The container file.") Path path;
        @Parameters(index = "1", description = "File name in the store.") String name;
        @Parameters(index = "2", arity = "0..1", description = "Host file; '-' or none for standard input.") String source;

        @Override
        public Integer call() throws Exception {
            try (DaxStore store = DaxStore.open(path);
                 DaxFile file = store.exists(name) ? store.openFile(name) : store.create(name);
                 InputStream in = source == null || source.equals("-") ? System.in : Files.newInputStream(Path.of(source))) {
                file.truncate(0);
                byte[] buffer = new byte[CHUNK];
                long position = 0;
                for (int n; (n = in.readNBytes(buffer, 0, buffer.length)) > 0; position += n) {
                    file.write(position, buffer, 0, n);
                }
            }
            return 0;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "Copy a store file to a host file (or standard output).")
    static final class Get implements Callable<Integer> {
        @Parameters(index = "0", description = "The container file.") Path path;
        @Parameters(index = "1", description = "File name in the store.") String name;
        @Parameters(index = "2", arity = "0..1", description = "Host file; '-' or none for standard output.") String target;

        @Override
        public Integer call() throws Exception {
            boolean toStdout = target == null || target.equals("-");
            try (DaxStore store = DaxStore.open(path);
                 DaxFile file = store.openFile(name);
                 OutputStream out = toStdout ? System.out : Files.newOutputStream(Path.of(target))) {
                byte[] buffer = new byte[CHUNK];
                long position = 0;
                for (int n; (n = file.read(position, buffer, 0, buffer.length)) > 0; position += n) {
                    out.write(buffer, 0, n);
                }
                out.flush();
            }
            return 0;
        }
    }
}
