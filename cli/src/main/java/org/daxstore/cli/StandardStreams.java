package org.daxstore.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The standard streams put and get copy from and to, refused when the caller closed them. A
 * closed descriptor's number is taken by the next file the JVM opens (lib/modules, a jar), so
 * put would store the JVM's own file and get would write into it. scripts/daxstore opens a closed
 * stream again on /dev/null before java starts and names it in {@value #CLOSED_PROPERTY}
 * (scripts/standard-streams.sh). A JVM started otherwise checks the descriptor itself: closed, or
 * open on a file of the JVM's own (under java.home, or on the class path), it was closed by the
 * caller, since no caller hands the JVM its own files as a stream.
 */
final class StandardStreams {
    /** The system property that lists the standard streams the caller had closed: "0", "0,1", ... */
    static final String CLOSED_PROPERTY = "daxstore.closedStreams";

    private StandardStreams() {
    }

    /** A command refused because a standard stream it needs was closed: a usage error (status 2). */
    static final class ClosedException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        ClosedException(String message) {
            super(message);
        }
    }

    /** Standard input, for put. */
    static InputStream input() {
        refuseIfClosed(0, "standard input", "give the host file as the third argument, or redirect it (< FILE)");
        return System.in;
    }

    /** Refuses a get to standard output when it is closed. */
    static void requireOutput() {
        refuseIfClosed(1, "standard output", "give a host file as the third argument, or redirect it (> FILE)");
    }

    private static void refuseIfClosed(int descriptor, String stream, String remedy) {
        if (closed(descriptor)) {
            throw new ClosedException(stream + " is closed; " + remedy);
        }
    }

    private static boolean closed(int descriptor) {
        String listed = System.getProperty(CLOSED_PROPERTY, "");
        if (Arrays.asList(listed.split(",")).contains(Integer.toString(descriptor))) {
            return true;
        }
        Path link = Path.of("/proc/self/fd/" + descriptor);
        if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        try {
            Path target = Files.readSymbolicLink(link);
            return target.startsWith(Path.of(System.getProperty("java.home")).toRealPath())
                    || Arrays.stream(System.getProperty("java.class.path", "").split(File.pathSeparator))
                            .filter(entry -> !entry.isEmpty()).map(Path::of).anyMatch(entry -> isFile(entry, target));
        } catch (IOException | RuntimeException e) {
            return false; // not Linux, or the link went: nothing to say it was closed
        }
    }

    private static boolean isFile(Path entry, Path target) {
        try {
            return Files.isRegularFile(entry) && entry.toRealPath().equals(target);
        } catch (IOException e) {
            return false;
        }
    }
}
