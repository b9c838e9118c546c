package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public way to run a store out of data blocks throws a {@link StoreFullException} whose
 * message starts with the container's path and names the file it was growing: a user with several
 * stores must learn from the message alone which one is full.
 */
class StoreFullMessagesTest {

    private static final int CAPACITY = 2 << 20;
    private static final int TOO_MUCH = 4 << 20;

    static Stream<Arguments> growths() {
        return Stream.of(
                growth("write(byte[])", file -> file.write(0, new byte[TOO_MUCH])),
                growth("write(ByteBuffer)", file -> file.write(0, ByteBuffer.allocateDirect(TOO_MUCH))),
                growth("allocate", file -> file.allocate(0, TOO_MUCH)),
                growth("view putByte", file -> eachPage(file, (view, at) -> view.putByte(at, (byte) 1))),
                growth("view putLongVolatile", file -> eachPage(file, (view, at) -> view.putLongVolatile(at, 1))),
                growth("view compareAndSetInt", file -> eachPage(file, (view, at) -> view.compareAndSetInt(at, 0, 1))),
                growth("view put(byte[])", file -> {
                    file.truncate(TOO_MUCH); // a view reaches only bytes below the size: holes until stored
                    try (DaxMapping view = file.map(0, TOO_MUCH)) {
                        view.put(0, new byte[TOO_MUCH], 0, TOO_MUCH);
                    }
                }),
                growth("writable scope", file -> {
                    file.truncate(TOO_MUCH); // a view reaches only bytes below the size: holes until stored
                    try (DaxMapping view = file.map(0, TOO_MUCH)) {
                        for (long at = 0; at < TOO_MUCH; at += 4096) {
                            try (AccessScope scope = view.scope(at, 4096, MapMode.READ_WRITE)) {
                                scope.putByte(0, (byte) 1);
                            }
                        }
                    }
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("growths")
    void runningOutOfBlocksNamesTheContainerAndTheFile(String how, Consumer<DaxFile> grow) {
        Path path = TempStores.newContainerPath("full-msg-");
        try (DaxStore store = DaxStore.open(path, StoreOptions.capacity(CAPACITY))) {
            DaxFile file = store.create("grown file");
            StoreFullException e = assertThrows(StoreFullException.class, () -> grow.accept(file), how);
            assertNamesContainer(path, e);
            assertTrue(e.getMessage().contains("file 'grown file'"), how + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("the store is full"), how + ": " + e.getMessage());
            assertTrue(store.check().isConsistent(), store.check().toString());
        } finally {
            TempStores.delete(path);
        }
    }

    @Test
    void aFullInodeTableNamesTheContainerAndTheName() {
        Path path = TempStores.newContainerPath("full-msg-");
        try (DaxStore store = DaxStore.open(path, StoreOptions.capacity(CAPACITY).withMaxFiles(1))) {
            store.create("first").close();
            StoreFullException e = assertThrows(StoreFullException.class, () -> store.create("second"));
            assertNamesContainer(path, e);
            assertTrue(e.getMessage().contains("'second'"), e.getMessage());
            assertTrue(e.getMessage().contains("inode table is full"), e.getMessage());
        } finally {
            TempStores.delete(path);
        }
    }

    @Test
    void aFullInodeTableRefusesATemporaryFileNamingTheContainer() {
        Path path = TempStores.newContainerPath("full-msg-");
        try (DaxStore store = DaxStore.open(path, StoreOptions.capacity(CAPACITY).withMaxFiles(1))) {
            store.create("first").close();
            StoreFullException e = assertThrows(StoreFullException.class, store::createTemporary);
            assertNamesContainer(path, e);
            assertTrue(e.getMessage().contains("cannot create a temporary file"), e.getMessage());
            assertTrue(e.getMessage().contains("inode table is full"), e.getMessage());
        } finally {
            TempStores.delete(path);
        }
    }

    private static void assertNamesContainer(Path path, StoreFullException e) {
        String message = e.getMessage();
        assertTrue(message.startsWith(path + ": "), "does not start with the container's path: " + message);
        assertTrue(message.indexOf(path.toString(), 1) < 0, "names the container twice: " + message);
    }

    private interface PageStore {
        void store(DaxMapping view, long at);
    }

    private static void eachPage(DaxFile file, PageStore store) {
        file.truncate(TOO_MUCH);
        try (DaxMapping view = file.map(0, TOO_MUCH)) {
            for (long at = 0; at < TOO_MUCH; at += 4096) {
                store.store(view, at);
            }
        }
    }

    private static Arguments growth(String how, Consumer<DaxFile> grow) {
        return Arguments.of(how, grow);
    }
}
