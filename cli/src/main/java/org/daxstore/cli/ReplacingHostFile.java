package org.daxstore.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a host file the way {@code put} writes a store file: into a temporary beside it, renamed
 * over it only once complete, so a {@code get} that fails part-way (a full file system, a store
 * error) leaves the old host file byte for byte and no new one. A {@code get} onto a full tmpfs
 * truncated the old file and left a partial copy. An existing target that is not a regular file
 * (a device such as {@code /dev/null}, a FIFO) is written in place: it has nothing to keep and
 * cannot be renamed over. The new file takes the old one's permissions; its owner is whoever runs
 * the command. Failures say which host file and why.
 */
final class ReplacingHostFile {
    /** Writes the whole of a file's new contents to {@code out}. */
    @FunctionalInterface
    interface Contents {
        void writeTo(OutputStream out) throws IOException;
    }

    private ReplacingHostFile() {
    }

    static void write(Path target, Contents contents) throws IOException {
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            try (OutputStream out = Files.newOutputStream(target)) {
                contents.writeTo(out);
            } catch (IOException e) {
                throw failure(target, e);
            }
            return;
        }
        Path directory = target.toAbsolutePath().getParent();
        Path temporary;
        try {
            temporary = Files.createTempFile(directory, "." + target.getFileName() + ".daxstore-get-", "");
        } catch (IOException e) {
            throw failure(target, e);
        }
        try {
            if (Files.exists(target)) {
                Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(target));
            } else {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (OutputStream out = Files.newOutputStream(temporary)) {
                contents.writeTo(out);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            IOException failure = failure(target, e);
            delete(temporary, failure);
            throw failure;
        } catch (RuntimeException | Error e) {
            delete(temporary, e);
            throw e;
        }
    }

    private static void delete(Path temporary, Throwable failure) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException deleting) {
            failure.addSuppressed(deleting);
        }
    }

    /** "cannot write to TARGET: reason", the reason being the JDK's or the file system's. */
    static IOException failure(Path target, IOException e) {
        String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : e instanceof FileSystemException fs ? DaxstoreCli.reason(fs) : e.getMessage();
        return new IOException("cannot write to " + target + ": " + reason, e);
    }
}
