package org.daxstore.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.daxstore.DaxFile;
import org.daxstore.DaxStore;
import org.daxstore.DaxStoreException;
import org.daxstore.fs.FileNames;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * Copying bytes between host files (or standard streams) and store files, 1 MiB at a time, so
 * files of any size stream through a fixed buffer. The standard streams are never closed: the
 * commands also run in-process (tests), where closing standard output would silence the JVM.
 */
final class DataCommands {
    private static final int CHUNK = 1 << 20;

    private DataCommands() {
    }

    private static boolean standardStream(String name) {
        return name == null || name.equals("-");
    }

    /**
     * Replaces a store file with a host file's bytes atomically: they are written to a temporary
     * file of the store's own ({@link DaxStore#createTemporary()}), forced, then renamed over the
     * name ({@link DaxStore#renameReplacing}), so a put that fails (a full store or file system, a
     * read error) leaves the old file byte for byte and a new name absent, and deletes its
     * temporary. A put killed before it could delete it leaves the temporary, which the store
     * deletes at its next open.
     */
    @Command(name = "put", mixinStandardHelpOptions = true,
            description = "Copy a host file (or standard input) into a store file, replacing it atomically.")
    static final class Put implements Callable<Integer> {
        @Parameters(index = "0", description = "The container file.") Path path;
        @Parameters(index = "1", description = "File name in the store.") String name;
        @Parameters(index = "2", arity = "0..1", description = "Host file; '-' or none for standard input.") String source;
        @Mixin StoreAccess access;

        /** Opens the source before the store, so a missing host file leaves the store untouched. */
        @Override
        public Integer call() throws IOException {
            if (standardStream(source)) {
                HostFiles.refuseTheContainer(path, HostFiles.STANDARD_INPUT, "copying from");
                copyFrom(StandardStreams.input());
            } else {
                HostFiles.refuseTheContainer(path, Path.of(source), "copying from");
                try (InputStream in = new HostFileInput(Path.of(source), Files.newInputStream(Path.of(source)))) {
                    copyFrom(in);
                }
            }
            return 0;
        }

        private void copyFrom(InputStream in) throws IOException {
            try (DaxStore store = access.open(path)) {
                String temporary;
                try (DaxFile file = store.createTemporary()) {
                    temporary = file.name();
                    try {
                        byte[] buffer = new byte[CHUNK];
                        long position = 0;
                        for (int n; (n = in.readNBytes(buffer, 0, buffer.length)) > 0; position += n) {
                            file.write(position, buffer, 0, n);
                        }
                        file.force(); // durable before it takes the name: a crash after the rename keeps the bytes
                    } catch (DaxStoreException e) {
                        deleteTemporary(store, temporary, e);
                        throw forTheTarget(e, temporary);
                    } catch (IOException | RuntimeException | Error e) {
                        deleteTemporary(store, temporary, e);
                        throw e;
                    }
                }
                try {
                    store.renameReplacing(temporary, name);
                } catch (RuntimeException | Error e) {
                    deleteTemporary(store, temporary, e);
                    throw e;
                }
            }
        }

        /**
         * The store's failure to write the temporary, said of the file the user named: the
         * temporary's name is the tool's business, so it is given in brackets only.
         */
        private IOException forTheTarget(DaxStoreException failure, String temporary) {
            String location = path + ": file " + FileNames.quote(temporary) + ": ";
            String message = String.valueOf(failure.getMessage());
            String detail = message.startsWith(location) ? message.substring(location.length()) : message;
            return new IOException(path + ": cannot put " + FileNames.quote(name) + " (written first to the temporary "
                    + FileNames.quote(temporary) + "): " + detail, failure);
        }

        private static void deleteTemporary(DaxStore store, String temporary, Throwable failure) {
            try {
                store.delete(temporary);
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "Copy a store file to a host file (or standard output).")
    static final class Get implements Callable<Integer> {
        @Parameters(index = "0", description = "The container file.") Path path;
        @Parameters(index = "1", description = "File name in the store.") String name;
        @Parameters(index = "2", arity = "0..1", description = "Host file; '-' or none for standard output.") String target;
        @Mixin StoreAccess access;

        /**
         * Opens the store file before the target, so a missing store file does not clobber a host
         * file; and never opens the container itself as the target.
         */
        @Override
        public Integer call() throws IOException {
            if (standardStream(target)) {
                StandardStreams.requireOutput(); // before the store opens: nothing is read for a closed stream
            }
            HostFiles.refuseTheContainer(path, standardStream(target) ? HostFiles.STANDARD_OUTPUT : Path.of(target),
                    "writing to");
            try (DaxStore store = access.open(path); DaxFile file = store.openFile(name)) {
                if (standardStream(target)) {
                    copyToStandardOutput(file);
                } else {
                    ReplacingHostFile.write(Path.of(target), out -> copyTo(file, out));
                }
            }
            return 0;
        }

        /**
         * Writes to descriptor 1 itself: {@code System.out} is a {@link java.io.PrintStream},
         * which swallows the error that says why a write failed. A reader that stops reading
         * (`| head -c 10`) closes its end of the pipe and the next write fails (EPIPE): it has
         * what it wanted, so that ends the copy quietly, with status 0. A write to a pipe or a
         * socket fails for no other reason (unless its owner made it non-blocking, which a shell
         * does not); anything else (a full disk, /dev/full) is an error.
         */
        private static void copyToStandardOutput(DaxFile file) throws IOException {
            OutputStream out = new FileOutputStream(FileDescriptor.out); // not closed: that would close descriptor 1
            try {
                copyTo(file, out);
            } catch (IOException e) {
                if (!standardOutputIsAPipeOrSocket()) {
                    throw new IOException("cannot write to standard output: " + e.getMessage(), e);
                }
            }
        }

        private static boolean standardOutputIsAPipeOrSocket() {
            try {
                String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
                return target.startsWith("pipe:") || target.startsWith("socket:");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }

        private static void copyTo(DaxFile file, OutputStream out) throws IOException {
            byte[] buffer = new byte[CHUNK];
            long position = 0;
            for (int n; (n = file.read(position, buffer, 0, buffer.length)) > 0; position += n) {
                out.write(buffer, 0, n);
            }
            out.flush();
        }
    }
}
