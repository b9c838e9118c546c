package org.daxstore.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.daxstore.DaxFile;
import org.daxstore.DaxStore;
import org.daxstore.FileStat;
import org.daxstore.HoldOpenInAnotherProcess;
import org.daxstore.NoSuchDaxFileException;
import org.daxstore.StoreOptions;
import org.daxstore.fs.InodeRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Fsck#inspect}: a store's files and counts read as fsck reads them, with the lock when
 * it is free, without it when another process's store holds it, and never while a store of this
 * JVM has the file open (its lock would go with any descriptor this JVM closed).
 */
class InspectTest {
    @TempDir Path dir;
    private Path path;
    private List<FileStat> expected;

    @BeforeEach
    void makeStore() {
        path = dir.resolve("store.dax");
        try (DaxStore store = DaxStore.open(path, StoreOptions.capacity(8L << 20))) {
            try (DaxFile b = store.create("b"); DaxFile a = store.create("a")) {
                b.write(0, new byte[10_000]);
                a.truncate(3 << 20);
            }
            expected = List.of(store.stat("a"), store.stat("b"));
        }
    }

    @Test
    void aStoreNobodyHasOpenIsReadWithItsLock() {
        StoreSnapshot snapshot = Fsck.inspect(path);
        assertTrue(snapshot.usable(), snapshot.report().toString());
        assertFalse(snapshot.inUse());
        assertEquals(List.of("a", "b"), snapshot.names());
        assertEquals(expected, List.of(stat(snapshot, "a"), stat(snapshot, "b")));
        assertThrows(NoSuchDaxFileException.class, () -> snapshot.file("c"));
    }

    @Test
    void aStoreAnotherProcessHasOpenIsReadWithoutTheLock() throws Exception {
        try (HoldOpenInAnotherProcess holder = HoldOpenInAnotherProcess.start(path)) {
            StoreSnapshot snapshot = Fsck.inspect(path);
            assertTrue(snapshot.usable(), snapshot.report().toString());
            assertTrue(snapshot.inUse(), "the holder's lock was not seen");
            assertEquals(List.of("a", "b"), snapshot.names());
            assertEquals(expected, List.of(stat(snapshot, "a"), stat(snapshot, "b")));
            assertEquals(FsckReport.Status.CLEAN, snapshot.report().status(), snapshot.report().toString());
        }
        try (DaxStore store = DaxStore.open(path)) {
            assertEquals(List.of("a", "b"), store.list(), "the holder's store opened and closed as ever");
        }
    }

    @Test
    void aStoreOpenInThisJvmIsRefused() {
        try (DaxStore store = DaxStore.open(path)) {
            StoreSnapshot snapshot = Fsck.inspect(path);
            assertFalse(snapshot.usable());
            assertTrue(snapshot.report().problems().get(0).contains("in this JVM"), snapshot.report().toString());
            assertEquals(List.of("a", "b"), store.list());
        }
    }

    /** The file's record as the store's stat gives it. */
    private static FileStat stat(StoreSnapshot snapshot, String name) {
        InodeRecord file = snapshot.file(name);
        return new FileStat(file.name(), file.inode(), file.generation(), file.size(),
                file.allocatedBlocks() * snapshot.superblock().layout().blockSize(), file.createdMillis(), file.modifiedMillis());
    }

    @Test
    void whatIsNoContainerIsUnusable() throws Exception {
        Path text = Files.writeString(dir.resolve("text"), "not a store");
        assertFalse(Fsck.inspect(text).usable());
        assertFalse(Fsck.inspect(dir.resolve("missing")).usable());
        assertFalse(Fsck.inspect(dir).usable());
    }
}
