package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import org.daxstore.check.Fsck;
import org.daxstore.check.FsckReport;
import org.daxstore.nativebridge.LibC;
import org.daxstore.testing.ChildJvm;
import org.daxstore.testing.ProcessLocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * A second open of a store already open in this JVM, by any way in (open, create, format, the
 * offline fsck and its repair) and by any path to the file (the same path, a hard link, a
 * symbolic link, a path through {@code ..}), is refused without touching the first store's
 * locks. Issue 11 found the refused open had opened the file first: closing that descriptor
 * dropped the process's record lock, the first store's, and another process could then open
 * the store and write beside it. Each refusal is followed by a look at {@code /proc/locks}
 * (the first store still holds its record lock, and its flock lock with the native bridge) and
 * a write and read through the first store; one test then has child JVMs, with and without the
 * native bridge, try to open it.
 */
class SecondOpenInThisJvmTest {
    private static final StoreOptions OPTIONS = StoreOptions.capacity(4 << 20);

    private Path dir;
    private Path store;

    @BeforeEach
    void create() throws IOException {
        Path base = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
        dir = Files.createTempDirectory(base, "second-open-");
        store = dir.resolve("store.dax");
        DaxStore.open(store, OPTIONS).close();
        Files.createLink(dir.resolve("hard.dax"), store);
        Files.createSymbolicLink(dir.resolve("symbolic.dax"), store);
        Files.createDirectory(dir.resolve("sub"));
    }

    @AfterEach
    void delete() throws IOException {
        for (String name : List.of("hard.dax", "symbolic.dax", "sub", "store.dax")) {
            Files.deleteIfExists(dir.resolve(name));
        }
        Files.delete(dir);
    }

    /** The paths to the store's file. */
    private List<Path> aliases() {
        return List.of(store, dir.resolve("hard.dax"), dir.resolve("symbolic.dax"), dir.resolve("sub/../store.dax"));
    }

    /** Every way in that opens a container file, and what it returns instead of opening one already open here. */
    private enum Opener {
        OPEN(path -> refusal(() -> DaxStore.open(path))),
        OPEN_WITH_OPTIONS(path -> refusal(() -> DaxStore.open(path, OPTIONS))),
        CREATE(path -> refusal(() -> DaxStore.create(path, OPTIONS))),
        FORMAT(path -> refusal(() -> DaxStore.format(path, OPTIONS))),
        FSCK(path -> unusable(Fsck.check(path))),
        REPAIR(path -> unusable(Fsck.repair(path).before()));

        /** Tries the opener on a path whose file is open here; returns the refusal's message. */
        final Function<Path, String> refused;

        Opener(Function<Path, String> refused) {
            this.refused = refused;
        }

        private static String refusal(org.junit.jupiter.api.function.Executable open) {
            return assertThrows(StoreLockedException.class, open).getMessage();
        }

        private static String unusable(FsckReport report) {
            assertEquals(FsckReport.Status.UNUSABLE, report.status(), report.toString());
            return report.toString();
        }
    }

    @TestFactory
    Stream<DynamicNode> everyOpenerIsRefusedByEveryPathAndTheFirstStoreKeepsItsLocks() {
        return aliases().stream().map(alias -> dynamicContainer(alias.toString(), Stream.of(Opener.values())
                .map(opener -> dynamicTest(opener.name(), () -> {
                    try (DaxStore first = DaxStore.open(store)) {
                        Set<String> before = ProcessLocks.heldOn(store);
                        String message = opener.refused.apply(alias);
                        assertTrue(message.contains("in this JVM") && message.contains(alias.toString()), message);
                        assertEquals(before, ProcessLocks.heldOn(store), "the first store's locks after: " + message);
                        assertStillWorks(first, opener.name() + " via alias " + aliases().indexOf(alias));
                    }
                }))));
    }

    @Test
    void theFirstStoreHoldsItsLockAgainstOtherProcessesAfterEveryRefusal() throws Exception {
        try (DaxStore first = DaxStore.open(store)) {
            assertEquals(LibC.isAvailable() ? Set.of("POSIX", "FLOCK") : Set.of("POSIX"), ProcessLocks.heldOn(store));
            for (Path alias : aliases()) {
                for (Opener opener : Opener.values()) {
                    opener.refused.apply(alias);
                }
            }
            // Without the native bridge the child has only the record lock to be refused by.
            for (List<String> properties : List.of(List.of(LibC.DISABLE_PROPERTY + "=true"), List.<String>of())) {
                ChildJvm.Result child = ChildJvm.run(OpenFromAnotherProcess.class, properties, Map.of(), 60, store.toString());
                assertEquals(3, child.exitCode(), properties + ": " + child.output());
                assertTrue(child.output().contains("locked by another process"), child.output());
            }
            assertStillWorks(first, "after the children");
        }
        try (DaxStore again = DaxStore.open(store)) {
            assertTrue(again.wasCleanlyClosed());
            assertEquals(List.of("after the children"), again.list());
        }
    }

    private static void assertStillWorks(DaxStore first, String name) {
        byte[] bytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (DaxFile file = first.create(name)) {
            file.write(0, bytes);
            byte[] back = new byte[bytes.length];
            assertEquals(bytes.length, file.read(0, back));
            assertArrayEquals(bytes, back);
        }
        assertTrue(first.check().isConsistent());
        List<String> names = new ArrayList<>(first.list());
        assertTrue(names.contains(name), names.toString());
    }
}
