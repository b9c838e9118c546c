package org.daxstore.fs;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;

import org.daxstore.StoreIOException;
import org.daxstore.media.ContainerFile;

/**
 * Formats a new store over a regular file that already holds something, without destroying it
 * first: the new container is built under a temporary name in the same directory (same file
 * system, so a rename can replace the old one atomically) and renamed over the old file only once
 * it is complete and closed. A format that fails (a full file system, a capacity larger than the
 * file system can back, a failing medium) removes its temporary and leaves the old file byte for
 * byte. Formatting in place used to truncate the old store first, so a format that then ran out of
 * room destroyed it.
 *
 * <p>The old file is locked for the whole replacement, so a store open elsewhere is refused
 * ({@code StoreLockedException}) and never replaced under its user. A device (device DAX) has no
 * directory entry to replace and is formatted in place, as are a missing or empty file.
 *
 * <p>The temporary is {@code .<name>.daxstore-format-<random>} beside the container; a format
 * killed with SIGKILL leaves it behind (a complete or partial container no store opens by
 * itself), and it may be deleted.
 */
public final class ReplacingFormat {
    static final String TEMPORARY_INFIX = ".daxstore-format-";

    private ReplacingFormat() {
    }

    /** True if formatting {@code path} must go through a replacement: a regular file with contents. */
    public static boolean applies(Path path) {
        try {
            return Files.isRegularFile(path) && Files.size(path) > 0;
        } catch (IOException e) {
            return false; // gone meanwhile, or unreadable: the in-place path reports it
        }
    }

    /**
     * Builds a store with {@code options} beside {@code path} and renames it over {@code path}
     * (the file a symbolic link names, if it is one), then opens it.
     */
    public static Volume format(Path path, VolumeOptions options) {
        Formatter.layout(path, options); // options that describe no store: refused before anything is created
        Path target = realPath(path);
        try (ContainerFile old = ContainerFile.open(path, false)) { // held to the end: keeps every other user out
            Path temporary = temporaryBeside(target);
            try { // Volume.open(NEW) formats the empty temporary; on failure it leaves it empty, removed below
                keepPermissions(target, temporary);
                Volume.open(temporary, options, Volume.OpenMode.NEW).close();
                move(temporary, target);
            } finally {
                deleteQuietly(temporary);
            }
        }
        // Between the release above and this open another process may open the new store first;
        // this open then fails with StoreLockedException, and the store it reports is the new one.
        return Volume.open(path, options, Volume.OpenMode.EXISTING);
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new StoreIOException(path + ": cannot resolve the container: " + e.getMessage(), e);
        }
    }

    private static Path temporaryBeside(Path target) {
        Path directory = target.toAbsolutePath().getParent();
        try {
            return Files.createTempFile(directory, "." + target.getFileName() + TEMPORARY_INFIX, "");
        } catch (IOException e) {
            throw new StoreIOException(target + ": cannot create a temporary container in " + directory
                    + " to format into: " + e.getMessage(), e);
        }
    }

    /**
     * The new file gets the old one's permissions (createTempFile makes it private to its
     * owner) and, where the caller may give it (root may; anyone may keep their own), its owner
     * and group: root formatting a user's container must not leave one the user cannot open.
     */
    private static void keepPermissions(Path target, Path temporary) {
        try {
            PosixFileAttributes old = Files.readAttributes(target, PosixFileAttributes.class);
            Files.setPosixFilePermissions(temporary, old.permissions());
            PosixFileAttributeView view = Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
            if (!old.owner().equals(Files.getOwner(temporary))) {
                view.setOwner(old.owner());
            }
            if (!old.group().equals(Files.readAttributes(temporary, PosixFileAttributes.class).group())) {
                view.setGroup(old.group());
            }
        } catch (IOException e) {
            throw new StoreIOException(target + ": cannot give the new container " + temporary
                    + " the old one's owner and permissions (a format over another user's container needs root): "
                    + e.getMessage(), e);
        }
    }

    private static void move(Path temporary, Path target) {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new StoreIOException(target + ": cannot replace it atomically: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StoreIOException(target + ": cannot rename the new container " + temporary
                    + " over it: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path temporary) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            // nothing more to do: the message of the failure in flight (if any) is the one to report
        }
    }
}
