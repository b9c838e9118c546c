package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.daxstore.testing.UnsafeAccess;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * A thread with an access scope open must never wait for the store: truncate, punch, delete and
 * close wait for every open scope (the grace period), so one run on the scope's own thread
 * waited forever for itself (issue 11 found {@code DaxStore.close()} doing so). And every other
 * operation of a {@link DaxFile} or a {@link DaxStore} takes a lock that one of those holds while
 * it waits (the store's for close, the file's for truncate, punch and delete), so on the
 * scope's thread it could wait for another thread that waits for the scope. So each refuses
 * there with {@link IllegalStateException} and a message, and leaves the store open and usable;
 * views, batches and scopes wait for no lock and keep working.
 *
 * <p>The methods are enumerated by reflection ({@link ApiMethods}); each call runs on a thread
 * of its own with a time limit, so a regression fails the test instead of hanging the build.
 */
class InsideAScopeTest {
    private static final long LIMIT_SECONDS = 20;

    /** The methods of DaxFile and DaxStore that wait for nothing, so run inside a scope, and why. */
    static final Map<String, String> WORKS_INSIDE_A_SCOPE = Map.of(
            "DaxFile.close()", "closing a handle only marks it",
            "DaxFile.name()", "reads a field",
            "DaxStore.path()", "fixed when the store was opened",
            "DaxStore.wasCleanlyClosed()", "fixed when the store was opened");

    @TestFactory
    Stream<DynamicNode> fileAndStoreOperationsRefuseToRunInsideAScope() {
        return Stream.of(DaxStore.class, DaxFile.class).map(type -> dynamicContainer(type.getSimpleName(),
                ApiMethods.of(type).stream().map(method -> dynamicTest(ApiMethods.signature(type, method),
                        () -> check(type, method, true)))));
    }

    @TestFactory
    Stream<DynamicNode> viewBatchAndScopeOperationsWorkInsideAScope() {
        return Stream.of(DaxMapping.class, PersistBatch.class, AccessScope.class).map(type -> dynamicContainer(
                type.getSimpleName(), ApiMethods.of(type).stream().map(method -> dynamicTest(
                        ApiMethods.signature(type, method), () -> check(type, method, false)))));
    }

    private static void check(Class<?> type, Method method, boolean fileOrStore) throws Exception {
        String signature = ApiMethods.signature(type, method);
        for (Object[] arguments : ApiMethods.argumentLists(method)) {
            String call = signature.replaceFirst("\\(.*", "") + ApiMethods.describe(arguments) + " inside a scope";
            withFixture(fixture -> {
                Throwable thrown = onAThreadWithAScopeOpen(fixture, call, scope -> {
                    Object receiver = type == AccessScope.class ? scope : fixture.receiver(type, MapMode.READ_WRITE);
                    return ApiMethods.call(method, receiver, arguments);
                });
                if (type == AccessScope.class && method.getName().equals("bytesStore") && UnsafeAccess.denied()) {
                    // Chronicle needs Unsafe, which this JVM denies: refused for that, not for the scope
                    assertTrue(thrown instanceof UnsupportedOperationException, () -> call + " threw " + thrown
                            + "; under deny it must refuse with UnsupportedOperationException");
                } else if (!fileOrStore || WORKS_INSIDE_A_SCOPE.containsKey(signature)) {
                    assertNull(thrown, () -> call + " must work but threw " + thrown);
                } else {
                    assertNotNull(thrown, call + " returned normally: it must refuse with IllegalStateException"
                            + " (or, if it waits for nothing, go in WORKS_INSIDE_A_SCOPE with the reason)");
                    if (!(thrown instanceof IllegalStateException)) {
                        throw new AssertionError(call + " threw " + thrown + "; expected IllegalStateException", thrown);
                    }
                    String message = thrown.getMessage();
                    assertTrue(message != null && message.contains("access scope")
                            && message.contains(fixture.path.toString()),
                            call + ": the message must name the container and say why: " + message);
                }
                assertStillUsable(fixture, call);
            });
        }
    }

    /** A call that did not return in time: a thread is stuck in the fixture's store. */
    private static final class Stuck extends AssertionError {
        private static final long serialVersionUID = 1L;

        Stuck(String message) {
            super(message);
        }
    }

    private interface FixtureBody {
        void run(ApiFixture fixture) throws Exception;
    }

    /**
     * Runs {@code body} on a fresh fixture and closes it, unless a call got {@link Stuck}: a
     * stuck thread keeps its scope, so closing the store would wait for ever too. The container
     * is deleted either way.
     */
    private static void withFixture(FixtureBody body) throws Exception {
        ApiFixture fixture = ApiFixture.open();
        try {
            body.run(fixture);
        } catch (Stuck stuck) {
            TempStores.delete(fixture.path);
            throw stuck;
        } catch (Exception | Error e) {
            fixture.close();
            throw e;
        }
        fixture.close();
    }

    /**
     * Runs {@code action} on a new thread that opens a scope of the fixture's view first and
     * closes it after, and returns what the action returned.
     *
     * @throws Stuck if that takes over the time limit
     */
    private static Throwable onAThreadWithAScopeOpen(ApiFixture fixture, String call,
                                                     Function<AccessScope, Throwable> action) throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try (AccessScope scope = fixture.view.scope(0, ApiFixture.VIEW_BYTES, MapMode.READ_WRITE)) {
                outcome.complete(action.apply(scope));
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        }, "scope-holder");
        thread.setDaemon(true);
        thread.start();
        return await(outcome, call + " did not return: it waits for its own scope");
    }

    private static <T> T await(CompletableFuture<T> future, String stuck) throws Exception {
        try {
            return future.get(LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new Stuck(stuck + " (" + LIMIT_SECONDS + " s)");
        }
    }

    private static void assertStillUsable(ApiFixture fixture, String call) {
        if (fixture.store.list().contains(ApiFixture.FILE)) {
            try (DaxFile file = fixture.store.openFile(ApiFixture.FILE)) {
                file.write(0, new byte[] {1, 2, 3});
                byte[] back = new byte[3];
                file.read(0, back);
                assertEquals(2, back[1], call + ": the file no longer reads what was written");
            }
        }
        assertTrue(fixture.store.check().isConsistent(), call + ": the store is inconsistent afterwards");
    }

    @Test
    void theAllowListNamesOnlyPublicMethods() {
        Set<String> methods = Stream.of(DaxStore.class, DaxFile.class)
                .flatMap(type -> ApiMethods.of(type).stream().map(m -> ApiMethods.signature(type, m)))
                .collect(Collectors.toSet());
        for (String allowed : WORKS_INSIDE_A_SCOPE.keySet()) {
            assertTrue(methods.contains(allowed), allowed + " is in WORKS_INSIDE_A_SCOPE but is no public method");
        }
    }

    /**
     * The waits across two threads: a scope holder that asked for the file's or the store's lock
     * while another thread's truncate or close held it, waiting for the scope, would wait for
     * ever. It is refused at once instead, and both finish once the scope closes.
     */
    @Test
    void aScopeHolderIsRefusedWhatAnotherThreadsRemoverHolds() throws Exception {
        for (String remover : new String[] {"truncate", "close"}) {
            withFixture(fixture -> {
                CompletableFuture<Throwable> refused = new CompletableFuture<>();
                CompletableFuture<Void> scopeOpen = new CompletableFuture<>();
                CompletableFuture<Void> removerStarted = new CompletableFuture<>();
                Thread holder = new Thread(() -> {
                    try (AccessScope scope = fixture.view.scope(0, 64, MapMode.READ_WRITE)) {
                        scopeOpen.complete(null);
                        removerStarted.get();
                        Thread.sleep(100); // the remover is waiting for this scope by now
                        refused.complete(ApiMethods.call(DaxFile.class.getMethod("read", long.class, byte[].class),
                                fixture.file, new Object[] {0L, new byte[8]}));
                    } catch (Exception e) {
                        refused.completeExceptionally(e);
                    }
                }, "scope-holder");
                holder.setDaemon(true);
                holder.start();
                await(scopeOpen, "the scope did not open");
                Thread removing = new Thread(() -> {
                    removerStarted.complete(null);
                    if (remover.equals("truncate")) {
                        fixture.file.truncate(0);
                    } else {
                        fixture.store.close();
                    }
                }, remover);
                removing.setDaemon(true);
                removing.start();
                Throwable thrown = await(refused, "the scope holder's read waits for the " + remover
                        + ", which waits for the scope");
                // Refused at once: as a read inside a scope, or, once close has begun, as a read of a closed store.
                boolean atOnce = thrown instanceof IllegalStateException
                        || remover.equals("close") && thrown instanceof ClosedException;
                assertTrue(atOnce, remover + ": the scope holder's read gave " + thrown);
                removing.join(TimeUnit.SECONDS.toMillis(LIMIT_SECONDS));
                if (removing.isAlive()) {
                    throw new Stuck(remover + " did not finish once the scope closed");
                }
            });
        }
    }

    @Test
    void closeInsideAScopeLeavesTheStoreOpen() throws Exception {
        withFixture(fixture -> {
            Throwable thrown = onAThreadWithAScopeOpen(fixture, "close", scope -> {
                Throwable t = assertThrows(IllegalStateException.class, fixture.store::close);
                scope.putLong(0, 7);
                return t;
            });
            assertTrue(thrown.getMessage().contains("access scope"), thrown.getMessage());
            assertEquals(7, fixture.view.getLong(0), "the store is still open");
        });
    }
}
