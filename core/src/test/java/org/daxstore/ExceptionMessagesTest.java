package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.daxstore.media.ForwardingMedium;
import org.daxstore.nativebridge.Pmem;
import org.daxstore.testing.Hooked;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every exception type the store throws says what and where: each is provoked here (or, where
 * another test provokes it, that test checks the same) and its message must name the container,
 * and the file where the failure concerns one. Issue 11 found {@code StoreFullException} naming
 * neither the container nor the file, and I/O errors of the container naming neither the
 * container nor the offset and operation.
 *
 * <p>{@link #everyExceptionTypeIsProvoked} lists the exception classes of the package from the
 * class files, so a type added later must be provoked here or name the test that does.
 */
class ExceptionMessagesTest {
    /** The exception types provoked by other tests, which check their messages the same way. */
    static final Map<String, String> PROVOKED_ELSEWHERE = Map.of(
            "ClosedException", "ClosedHandlesTest (every method, every state) and AbandonedScopeTest",
            "NotEnoughHeapException", "HeapBudgetTest (format, empty file, open and views: the container, the need, the budget, the remedy)",
            "OpenScopesException", "AbandonedScopeTest.aLiveThreadsScopeMakesRemoversGiveUpAfterTheLimitChangingNothing",
            "ReadOnlyViewException", "ReadOnlyRefusalTest (every storing method)");

    static final Set<String> PROVOKED_HERE = Set.of("CorruptStoreException", "DaxFileExistsException",
            "InvalidNameException", "MediumUnavailableException", "NoSuchDaxFileException", "NotAContainerException",
            "StoreExistsException", "StoreFullException", "StoreIOException", "StoreLockedException",
            "DaxStoreException");

    @Test
    void everyExceptionTypeIsProvoked() throws IOException, URISyntaxException {
        Path dir = Path.of(DaxStoreException.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("org/daxstore");
        Set<String> types;
        try (Stream<Path> files = Files.list(dir)) {
            types = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith("Exception.class")).map(n -> n.substring(0, n.length() - ".class".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> missing = new TreeSet<>(types);
        missing.removeAll(PROVOKED_HERE);
        missing.removeAll(PROVOKED_ELSEWHERE.keySet());
        assertTrue(missing.isEmpty(), "exception types whose messages no test checks: " + missing
                + ": provoke each in ExceptionMessagesTest, or name the test that does in PROVOKED_ELSEWHERE");
    }

    @Test
    void failuresOfTheNamespaceNameTheContainerAndTheFile() {
        withStore(StoreOptions.capacity(8 << 20).withMaxFiles(2), (store, path) -> {
            store.create("a");
            expect(DaxFileExistsException.class, () -> store.create("a"), path, "'a'");
            store.create("b");
            expect(NoSuchDaxFileException.class, () -> store.openFile("missing"), path, "'missing'");
            expect(InvalidNameException.class, () -> store.create("bad/name"), path, "bad/name");
            expect(StoreFullException.class, () -> store.create("c"), path, "'c'");
        });
    }

    @Test
    void aFullStoreNamesTheContainerAndTheFile() {
        withStore(StoreOptions.capacity(4 << 20), (store, path) -> {
            DaxFile file = store.create("big");
            expect(StoreFullException.class, () -> file.write(0, new byte[8 << 20]), path, "'big'");
            DaxFile small = store.create("small");
            while (store.info().freeBlocks() > 0) {
                file.allocate(file.size(), Math.max(1, store.info().freeBlocks() * 510 / 512) * 4096);
            }
            try (DaxMapping view = small.map(0, 1 << 20)) {
                small.truncate(1 << 20);
                expect(StoreFullException.class, () -> view.putLong(1 << 19, 1), path, "'small'");
            }
        });
    }

    /** A failure of the medium below (an I/O error, the file system out of room) is named with the container and file. */
    @Test
    void aMediumFailureNamesTheContainerAndTheFile() {
        boolean[] failing = {false};
        Hooked options = Hooked.decorating(StoreOptions.capacity(8 << 20), medium -> new ForwardingMedium(medium) {
            @Override
            public void preallocate(long offset, long length) {
                if (failing[0]) {
                    throw new StoreIOException("injected: an I/O error backing " + length + " bytes at container offset "
                            + offset);
                }
                super.preallocate(offset, length);
            }
        });
        withStore(options, (store, path) -> {
            DaxFile file = store.create("f");
            failing[0] = true;
            StoreIOException thrown = expect(StoreIOException.class, () -> file.write(0, new byte[4 << 20]), path, "'f'");
            assertTrue(thrown.getMessage().contains("container offset"), thrown.getMessage());
            failing[0] = false;
        });
    }

    @Test
    void failuresToOpenNameTheContainer() throws IOException {
        Path path = TempStores.newContainerPath("messages-open-");
        try {
            expect(StoreIOException.class, () -> DaxStore.open(path), path, null);
            Files.createFile(path);
            expect(NotAContainerException.class, () -> DaxStore.open(path), path, null);
            Files.delete(path);
            try (DaxStore store = DaxStore.open(path, StoreOptions.capacity(8 << 20))) {
                expect(StoreLockedException.class, () -> DaxStore.open(path), path, null);
            }
            expect(StoreExistsException.class, () -> DaxStore.create(path, StoreOptions.capacity(8 << 20)), path, null);
            Files.write(path, new byte[4096], StandardOpenOption.APPEND);
            expect(CorruptStoreException.class, () -> DaxStore.open(path), path, null);
            if (Pmem.isAvailable()) {
                // libpmem loads here, so forcing it is no failure; the refusal is for machines without it.
                Files.delete(path);
                DaxStore.open(path, StoreOptions.capacity(8 << 20).withMedium(MediumChoice.PMEM)).close();
            } else {
                Files.delete(path);
                expect(MediumUnavailableException.class,
                        () -> DaxStore.open(path, StoreOptions.capacity(8 << 20).withMedium(MediumChoice.PMEM)), path, null);
            }
        } finally {
            TempStores.delete(path);
        }
    }

    /** A nested section that finds a removal pending is refused with the root type, naming the container and file. */
    @Test
    void aNestedScopeThatWouldWaitForARemoverSaysWhereAndWhy() throws Exception {
        withStore(StoreOptions.capacity(8 << 20), (store, path) -> {
            DaxFile file = store.create("n");
            file.write(0, new byte[8192]);
            DaxMapping view = file.map(0, 8192);
            DaxFile other = store.openFile("n");
            try (AccessScope outer = view.scope(0, 4096, MapMode.READ_ONLY)) {
                Thread truncating = new Thread(() -> other.truncate(4096), "truncating");
                truncating.start();
                while (truncating.getState() != Thread.State.TIMED_WAITING) { // parked waiting for the outer scope
                    Thread.onSpinWait();
                }
                DaxStoreException refused = expect(DaxStoreException.class, () -> view.getLong(4096 + 8), path, "'n'");
                assertEquals(DaxStoreException.class, refused.getClass(), refused.toString());
                outer.close();
                truncating.join();
            }
        });
    }

    /** Misuses of a scope (closed on another thread, a BytesStore over two blocks) say where. */
    @Test
    void aMisusedScopeSaysWhere() {
        withStore(StoreOptions.capacity(8 << 20), (store, path) -> {
            DaxFile file = store.create("s");
            file.write(0, new byte[8192]);
            try (DaxMapping view = file.map(0, 8192); AccessScope scope = view.scope(0, 8192, MapMode.READ_WRITE)) {
                expect(IllegalStateException.class, scope::bytesStore, path, "'s'");
                Throwable[] thrown = new Throwable[1];
                Thread other = new Thread(() -> thrown[0] = assertThrows(IllegalStateException.class, scope::close));
                other.start();
                other.join();
                assertTrue(thrown[0].getMessage().contains(path.toString()) && thrown[0].getMessage().contains("'s'"),
                        thrown[0].getMessage());
            }
        });
    }

    private interface StoreTest {
        void run(DaxStore store, Path path) throws Exception;
    }

    private static void withStore(StoreOptions options, StoreTest test) {
        withStore(new Hooked(options, org.daxstore.fs.StoreHooks.NONE), test);
    }

    private static void withStore(Hooked options, StoreTest test) {
        Path path = TempStores.newContainerPath("messages-");
        try (DaxStore store = options.open(path)) {
            test.run(store, path);
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            TempStores.delete(path);
        }
    }

    /**
     * Runs {@code call}, which must throw {@code type} with a message naming {@code path} and,
     * if given, {@code file}.
     */
    private static <T extends Throwable> T expect(Class<T> type, Executable call, Path path, String file) {
        T thrown = assertThrows(type, call);
        String message = thrown.getMessage();
        assertNotNull(message, type.getSimpleName() + " without a message");
        assertTrue(message.contains(path.toString()), type.getSimpleName() + " does not name the container: " + message);
        if (file != null) {
            assertTrue(message.contains(file), type.getSimpleName() + " does not name " + file + ": " + message);
        }
        return thrown;
    }
}
