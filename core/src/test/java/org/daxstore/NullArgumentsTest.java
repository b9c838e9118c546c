package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every public method, static or not, of the API classes refuses a null in each reference
 * parameter in the one way the package comment promises: {@link NullPointerException} whose
 * message names the parameter, and nothing done (the fixture's file keeps its bytes, a store
 * method given a null creates no container). Issue 11 found {@code map(0, n, null)} accepted (a
 * read-only view) and {@code scope(0, n, null)} failing with a bare message.
 *
 * <p>By reflection, so a method added later is covered: the other arguments are valid ones from
 * {@link ApiMethods}, and for the types it does not make (a {@link Path}, options, a decorator,
 * a clock) from {@link #valid}. The parameter names come from the class files (the build keeps
 * them: {@code <parameters>} in the parent pom).
 */
class NullArgumentsTest {
    static final List<Class<?>> CLASSES = List.of(DaxStore.class, DaxFile.class, DaxMapping.class, AccessScope.class,
            PersistBatch.class, StoreOptions.class, org.daxstore.check.Fsck.class);

    @TestFactory
    Stream<DynamicNode> everyReferenceParameterRefusesNullNamingIt() {
        return CLASSES.stream().map(type -> dynamicContainer(type.getSimpleName(),
                methods(type).stream().filter(NullArgumentsTest::hasAReferenceParameter).map(method ->
                        dynamicTest(ApiMethods.signature(type, method), () -> check(type, method)))));
    }

    /** The public methods of {@code type} declared by it or its interfaces (Object's left out), statics included. */
    static List<Method> methods(Class<?> type) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getDeclaringClass() != Object.class && !m.isSynthetic() && !m.isBridge())
                .sorted(Comparator.comparing((Method m) -> ApiMethods.signature(type, m)))
                .collect(Collectors.toList());
    }

    private static boolean hasAReferenceParameter(Method method) {
        return Arrays.stream(method.getParameterTypes()).anyMatch(t -> !t.isPrimitive());
    }

    private static void check(Class<?> type, Method method) throws Exception {
        Parameter[] parameters = method.getParameters();
        for (int at = 0; at < parameters.length; at++) {
            if (parameters[at].getType().isPrimitive()) {
                continue;
            }
            assertTrue(parameters[at].isNamePresent(), "the class files lost their parameter names (-parameters)");
            String name = parameters[at].getName();
            try (ApiFixture fixture = ApiFixture.open()) {
                Path fresh = fixture.path.resolveSibling(fixture.path.getFileName() + "-fresh.dax");
                Object[] arguments = arguments(method, fixture, fresh);
                arguments[at] = null;
                Object receiver = Modifier.isStatic(method.getModifiers()) ? null
                        : type == StoreOptions.class ? StoreOptions.capacity(16 << 20) : fixture.receiver(type, MapMode.READ_WRITE);
                String call = ApiMethods.signature(type, method) + " with " + name + " null";
                Throwable thrown = ApiMethods.call(method, receiver, arguments);
                assertNotNull(thrown, call + " returned normally");
                if (!(thrown instanceof NullPointerException)) {
                    throw new AssertionError(call + " threw " + thrown + ", not NullPointerException", thrown);
                }
                String message = thrown.getMessage();
                assertTrue(message != null && message.startsWith(name + " is null"), call + ": the message must name "
                        + name + ": " + message);
                assertFalse(Files.exists(fresh), call + " created a container");
                assertTrue(fixture.contentsUnchanged(), call + " changed the file");
            }
        }
    }

    /** Valid arguments for {@code method}: ApiMethods' where it makes them, else {@link #valid}. */
    private static Object[] arguments(Method method, ApiFixture fixture, Path fresh) {
        Class<?>[] types = method.getParameterTypes();
        boolean known = Arrays.stream(types).allMatch(NullArgumentsTest::madeByApiMethods);
        Object[] arguments = known ? ApiMethods.firstArguments(method) : new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            if (!madeByApiMethods(types[i])) {
                arguments[i] = valid(types[i], fresh);
            } else if (!known) {
                arguments[i] = types[i] == long.class ? (Object) 0L : types[i] == int.class ? (Object) 0 : null;
            }
        }
        return arguments;
    }

    private static boolean madeByApiMethods(Class<?> type) {
        return !(type == Path.class || type == StoreOptions.class || type == UnaryOperator.class || type == Clock.class);
    }

    /** A valid value of the types ApiMethods does not make. */
    private static Object valid(Class<?> type, Path fresh) {
        if (type == Path.class) {
            return fresh;
        } else if (type == StoreOptions.class) {
            return StoreOptions.capacity(16 << 20);
        } else if (type == UnaryOperator.class) {
            return UnaryOperator.identity();
        } else if (type == Clock.class) {
            return Clock.systemUTC();
        } else if (type == MediumChoice.class) {
            return MediumChoice.MAPPED;
        }
        throw new AssertionError("no valid value for " + type);
    }

    /** The test reaches the methods it must: a class without reference parameters would test nothing. */
    @Test
    void theMethodsWithReferenceParametersAreFound() {
        List<String> found = CLASSES.stream().flatMap(type -> methods(type).stream()
                .filter(NullArgumentsTest::hasAReferenceParameter).map(m -> ApiMethods.signature(type, m)))
                .collect(Collectors.toList());
        for (String expected : List.of("DaxFile.map(long, long, MapMode)", "DaxMapping.scope(long, long, MapMode)",
                "DaxStore.open(Path, StoreOptions)", "StoreOptions.withClock(Clock)", "DaxStore.create(String)")) {
            assertTrue(found.contains(expected), expected + " not among " + found);
        }
    }
}
