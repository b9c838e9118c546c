package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import org.daxstore.check.Fsck;
import org.daxstore.check.FsckReport;
import org.daxstore.check.RepairReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * A path that names no regular file (a FIFO, a directory, a socket, a character device that is
 * not device DAX) is refused by every way in, before anything opens it, with
 * {@link NotAContainerException} naming the path and what it is; fsck and its repair report it
 * unusable in the same words. Issue 11 found {@code daxstore fsck FIFO} waiting for ever in
 * {@code open} for a writer. Each call runs under a timeout, so a regression fails instead of
 * hanging the build; a call left blocked on the FIFO is woken by opening it after the test.
 */
class SpecialFileTest {
    private static final StoreOptions OPTIONS = StoreOptions.capacity(4 << 20);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Path dir;
    private Path fifo;
    private ServerSocketChannel socket;

    @BeforeEach
    void create() throws Exception {
        Path base = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
        dir = Files.createTempDirectory(base, "special-");
        fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        Files.createDirectory(dir.resolve("directory"));
        socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        socket.bind(UnixDomainSocketAddress.of(dir.resolve("socket")));
    }

    /** Wakes any open left blocked on the FIFO (an open for both reading and writing never blocks), then deletes. */
    @AfterEach
    void delete() throws IOException {
        new RandomAccessFile(fifo.toFile(), "rw").close();
        socket.close();
        for (String name : List.of("fifo", "directory", "socket")) {
            Files.deleteIfExists(dir.resolve(name));
        }
        Files.delete(dir);
    }

    /** A special file, the word its refusal must hold, and whether create and format may be tried on it. */
    private record Special(String name, Path path, String kind, boolean creatable) {
    }

    private List<Special> specials() {
        return List.of(new Special("a FIFO", fifo, "a FIFO (named pipe)", true),
                new Special("a directory", dir.resolve("directory"), "a directory", true),
                new Special("a socket", dir.resolve("socket"), "a socket", true),
                // never created or formatted over, even should the check regress: it is the machine's
                new Special("/dev/null", Path.of("/dev/null"), "a character device that is not a device DAX node", false));
    }

    /** Every way in that opens a container file, and how it refuses a special file: its message. */
    private enum Opener {
        OPEN(true, path -> refusal(() -> DaxStore.open(path))),
        OPEN_WITH_OPTIONS(true, path -> refusal(() -> DaxStore.open(path, OPTIONS))),
        CREATE(false, path -> refusal(() -> DaxStore.create(path, OPTIONS))),
        FORMAT(false, path -> refusal(() -> DaxStore.format(path, OPTIONS))),
        FSCK(true, path -> unusable(Fsck.check(path))),
        REPAIR(true, path -> {
            RepairReport report = Fsck.repair(path);
            assertEquals(RepairReport.Status.UNUSABLE, report.status(), report.toString());
            return unusable(report.before());
        });

        final boolean readsOnly;
        final Function<Path, String> refused;

        Opener(boolean readsOnly, Function<Path, String> refused) {
            this.readsOnly = readsOnly;
            this.refused = refused;
        }

        private static String refusal(org.junit.jupiter.api.function.Executable open) {
            return assertThrows(NotAContainerException.class, open).getMessage();
        }

        private static String unusable(FsckReport report) {
            assertEquals(FsckReport.Status.UNUSABLE, report.status(), report.toString());
            return report.toString();
        }
    }

    @TestFactory
    Stream<DynamicNode> everyWayInRefusesASpecialFileBeforeOpeningIt() {
        return specials().stream().map(special -> dynamicContainer(special.name(), Stream.of(Opener.values())
                .filter(opener -> opener.readsOnly || special.creatable())
                .map(opener -> dynamicTest(opener.name(), () -> {
                    String message = assertTimeoutPreemptively(TIMEOUT, () -> opener.refused.apply(special.path()),
                            opener + " of " + special.name() + " did not return");
                    assertTrue(message.contains(special.path().toString()) && message.contains(special.kind()), message);
                    assertFalse(Files.isRegularFile(special.path()), "replaced by a regular file");
                }))));
    }
}
