package org.daxstore.harness.exercise;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and removes the run directories ({@link RunDirectory}) that runs killed with SIGKILL left
 * behind: only what a run made (its name, its owner file), only this user's, and only when the
 * process that made it is gone. A directory that cannot be judged is left alone.
 */
final class StaleRunDirectories {
    private StaleRunDirectories() {
    }

    /** The owner file's text for {@code process}: its pid and start time (a pid alone is reused). */
    static String owner(ProcessHandle process) {
        return process.pid() + " " + process.info().startInstant().map(Object::toString).orElse("unknown") + "\n";
    }

    /** Removes the stale directories named {@code <prefix><pid>-<digits>} in {@code parent}; errors are ignored. */
    static void remove(Path parent, String prefix) {
        Pattern name = Pattern.compile(Pattern.quote(prefix) + "(\\d{1,19})-\\d+");
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, prefix + "*")) {
            for (Path entry : entries) {
                Matcher matcher = name.matcher(entry.getFileName().toString());
                if (matcher.matches() && isStale(entry, Long.parseLong(matcher.group(1)))) {
                    try {
                        RunDirectory.removeTree(entry);
                    } catch (IOException | RuntimeException e) {
                        // another run removing it too, or a file we may not remove: left for another time
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // no parent (create reports that), or not listable: nothing to clean
        }
    }

    /** True if {@code directory} is a run directory of this user whose owner file names a dead process. */
    static boolean isStale(Path directory, long pid) {
        try {
            PosixFileAttributes attributes = Files.readAttributes(directory, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            Path ownerFile = directory.resolve(RunDirectory.OWNER_FILE);
            // /proc/self belongs to this process's user.
            if (!attributes.isDirectory() || !attributes.owner().equals(Files.getOwner(Path.of("/proc/self")))
                    || !Files.isRegularFile(ownerFile, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            String recorded = Files.readString(ownerFile);
            if (!recorded.startsWith(pid + " ")) {
                return false; // the name and the file disagree: not ours to judge
            }
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isEmpty()) {
                return true;
            }
            // The pid is alive: the owner only if it started when the owner did; a start time
            // unknown on either side is taken for the owner.
            Optional<String> started = process.get().info().startInstant().map(Object::toString);
            return started.isPresent() && !recorded.endsWith(" unknown\n") && !owner(process.get()).equals(recorded);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
