package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import org.daxstore.check.Fsck;
import org.daxstore.format.InodeFormat;
import org.daxstore.format.Layout;
import org.daxstore.format.Superblock;
import org.daxstore.testing.ImageFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A name with a newline, an escape sequence, a bidirectional override or a line separator in it
 * appears in messages and reports escaped ({@code \}{@code u000A}, {@code \}{@code u001B},
 * {@code \}{@code u202E}, {@code \}{@code u2028}), inside quotes, so a message stays one line,
 * reads in order and prints nothing to a terminal it did not mean to. Names were printed raw (and
 * the last two still were until the second hostile pass).
 */
class ControlCharactersInMessagesTest {
    private static final String NAME = "two\nlines\u001B[31m\u202Eevil\u2028x";
    private static final String ESCAPED = "two\\u000Alines\\u001B[31m\\u202Eevil\\u2028x";
    private static final String QUOTED = "'" + ESCAPED + "'";

    private Path path;

    @BeforeEach
    void createStore() {
        path = TempStores.newContainerPath("control-");
        try (DaxStore store = DaxStore.create(path, StoreOptions.capacity(8 << 20)); DaxFile file = store.create(NAME)) {
            file.write(0, new byte[100]);
        }
    }

    @AfterEach
    void deleteStore() throws IOException {
        Files.deleteIfExists(path);
    }

    @Test
    void theStoresMessagesEscapeTheName() {
        try (DaxStore store = DaxStore.open(path)) {
            List<Function<DaxStore, Object>> failing = List.of(
                    s -> s.create(NAME),
                    s -> s.openFile(NAME + "x"),
                    s -> { s.create("other").close(); s.rename("other", NAME); return null; },
                    s -> s.openFile(NAME).map(-1, 1),
                    s -> s.openFile(NAME).map(0, 1 << 20).getLong(1 << 19),
                    s -> { DaxFile f = s.openFile(NAME); f.close(); return f.size(); });
            for (Function<DaxStore, Object> call : failing) {
                RuntimeException e = assertThrows(RuntimeException.class, () -> call.apply(store));
                assertEscaped(e.getMessage());
            }
        }
    }

    @Test
    void fsckFindingsEscapeTheName() throws IOException {
        int inode;
        try (DaxStore store = DaxStore.open(path)) {
            inode = (int) store.stat(NAME).inode();
        }
        ImageFile image = new ImageFile(path);
        Layout layout = Superblock.decode(image.read(Layout.PRIMARY_SUPERBLOCK, Superblock.BYTES), path.toString()).layout();
        image.editInode(layout, inode, InodeFormat.ALLOCATED_BLOCKS, 5);
        String report = Fsck.check(path).toString();
        assertTrue(report.contains(QUOTED), report);
        assertFalse(report.contains(NAME), report);
        // The refusal lists its findings one a line: the name must not add lines of its own.
        String refused = assertThrows(CorruptStoreException.class, () -> DaxStore.open(path)).getMessage();
        assertTrue(refused.contains(QUOTED) && !refused.contains(NAME), refused);
    }

    private static void assertEscaped(String message) {
        assertTrue(message.contains(ESCAPED), message);
        assertFalse(message.contains("\n") || message.contains("\u001B"), message);
    }
}
