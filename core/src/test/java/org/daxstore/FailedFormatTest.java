package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.daxstore.format.Layout;
import org.daxstore.media.FailingMedium;
import org.daxstore.nativebridge.LibC;
import org.daxstore.testing.Hooked;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A call that formats (open with options, create, format) and fails leaves the file as it found
 * it: a file it created is removed, options that describe no store are refused before anything
 * is created or truncated, and an existing file is left byte for byte. A failed format used to
 * leave an empty file, which the next open then called "not a daxstore container".
 */
class FailedFormatTest {
    /** Below the minimum for 4 KiB blocks and 1024 files (about 596 KiB). */
    private static final StoreOptions TOO_SMALL = StoreOptions.capacity(64 << 10);
    private static final Hooked FAILING = Hooked.decorating(StoreOptions.capacity(4 << 20),
            medium -> new FailingMedium(medium, () -> new StoreIOException("injected: the device failed a write-back")));

    private Path dir;
    private Path path;

    @BeforeEach
    void createDirectory() throws IOException {
        dir = Files.createTempDirectory(TempStores.newContainerPath("failed-format-").getParent(), "failed-format-");
        path = dir.resolve("store.dax");
    }

    @AfterEach
    void deleteDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The three calls that may format, as one shape. */
    private enum Call {
        OPEN_OR_FORMAT {
            @Override
            DaxStore on(Path path, StoreOptions options) {
                return DaxStore.open(path, options);
            }
        },
        CREATE {
            @Override
            DaxStore on(Path path, StoreOptions options) {
                return DaxStore.create(path, options);
            }
        },
        FORMAT {
            @Override
            DaxStore on(Path path, StoreOptions options) {
                return DaxStore.format(path, options);
            }
        };

        abstract DaxStore on(Path path, StoreOptions options);
    }

    @Test
    void aCapacityBelowTheMinimumIsRefusedByNameAndCreatesNothing() {
        long minimum = TOO_SMALL.minimumCapacity();
        assertEquals(Layout.minimumCapacity(12, StoreOptions.DEFAULT_MAX_FILES), minimum);
        for (Call call : Call.values()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call.on(path, TOO_SMALL));
            assertTrue(e.getMessage().contains(path.toString()) && e.getMessage().contains("below the minimum of "
                    + minimum + " bytes"), call + ": " + e.getMessage());
            assertFalse(Files.exists(path), call + " left a file behind");
        }
    }

    @Test
    void aCapacityBelowTheMinimumLeavesAnEmptyFileEmpty() throws IOException {
        for (Call call : Call.values()) {
            Files.write(path, new byte[0]);
            assertThrows(IllegalArgumentException.class, () -> call.on(path, TOO_SMALL), call.toString());
            assertTrue(Files.exists(path) && Files.size(path) == 0, call + " changed the empty file");
        }
    }

    @Test
    void refusedOptionsOrAnExistingStoreLeaveTheStoreByteForByte() throws IOException {
        try (DaxStore store = DaxStore.create(path, StoreOptions.capacity(4 << 20))) {
            store.create("keep").close();
        }
        byte[] before = Files.readAllBytes(path);
        // OPEN_OR_FORMAT opens an existing store, whatever its options say (they are for a new one).
        for (Call call : List.of(Call.CREATE, Call.FORMAT)) {
            assertThrows(IllegalArgumentException.class, () -> call.on(path, TOO_SMALL), call.toString());
            assertArrayEquals(before, Files.readAllBytes(path), call + " with refused options changed the store");
        }
        assertThrows(StoreExistsException.class, () -> Call.CREATE.on(path, StoreOptions.capacity(8 << 20)));
        assertArrayEquals(before, Files.readAllBytes(path), "create over a store changed it");
        try (DaxStore store = DaxStore.open(path)) {
            assertEquals(List.of("keep"), store.list());
        }
    }

    /** A failure after the options were accepted (here the medium's first write-back): the created file goes. */
    @Test
    void aFormatThatFailsLaterRemovesTheFileItCreatedAndEmptiesOneItFound() throws IOException {
        for (Call call : Call.values()) {
            StoreIOException e = assertThrows(StoreIOException.class, () -> FAILING.hooks().openForTesting(() -> call.on(path, FAILING.options())), call.toString());
            assertTrue(e.getMessage().contains("injected"), e.getMessage());
            assertFalse(Files.exists(path), call + " left the file it created");
            Files.write(path, new byte[0]);
            assertThrows(StoreIOException.class, () -> FAILING.hooks().openForTesting(() -> call.on(path, FAILING.options())), call.toString());
            assertTrue(Files.exists(path) && Files.size(path) == 0, call + " did not leave the empty file it found empty");
            Files.delete(path);
        }
        DaxStore.create(path, StoreOptions.capacity(4 << 20)).close();
    }

    /**
     * A full file system under a format: a 256 GiB store needs about 28 MiB of metadata backed
     * at once, more than an 8 MiB tmpfs holds. The format fails with StoreFullException and
     * removes its file, so the file system gets its space back.
     */
    @Test
    void aFormatOnAFullFileSystemRemovesItsFile() throws Exception {
        onSmallTmpfs(mount -> {
            Path onSmall = mount.resolve("big.dax");
            StoreFullException e = assertThrows(StoreFullException.class,
                    () -> DaxStore.open(onSmall, StoreOptions.capacity(256L << 30)));
            assertTrue(e.getMessage().contains("no room"), e.getMessage());
            assertFalse(Files.exists(onSmall), "the failed format left " + onSmall);
            try (DaxStore store = DaxStore.open(onSmall, StoreOptions.capacity(4 << 20))) {
                assertEquals(List.of(), store.list(), "the space is back: a small store formats");
            }
        });
    }

    /**
     * A format over a store that fails after its options were accepted (the medium's first
     * write-back) leaves the store byte for byte and no temporary beside it: the new container is
     * built under a temporary name and renamed over the old one only once complete.
     */
    @Test
    void aFailedFormatOverAStoreLeavesItByteForByteAndNoTemporary() throws IOException {
        writeStoreWithOneFile(path, 4 << 20, 1 << 20);
        byte[] before = Files.readAllBytes(path);
        StoreIOException e = assertThrows(StoreIOException.class, () -> FAILING.format(path));
        assertTrue(e.getMessage().contains("injected"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(path), "the failed format changed the store it was replacing");
        assertOnlyFileIn(dir, path);
        try (DaxStore store = DaxStore.format(path, StoreOptions.capacity(8 << 20))) {
            assertEquals(List.of(), store.list());
            assertEquals(8 << 20, store.info().capacity());
        }
        assertOnlyFileIn(dir, path);
    }

    /**
     * A format over another user's container keeps its owner, group and mode: run as root over a
     * file of {@code nobody}'s, the rename left a root-owned file that its user could no longer
     * open (found by the second hostile pass).
     */
    @Test
    void aFormatOverAnotherUsersContainerKeepsItsOwner() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "giving a file to another user needs root; skipped without it");
        writeStoreWithOneFile(path, 4 << 20, 1 << 20);
        java.nio.file.attribute.UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        java.nio.file.attribute.PosixFileAttributeView view = Files.getFileAttributeView(path,
                java.nio.file.attribute.PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName("nobody"));
        view.setGroup(users.lookupPrincipalByGroupName("nogroup"));
        Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        DaxStore.format(path, StoreOptions.capacity(8 << 20)).close();
        java.nio.file.attribute.PosixFileAttributes after = Files.readAttributes(path,
                java.nio.file.attribute.PosixFileAttributes.class);
        assertEquals("nobody", after.owner().getName());
        assertEquals("nogroup", after.group().getName());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(after.permissions()));
        assertOnlyFileIn(dir, path);
    }

    /**
     * The same on a full file system: an 8 MiB tmpfs holding a 4 MiB store with 3 MiB of data,
     * formatted again with a capacity whose metadata the tmpfs cannot back (256 GiB). Formatting
     * in place truncated the old store first and lost it.
     */
    @Test
    void aFormatOverAStoreOnAFullFileSystemLeavesTheStore() throws Exception {
        onSmallTmpfs(mount -> {
            Path onSmall = mount.resolve("store.dax");
            writeStoreWithOneFile(onSmall, 4 << 20, 3 << 20);
            byte[] before = Files.readAllBytes(onSmall);
            assertThrows(StoreFullException.class, () -> DaxStore.format(onSmall, StoreOptions.capacity(256L << 30)));
            assertArrayEquals(before, Files.readAllBytes(onSmall), "the failed format changed the store");
            assertOnlyFileIn(mount, onSmall);
            try (DaxStore store = DaxStore.open(onSmall)) {
                assertEquals(List.of("keep"), store.list());
            }
        });
    }

    /** A test body that gets the mount point of a fresh 8 MiB tmpfs. */
    @FunctionalInterface
    private interface OnMount {
        void run(Path mount) throws Exception;
    }

    /** Runs {@code body} on a fresh 8 MiB tmpfs, unmounted afterwards; skipped without root or the native bridge. */
    private static void onSmallTmpfs(OnMount body) throws Exception {
        assumeTrue(LibC.isAvailable(), "backing storage needs the native bridge: " + LibC.unavailableReason());
        Path mount = Files.createTempDirectory("daxstore-small-tmpfs-");
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount.toString()) == 0,
                "mounting a small tmpfs needs root and mount permission; this test is skipped without them");
        try {
            body.run(mount);
        } finally {
            run("umount", mount.toString());
            Files.deleteIfExists(mount);
        }
    }

    private static void writeStoreWithOneFile(Path at, long capacity, int bytes) {
        byte[] data = new byte[bytes];
        new java.util.Random(bytes).nextBytes(data);
        try (DaxStore store = DaxStore.create(at, StoreOptions.capacity(capacity)); DaxFile file = store.create("keep")) {
            file.write(0, data);
        }
    }

    private static void assertOnlyFileIn(Path directory, Path expected) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(expected), files.toList(), "a temporary was left beside the container");
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
