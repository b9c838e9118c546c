package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

import org.daxstore.format.InodeFormat;
import org.daxstore.format.JournalFormat;
import org.daxstore.format.Layout;
import org.daxstore.format.Superblock;
import org.daxstore.testing.ImageFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's own temporary files ({@link DaxStore#createTemporary()}): unique names under the
 * reserved prefix, which no user's file can take; renamed over a target they replace it; left
 * behind (a writer killed) they are deleted at the next open. The tool's put used to write under
 * the fixed name {@code .daxstore-put.tmp} and delete a user's own file of that name.
 */
class TemporaryFilesTest {
    private static final String PREFIX = ".daxstore-tmp-";

    private Path path;

    @BeforeEach
    void createStore() {
        path = TempStores.newContainerPath("temporary-");
        DaxStore.create(path, StoreOptions.capacity(8 << 20)).close();
    }

    @AfterEach
    void deleteStore() throws IOException {
        Files.deleteIfExists(path);
    }

    @Test
    void temporariesHaveUniqueReservedNamesAndReplaceTheirTarget() {
        byte[] data = "new version".getBytes(StandardCharsets.UTF_8);
        try (DaxStore store = DaxStore.open(path)) {
            store.create("target").close();
            Set<String> names = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                try (DaxFile temporary = store.createTemporary()) {
                    assertTrue(temporary.name().startsWith(PREFIX), temporary.name());
                    assertTrue(names.add(temporary.name()), "a name given twice: " + temporary.name());
                    if (i % 2 == 0) {
                        store.delete(temporary.name()); // its slot is reused by the next: a new generation, a new name
                    }
                }
            }
            try (DaxFile temporary = store.createTemporary()) {
                temporary.write(0, data);
                temporary.force();
                store.renameReplacing(temporary.name(), "target");
                assertEquals("target", temporary.name());
            }
            byte[] read = new byte[data.length];
            try (DaxFile target = store.openFile("target")) {
                assertEquals(data.length, target.read(0, read));
            }
            assertArrayEquals(data, read);
        }
    }

    /** Every way a user names a file: create, and the target of both renames. */
    @Test
    void theReservedPrefixIsRefusedForEveryNameAUserGives() {
        List<BiConsumer<DaxStore, String>> namings = List.of(
                (store, name) -> store.create(name),
                (store, name) -> store.rename("user", name),
                (store, name) -> store.renameReplacing("user", name));
        try (DaxStore store = DaxStore.open(path)) {
            store.create("user").close();
            String taken;
            try (DaxFile temporary = store.createTemporary()) {
                taken = temporary.name();
            }
            for (String name : List.of(PREFIX, PREFIX + "x", PREFIX + "0-1", taken)) {
                for (BiConsumer<DaxStore, String> naming : namings) {
                    InvalidNameException e = assertThrows(InvalidNameException.class, () -> naming.accept(store, name));
                    assertTrue(e.getMessage().contains("reserved") && e.getMessage().contains(PREFIX), e.getMessage());
                }
            }
            assertEquals(List.of(taken, "user"), store.list().stream().sorted().toList());
            // Names that only look alike are a user's to take.
            for (String name : List.of(".daxstore-put.tmp", ".daxstore-tmp", "x.daxstore-tmp-1-1", ".DAXSTORE-TMP-1-1")) {
                store.create(name).close();
            }
        }
    }

    /** A temporary still there at open (its writer was killed before the rename) is deleted, its blocks freed. */
    @Test
    void aTemporaryLeftBehindIsDeletedAtTheNextOpen() {
        long free;
        try (DaxStore store = DaxStore.open(path)) {
            free = store.info().freeBlocks();
            store.create("kept").close();
            try (DaxFile temporary = store.createTemporary()) {
                temporary.write(0, new byte[1 << 20]);
            }
        }
        try (DaxStore store = DaxStore.open(path)) {
            assertEquals(List.of("kept"), store.list());
            assertEquals(free, store.info().freeBlocks(), "the temporary's blocks were not freed");
            assertTrue(store.check().isConsistent(), store.check().toString());
        }
    }

    /**
     * A store from before the prefix was reserved may hold a user's file that starts with it. Open
     * deletes only a file whose name is its own inode's temporary name; this one stays, and can be
     * read, renamed to an ordinary name and deleted.
     */
    @Test
    void anOlderStoresFileWithThePrefixStays() throws IOException {
        String lookalike = "X" + PREFIX.substring(1) + "7-9";
        try (DaxStore store = DaxStore.open(path); DaxFile file = store.create(lookalike)) {
            file.write(0, new byte[] {42});
        }
        int inode;
        try (DaxStore store = DaxStore.open(path)) {
            inode = (int) store.stat(lookalike).inode();
        }
        ImageFile image = new ImageFile(path);
        Layout layout = Superblock.decode(image.read(Layout.PRIMARY_SUPERBLOCK, Superblock.BYTES), path.toString()).layout();
        image.editInode(layout, inode, InodeFormat.NAME, '.');
        // The older store's last journal record matched its image; this edit's store has none.
        image.write(Layout.JOURNAL_OFFSET, new byte[JournalFormat.HEADER_BYTES]);
        String old = PREFIX + "7-9";
        try (DaxStore store = DaxStore.open(path)) {
            assertEquals(List.of(old), store.list());
            store.rename(old, "rescued");
            assertEquals(1, store.stat("rescued").size());
            assertFalse(store.exists(old));
        }
    }
}
