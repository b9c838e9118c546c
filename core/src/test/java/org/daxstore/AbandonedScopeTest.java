package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An access scope whose thread ended without closing it (it returned, or died of an exception)
 * must not hold the store's removers up for ever: issue 11 found close, truncate and punch
 * waiting for its section for good. Each remover must find the owner dead, revoke the scope
 * (every later access through it throws {@link ClosedException} naming the container, the file
 * and why) and go on. A scope of a live thread is waited for, for at most
 * {@link DaxStore#SCOPE_WAIT_LIMIT}; then the remover gives up with
 * {@link OpenScopesException}, changing nothing.
 *
 * <p>Every wait runs under {@code assertTimeoutPreemptively}, so a regression fails instead of
 * hanging the build.
 */
class AbandonedScopeTest {
    private static final int FILE_BYTES = 1 << 20;
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final byte FILL = 0x3C;

    /** The operations that wait for open scopes before they remove blocks or unmap. */
    enum Remover {
        CLOSE(s -> s.close()),
        TRUNCATE(s -> s.openFile("f").truncate(4096)),
        PUNCH(s -> s.openFile("f").punchHole(0, FILE_BYTES)),
        DELETE(s -> s.delete("f")),
        RENAME_REPLACING(s -> {
            s.create("g");
            s.renameReplacing("g", "f");
        });

        final Consumer<DaxStore> run;

        Remover(Consumer<DaxStore> run) {
            this.run = run;
        }
    }

    /** How the owner ends with its scope open. */
    enum Ending { RETURNS, THROWS }

    @ParameterizedTest
    @EnumSource(Remover.class)
    void aScopeWhoseThreadReturnedIsRevokedAndTheRemoverGoesOn(Remover remover) throws Exception {
        removerRevokesAnAbandonedScope(remover, Ending.RETURNS);
    }

    @ParameterizedTest
    @EnumSource(value = Remover.class, names = {"CLOSE", "TRUNCATE", "PUNCH"})
    void aScopeWhoseThreadDiedOfAnExceptionIsRevokedAndTheRemoverGoesOn(Remover remover) throws Exception {
        removerRevokesAnAbandonedScope(remover, Ending.THROWS);
    }

    private static void removerRevokesAnAbandonedScope(Remover remover, Ending ending) throws Exception {
        Path path = TempStores.newContainerPath("abandoned-");
        try {
            try (DaxStore store = filledStore(path)) {
                DaxMapping view = store.openFile("f").map(0, FILE_BYTES);
                AccessScope scope = abandonedScope(view, ending);
                assertEquals(FILL, scope.getByte(7), "before a remover runs, the abandoned scope still reads its block");
                assertTimeoutPreemptively(LIMIT, () -> remover.run.accept(store),
                        remover + " waited for the section of a thread that had ended");
                for (Runnable use : new Runnable[] {() -> scope.getLong(0), () -> scope.putLong(8, 1), scope::bytesStore}) {
                    ClosedException refused = assertThrows(ClosedException.class, use::run,
                            remover + ": the revoked scope must refuse every use");
                    String message = refused.getMessage();
                    assertTrue(message.contains(path.toString()) && message.contains("'f'") && message.contains("ended")
                            && message.contains("scope-owner"), message);
                }
                scope.close(); // a revoked scope's close does nothing, on any thread
                if (remover != Remover.CLOSE) {
                    assertTimeoutPreemptively(LIMIT, () -> store.openFile("f2").truncate(0),
                            "a later remover must not wait for the revoked scope either");
                }
            }
            try (DaxStore again = DaxStore.open(path)) {
                assertTrue(again.wasCleanlyClosed(), "the store must close cleanly after the revocation");
            }
        } finally {
            TempStores.delete(path);
        }
    }

    /** A live thread's scope holds close and truncate up, but only for the limit; they then change nothing. */
    @Test
    void aLiveThreadsScopeMakesRemoversGiveUpAfterTheLimitChangingNothing() throws Exception {
        Path path = TempStores.newContainerPath("live-scope-");
        CountDownLatch opened = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Throwable> ownerFailed = new AtomicReference<>();
        try (DaxStore store = filledStore(path)) {
            DaxFile file = store.openFile("f");
            DaxMapping view = file.map(0, FILE_BYTES);
            Thread owner = new Thread(() -> {
                try (AccessScope scope = view.scope(0, FILE_BYTES, MapMode.READ_WRITE)) {
                    opened.countDown();
                    release.await();
                    assertEquals(FILL, scope.getByte(FILE_BYTES - 1), "the scope must still reach its block");
                } catch (Throwable t) {
                    ownerFailed.set(t);
                }
            }, "live-owner");
            owner.start();
            opened.await();
            Duration limit = DaxStore.SCOPE_WAIT_LIMIT.plus(LIMIT);
            OpenScopesException truncate = assertThrows(OpenScopesException.class,
                    () -> assertTimeoutPreemptively(limit, () -> file.truncate(0)));
            assertTrue(truncate.getMessage().contains("'live-owner'") && truncate.getMessage().contains(path.toString()),
                    truncate.getMessage());
            assertEquals(FILE_BYTES, file.size(), "a truncate that gave up must change nothing");
            assertArrayEquals(filled(), contents(file));

            OpenScopesException close = assertThrows(OpenScopesException.class,
                    () -> assertTimeoutPreemptively(limit, store::close));
            assertTrue(close.getMessage().contains("'live-owner'"), close.getMessage());
            assertThrows(ClosedException.class, () -> file.size(), "a store whose close gave up refuses new operations");
            release.countDown();
            owner.join(LIMIT.toMillis());
            if (ownerFailed.get() != null) {
                throw new AssertionError("the scope's owner failed", ownerFailed.get());
            }
            assertTimeoutPreemptively(LIMIT, store::close, "close must finish once the scope is closed");
        }
        try (DaxStore again = DaxStore.open(path)) {
            assertTrue(again.wasCleanlyClosed(), "the second close must have closed the store cleanly");
            assertArrayEquals(filled(), contents(again.openFile("f")));
        } finally {
            TempStores.delete(path);
        }
    }

    /** A scope opened on a thread that then ends without closing it; the view stays open. */
    private static AccessScope abandonedScope(DaxMapping view, Ending ending) throws InterruptedException {
        AtomicReference<AccessScope> scope = new AtomicReference<>();
        Thread owner = new Thread(() -> {
            scope.set(view.scope(0, FILE_BYTES, MapMode.READ_WRITE));
            if (ending == Ending.THROWS) {
                throw new IllegalStateException("the owner dies with its scope open, as the test wants");
            }
        }, "scope-owner");
        owner.setUncaughtExceptionHandler((t, e) -> { }); // the death is the point; keep the log quiet
        owner.start();
        owner.join();
        return scope.get();
    }

    private static DaxStore filledStore(Path path) {
        DaxStore store = DaxStore.open(path, StoreOptions.capacity(16 << 20));
        store.create("f").write(0, filled());
        store.create("f2").write(0, filled());
        return store;
    }

    private static byte[] filled() {
        byte[] bytes = new byte[FILE_BYTES];
        Arrays.fill(bytes, FILL);
        return bytes;
    }

    private static byte[] contents(DaxFile file) {
        byte[] bytes = new byte[(int) file.size()];
        file.read(0, bytes);
        return bytes;
    }
}
