package org.daxstore.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The host files a command copies from or to, kept apart from the container. {@code get} onto
 * the container would truncate the store it reads, and {@code put} from it would copy a store
 * into itself while writing it; either through any path to the file (the same name, a hard link,
 * a symbolic link, a path through {@code ..}). So paths are compared by file identity
 * ({@link Files#isSameFile}, which asks {@code stat} and opens nothing), not as strings, and
 * before the host file is opened. The standard streams are compared too.
 */
final class HostFiles {
    /**
     * Descriptors 0 and 1 by name: the standard streams may be the container too, by a
     * redirection ({@code >> store.dax}, {@code < store.dax}). Missing where there is no /proc:
     * then never the same file.
     */
    static final Path STANDARD_INPUT = Path.of("/proc/self/fd/0");
    static final Path STANDARD_OUTPUT = Path.of("/proc/self/fd/1");

    private HostFiles() {
    }

    /**
     * Refuses {@code host} if it is the container {@code container} itself.
     *
     * @param role what the command does with the host file, for the message
     * @throws IllegalArgumentException naming both paths
     */
    static void refuseTheContainer(Path container, Path host, String role) throws IOException {
        boolean same;
        try {
            same = Files.isSameFile(container, host);
        } catch (NoSuchFileException e) {
            same = false; // one of them is missing, so they are not one file
        }
        if (same) {
            String name = host == STANDARD_INPUT ? "standard input" : host == STANDARD_OUTPUT ? "standard output" : host.toString();
            throw new IllegalArgumentException(name + ": is the container " + container + " itself (the same file);"
                    + " " + role + " it would destroy the store");
        }
    }
}
