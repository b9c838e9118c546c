package org.daxstore.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The locks this process holds on a file, as the kernel lists them in {@code /proc/locks}: a
 * store's cross-process locks, seen from inside the process that holds them, without starting
 * another process to be refused. "POSIX" is the record lock ({@link java.nio.channels.FileLock}),
 * which any close of a descriptor of the file by this process drops; "FLOCK" is the native
 * bridge's {@code flock} lock.
 */
public final class ProcessLocks {
    private ProcessLocks() {
    }

    /** The kinds of lock ("POSIX", "FLOCK") this process holds on the file {@code path} names. */
    public static Set<String> heldOn(Path path) throws IOException {
        long device = (Long) Files.getAttribute(path, "unix:dev");
        long inode = (Long) Files.getAttribute(path, "unix:ino");
        // /proc/locks names a file "major:minor:inode", major and minor in hex (glibc's encoding of st_dev)
        long major = ((device >>> 8) & 0xfff) | ((device >>> 32) & ~0xfffL);
        long minor = (device & 0xff) | ((device >>> 12) & ~0xffL);
        String file = String.format("%02x:%02x:%d", major, minor, inode);
        String pid = Long.toString(ProcessHandle.current().pid());
        Set<String> kinds = new HashSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
            // "1: POSIX  ADVISORY  WRITE 1234 00:1b:1182939 0 EOF"; a blocked waiter's line has "->" after the number
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 6 && !fields[1].equals("->") && fields[4].equals(pid) && fields[5].equals(file)) {
                kinds.add(fields[1]);
            }
        }
        return kinds;
    }
}
