package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.lang.reflect.Method;
import java.nio.ReadOnlyBufferException;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every store through a read-only view or scope is refused with {@link ReadOnlyViewException}, a
 * {@link ReadOnlyBufferException} whose message says what was refused and where (the JDK's has no
 * message: issue 11 found a CAS on a read-only view and a store to a read-only scope throwing it
 * bare), and nothing else is refused.
 *
 * <p>By reflection ({@link ApiMethods}): every method of a read-only view, and of a read-only
 * scope of a read-only and of a read-write view, is called. The methods that store (named
 * {@code put*}, {@code compareAndSet*}, {@code getAndAdd*}, {@code bytesStore}, and a
 * {@code READ_WRITE} {@code scope}) must refuse; every other one must return normally. And a
 * method that returns normally must leave the file's bytes as they were, which catches a storing
 * method added later under another name.
 */
class ReadOnlyRefusalTest {
    @TestFactory
    Stream<DynamicNode> everyStoreThroughAReadOnlyViewOrScopeIsRefusedWithAMessage() {
        return Stream.of(
                dynamicContainer("read-only view", methodsOf(DaxMapping.class, MapMode.READ_ONLY, MapMode.READ_ONLY)),
                dynamicContainer("read-only scope of a read-only view",
                        methodsOf(AccessScope.class, MapMode.READ_ONLY, MapMode.READ_ONLY)),
                dynamicContainer("read-only scope of a read-write view",
                        methodsOf(AccessScope.class, MapMode.READ_WRITE, MapMode.READ_ONLY)));
    }

    private static Stream<DynamicNode> methodsOf(Class<?> type, MapMode viewMode, MapMode scopeMode) {
        return ApiMethods.of(type).stream().map(method -> dynamicTest(ApiMethods.signature(type, method),
                () -> check(type, method, viewMode, scopeMode)));
    }

    private static void check(Class<?> type, Method method, MapMode viewMode, MapMode scopeMode) {
        String signature = ApiMethods.signature(type, method);
        for (Object[] arguments : ApiMethods.argumentLists(method)) {
            String call = signature.replaceFirst("\\(.*", "") + ApiMethods.describe(arguments);
            try (ApiFixture fixture = ApiFixture.open(viewMode)) {
                Object receiver = fixture.receiver(type, scopeMode);
                Throwable thrown = ApiMethods.call(method, receiver, arguments);
                if (!stores(method, arguments)) {
                    assertNull(thrown, () -> call + " does not store, so must work, but threw " + thrown);
                    assertTrue(fixture.contentsUnchanged(), call + " returned normally but changed the file");
                    continue;
                }
                assertNotNull(thrown, call + " stores, so must be refused");
                if (!(thrown instanceof ReadOnlyViewException)) {
                    throw new AssertionError(call + " threw " + thrown + "; expected ReadOnlyViewException", thrown);
                }
                String message = thrown.getMessage();
                assertTrue(message != null && message.contains("read-only") && message.contains(fixture.path.toString())
                        && message.contains("'" + ApiFixture.FILE + "'"),
                        call + ": the message must say read-only and name the container and the file: " + message);
                assertTrue(fixture.contentsUnchanged(), call + " was refused but changed the file");
            }
        }
    }

    private static boolean stores(Method method, Object[] arguments) {
        String name = method.getName();
        return name.startsWith("put") || name.startsWith("compareAndSet") || name.startsWith("getAndAdd")
                || name.equals("bytesStore") || name.equals("scope") && Arrays.asList(arguments).contains(MapMode.READ_WRITE);
    }

    @Test
    void theExceptionIsAReadOnlyBufferExceptionSoExistingHandlersStillCatchIt() {
        try (ApiFixture fixture = ApiFixture.open(MapMode.READ_ONLY)) {
            ReadOnlyBufferException refused = assertThrows(ReadOnlyBufferException.class,
                    () -> fixture.view.compareAndSetLong(0, 0, 1));
            assertEquals(ReadOnlyViewException.class, refused.getClass());
            assertTrue(refused.getMessage().contains("index 0"), refused.getMessage());
        }
    }
}
