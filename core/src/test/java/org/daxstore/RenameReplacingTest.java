package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DaxStore#renameReplacing}: POSIX rename semantics. The replaced file goes as a delete
 * does (its blocks freed, its handles and views failing, after open scopes end) and the renamed
 * one takes its name, in one transaction (its crash images are {@code crash/CrashEnumerationTest}'s).
 */
class RenameReplacingTest {
    private static final int BLOCK = 4096;

    private Path path;
    private DaxStore store;

    @BeforeEach
    void open() {
        path = TempStores.newContainerPath("rename-replacing-");
        store = DaxStore.open(path, StoreOptions.capacity(8 << 20));
    }

    @AfterEach
    void close() {
        store.close();
        TempStores.delete(path);
    }

    private byte[] written(String name, int length, int seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        try (DaxFile file = store.create(name)) {
            file.write(0, data);
        }
        return data;
    }

    private byte[] contents(String name) {
        try (DaxFile file = store.openFile(name)) {
            byte[] data = new byte[(int) file.size()];
            file.read(0, data);
            return data;
        }
    }

    @Test
    void theRenamedFileTakesTheNameAndTheReplacedFilesBlocksAreFreed() {
        long free = store.info().freeBlocks();
        byte[] fresh = written("new", 5 * BLOCK + 3, 1);
        long freeWithNew = store.info().freeBlocks();
        written("old", 20 * BLOCK, 2);
        store.renameReplacing("new", "old");
        assertEquals(List.of("old"), store.list());
        assertArrayEquals(fresh, contents("old"));
        assertEquals(freeWithNew, store.info().freeBlocks(), "the replaced file's blocks and map node are free");
        assertTrue(store.check().isConsistent(), store.check().toString());
        store.close();
        store = DaxStore.open(path);
        assertEquals(List.of("old"), store.list());
        assertArrayEquals(fresh, contents("old"), "after a reopen");
        store.delete("old");
        assertEquals(free, store.info().freeBlocks());
    }

    @Test
    void handlesOfTheReplacedFileFailAndHandlesOfTheRenamedOneFollowIt() {
        written("new", BLOCK + 1, 3);
        written("old", 3 * BLOCK, 4);
        DaxFile replaced = store.openFile("old");
        DaxMapping replacedView = replaced.map(0, 3 * BLOCK);
        DaxFile renamed = store.openFile("new");
        DaxMapping renamedView = renamed.map(0, BLOCK + 1);
        long first = renamedView.getLong(0);

        store.renameReplacing("new", "old");

        assertThrows(NoSuchDaxFileException.class, () -> replaced.read(0, new byte[1]));
        assertThrows(NoSuchDaxFileException.class, () -> replaced.write(0, new byte[1]));
        assertThrows(NoSuchDaxFileException.class, () -> replacedView.getLong(0));
        assertEquals(first, renamedView.getLong(0), "a view of the renamed file still reads it");
        renamed.write(0, new byte[] {9});
        assertEquals(9, contents("old")[0], "a handle of the renamed file writes the file now named 'old'");
        assertEquals("old", renamed.stat().name());
        replacedView.close();
        renamedView.close();
    }

    @Test
    void ontoAMissingNameItIsARenameAndOntoItselfNothing() {
        byte[] data = written("a", 100, 5);
        store.renameReplacing("a", "b");
        assertEquals(List.of("b"), store.list());
        store.renameReplacing("b", "b");
        assertEquals(List.of("b"), store.list());
        assertArrayEquals(data, contents("b"));
    }

    @Test
    void aMissingSourceOrABadNameChangesNothing() {
        byte[] data = written("kept", 100, 6);
        NoSuchDaxFileException missing = assertThrows(NoSuchDaxFileException.class,
                () -> store.renameReplacing("absent", "kept"));
        assertTrue(missing.getMessage().contains("'absent'"), missing.getMessage());
        assertThrows(InvalidNameException.class, () -> store.renameReplacing("kept", "a/b"));
        assertThrows(InvalidNameException.class, () -> store.renameReplacing("kept", ""));
        assertEquals(List.of("kept"), store.list());
        assertArrayEquals(data, contents("kept"));
    }

    @Test
    void itWaitsForAScopeOnTheReplacedFileAndRefusesToRunInsideOne() throws Exception {
        written("new", 10, 7);
        written("old", BLOCK, 8);
        DaxFile old = store.openFile("old");
        DaxMapping view = old.map(0, BLOCK);
        AccessScope scope = view.scope(0, BLOCK, MapMode.READ_WRITE);
        scope.putLong(0, 5);
        IllegalStateException inside = assertThrows(IllegalStateException.class, () -> store.renameReplacing("new", "old"));
        assertTrue(inside.getMessage().contains("access scope"), inside.getMessage());
        assertEquals(List.of("new", "old"), CompletableFuture.supplyAsync(store::list).get(),
                "the refused replacement changed nothing (listed on another thread: this one has a scope open)");
        CountDownLatch started = new CountDownLatch(1);
        Thread replacing = new Thread(() -> {
            started.countDown();
            store.renameReplacing("new", "old");
        });
        replacing.start();
        started.await();
        replacing.join(300);
        assertTrue(replacing.isAlive(), "the replacement must wait for the open scope");
        assertEquals(5, scope.getLong(0), "the scope's block is still there");
        scope.close();
        replacing.join(10_000);
        assertFalse(replacing.isAlive());
        assertEquals(List.of("old"), store.list());
        assertEquals(10, store.stat("old").size());
        assertThrows(NoSuchDaxFileException.class, () -> view.getLong(0));
        view.close();
    }
}
