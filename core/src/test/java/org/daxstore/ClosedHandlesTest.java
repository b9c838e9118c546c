package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every public method of the API classes refuses a closed store, a closed handle, a closed scope
 * and a deleted file with the typed exception of that state ({@link ClosedException},
 * {@link NoSuchDaxFileException}) and a message that names the state, the container and the
 * file. Issue 11 found {@code DaxMapping.persist} reading the block map of a closed store from
 * unmapped memory (a SIGSEGV that killed the JVM) and returning normally for a deleted file.
 *
 * <p>The methods are enumerated by reflection ({@link ApiMethods}) and called with valid
 * arguments, so a method added later is covered without anyone remembering to; a parameter type
 * the argument factory does not know fails its test with a message saying where to add it. The
 * few methods that legitimately work in these states are in {@link #WORKS_AFTER_CLOSE}, each with
 * its reason (their javadoc says so too); they must then return normally.
 */
class ClosedHandlesTest {
    /** A state a handle can be in, what it must throw there, and the word its message must hold. */
    enum State {
        STORE_CLOSED("with the store closed", ClosedException.class, "closed", f -> f.store.close()),
        /** The file handle is closed; for a view, a batch of it or a scope of it: the view is closed. */
        HANDLE_CLOSED("with its handle closed", ClosedException.class, "closed", null),
        FILE_DELETED("with its file deleted", NoSuchDaxFileException.class, "deleted",
                f -> f.store.delete(ApiFixture.FILE)),
        SCOPE_CLOSED("with the scope closed", ClosedException.class, "closed", f -> f.scope().close());

        final String description;
        final Class<? extends DaxStoreException> refusal;
        final String word;
        private final Consumer<ApiFixture> enter;

        State(String description, Class<? extends DaxStoreException> refusal, String word, Consumer<ApiFixture> enter) {
            this.description = description;
            this.refusal = refusal;
            this.word = word;
            this.enter = enter;
        }

        void enter(ApiFixture fixture, Class<?> type) {
            if (this != HANDLE_CLOSED) {
                enter.accept(fixture);
            } else if (type == DaxFile.class) {
                fixture.file.close();
            } else {
                fixture.view.close();
            }
        }
    }

    /**
     * The states each class is tested in. A scope is tested open with its view closed, and
     * closed: an open scope keeps a close or delete of its store waiting until it ends
     * ({@link #closeAndDeleteWaitForAnOpenScope}), so those states only exist for a closed scope.
     */
    static final Map<Class<?>, List<State>> STATES = Map.of(
            DaxStore.class, List.of(State.STORE_CLOSED),
            DaxFile.class, List.of(State.STORE_CLOSED, State.HANDLE_CLOSED, State.FILE_DELETED),
            DaxMapping.class, List.of(State.STORE_CLOSED, State.HANDLE_CLOSED, State.FILE_DELETED),
            PersistBatch.class, List.of(State.STORE_CLOSED, State.HANDLE_CLOSED, State.FILE_DELETED),
            AccessScope.class, List.of(State.HANDLE_CLOSED, State.SCOPE_CLOSED));

    /** The methods that work in every state above, and why. */
    static final Map<String, String> WORKS_AFTER_CLOSE = Map.ofEntries(
            Map.entry("DaxStore.close()", "idempotent"),
            Map.entry("DaxStore.path()", "fixed when the store was opened"),
            Map.entry("DaxStore.wasCleanlyClosed()", "fixed when the store was opened"),
            Map.entry("DaxFile.close()", "idempotent"),
            Map.entry("DaxFile.name()", "the name the file had last, kept in memory: reads no media"),
            Map.entry("DaxMapping.close()", "idempotent"),
            Map.entry("DaxMapping.length()", "fixed when the view was made"),
            Map.entry("DaxMapping.fileOffset()", "fixed when the view was made"),
            Map.entry("DaxMapping.mode()", "fixed when the view was made"),
            Map.entry("DaxMapping.translationBytes()", "counts heap the view holds: reads no media"),
            Map.entry("PersistBatch.size()", "counts the ranges the batch holds: reads no media"),
            Map.entry("AccessScope.close()", "idempotent; ends the section of a scope whose view was closed"),
            Map.entry("AccessScope.length()", "fixed when the scope was opened"));

    @TestFactory
    Stream<DynamicNode> everyPublicMethodRefusesAClosedStoreHandleOrScopeAndADeletedFile() {
        return ApiMethods.API_CLASSES.stream().map(type -> dynamicContainer(type.getSimpleName(),
                ApiMethods.of(type).stream().flatMap(method -> STATES.get(type).stream().flatMap(state ->
                        warmths(type).stream().map(warm -> dynamicTest(ApiMethods.signature(type, method) + " "
                                + state.description + (warm ? ", its view's translations warm" : ""),
                                () -> check(type, method, state, warm)))))));
    }

    /**
     * A view's accesses are refused two ways: a cold page faults, and the fault checks the
     * handle and the file; a warm page hits, and a hit checks nothing, so the state must have
     * dropped its translation (a closed view's table is cleared, a removal shoots its pages
     * down). So the view's methods, and its batch's, run both ways.
     */
    private static List<Boolean> warmths(Class<?> type) {
        return type == DaxMapping.class || type == PersistBatch.class ? List.of(false, true) : List.of(false);
    }

    private static void check(Class<?> type, Method method, State state, boolean warm) {
        String signature = ApiMethods.signature(type, method);
        for (Object[] arguments : ApiMethods.argumentLists(method)) {
            try (ApiFixture fixture = ApiFixture.open()) {
                Object receiver = fixture.receiver(type, MapMode.READ_WRITE);
                if (warm) {
                    fixture.view.get(0, new byte[ApiFixture.VIEW_BYTES], 0, ApiFixture.VIEW_BYTES); // installs the translation of every page
                    fixture.view.putByte(0, fixture.view.getByte(0));
                }
                state.enter(fixture, type);
                String call = signature.replaceFirst("\\(.*", "") + ApiMethods.describe(arguments) + " " + state.description;
                Throwable thrown = ApiMethods.call(method, receiver, arguments);
                String reason = WORKS_AFTER_CLOSE.get(signature);
                if (reason != null) {
                    assertNull(thrown, () -> call + " must work (" + reason + ") but threw " + thrown);
                    continue;
                }
                assertNotNull(thrown, call + " returned normally: it must throw " + state.refusal.getSimpleName()
                        + " (or, if it legitimately works after close, go in WORKS_AFTER_CLOSE with its reason)");
                if (!state.refusal.isInstance(thrown)) {
                    throw new AssertionError(call + " threw " + thrown + "; expected " + state.refusal.getSimpleName()
                            + " (if the arguments are not valid for this method, extend ApiMethods.argumentLists)", thrown);
                }
                String message = thrown.getMessage();
                assertNotNull(message, call + ": the exception has no message");
                assertTrue(message.contains(state.word), call + ": the message does not say '" + state.word + "': "
                        + message);
                assertTrue(message.contains(fixture.path.toString()), call + ": the message does not name the container: "
                        + message);
                if (type != DaxStore.class) {
                    assertTrue(message.contains("'" + ApiFixture.FILE + "'"), call + ": the message does not name the file: "
                            + message);
                }
            }
        }
    }

    @Test
    void theAllowListNamesOnlyPublicMethods() {
        Set<String> methods = ApiMethods.API_CLASSES.stream()
                .flatMap(type -> ApiMethods.of(type).stream().map(m -> ApiMethods.signature(type, m)))
                .collect(Collectors.toSet());
        for (String allowed : WORKS_AFTER_CLOSE.keySet()) {
            assertTrue(methods.contains(allowed), allowed + " is in WORKS_AFTER_CLOSE but is no public method");
        }
        assertEquals(Set.copyOf(ApiMethods.API_CLASSES), STATES.keySet(), "every API class needs its states");
    }

    /** Why a scope is not tested open with its store closed or its file deleted: those wait for it. */
    @Test
    void closeAndDeleteWaitForAnOpenScope() throws Exception {
        for (State state : List.of(State.FILE_DELETED, State.STORE_CLOSED)) {
            try (ApiFixture fixture = ApiFixture.open()) {
                AccessScope scope = fixture.scope();
                Thread waiting = new Thread(() -> state.enter(fixture, AccessScope.class), "remover");
                waiting.start();
                waiting.join(300);
                assertTrue(waiting.isAlive(), state + ": must wait for the open scope");
                assertEquals(0x5A5A5A5A5A5A5A5AL, scope.getLong(0), state + ": the scope still reads its block");
                scope.close();
                waiting.join(10_000);
                assertFalse(waiting.isAlive(), state + ": did not finish once the scope closed");
            }
        }
    }
}
