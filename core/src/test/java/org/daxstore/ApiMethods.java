package org.daxstore;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The public methods of the API classes and valid arguments for each, for the tests that must
 * cover every method, including the ones added after the test was written: they enumerate the
 * methods here instead of listing them, so a new method is covered without anyone remembering
 * to. A parameter type this factory does not know fails the test with a message that says where
 * to add it.
 *
 * <p>The arguments are valid for an {@link ApiFixture} (a file {@value ApiFixture#FILE} of
 * {@value ApiFixture#FILE_BYTES} bytes, a view of its first {@value ApiFixture#VIEW_BYTES}):
 * <ul>
 *   <li>{@code long}: the first is an index, position or offset: 0; every later one a length,
 *       size or value: 8;</li>
 *   <li>{@code int}: right after an array, an offset into it (0), then a length (the array's);
 *       elsewhere a value: 8. {@code byte}, {@code short}, {@code char}, {@code float},
 *       {@code double}: 8;</li>
 *   <li>{@code boolean}: both values; an enum: each constant;</li>
 *   <li>{@code String}: a file name: the fixture's file, and a name no file has;</li>
 *   <li>an array: {@value #ARRAY_LENGTH} elements of a primitive type, one element of any other
 *       (its first valid value);</li>
 *   <li>{@link ByteBuffer}: a heap and a direct buffer of {@value #ARRAY_LENGTH} bytes.</li>
 * </ul>
 * A method with several such parameters is called with every combination.
 */
final class ApiMethods {
    /** The classes whose every public method the lifecycle tests call. */
    static final List<Class<?>> API_CLASSES =
            List.of(DaxStore.class, DaxFile.class, DaxMapping.class, PersistBatch.class, AccessScope.class);
    static final int ARRAY_LENGTH = 8;
    private static final long VALUE = 8;

    private ApiMethods() {
    }

    /** Every public instance method of {@code type}, inherited and default ones too, except Object's; by signature. */
    static List<Method> of(Class<?> type) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getDeclaringClass() != Object.class)
                .filter(m -> !Modifier.isStatic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge())
                .sorted(Comparator.comparing((Method m) -> signature(type, m)))
                .collect(Collectors.toList());
    }

    /**
     * {@code DaxMapping.persist(long, long)}: how the tests and their allow-lists name a method
     * of {@code owner} (the API class, also for a default method of an interface it implements).
     */
    static String signature(Class<?> owner, Method method) {
        return owner.getSimpleName() + "." + method.getName() + Arrays.stream(method.getParameterTypes())
                .map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }

    /** Every combination of valid arguments for {@code method} (see the class comment). */
    static List<Object[]> argumentLists(Method method) {
        Class<?>[] types = method.getParameterTypes();
        List<List<Object>> choices = new ArrayList<>();
        int longs = 0;
        for (int i = 0; i < types.length; i++) {
            Class<?> type = types[i];
            boolean afterArray = i > 0 && types[i - 1].isArray();
            boolean twoAfterArray = i > 1 && types[i - 2].isArray() && types[i - 1] == int.class;
            if (type == long.class) {
                choices.add(List.of(longs++ == 0 ? 0L : VALUE));
            } else if (type == int.class && afterArray) {
                choices.add(List.of(0));
            } else if (type == int.class && twoAfterArray) {
                choices.add(List.of(ARRAY_LENGTH));
            } else {
                choices.add(valuesOf(type, method));
            }
        }
        List<Object[]> lists = new ArrayList<>();
        combine(choices, 0, new Object[types.length], lists);
        return lists;
    }

    /** The first valid argument list of {@code method}. */
    static Object[] firstArguments(Method method) {
        return argumentLists(method).get(0);
    }

    private static List<Object> valuesOf(Class<?> type, Method method) {
        if (type == int.class) {
            return List.of((int) VALUE);
        } else if (type == byte.class) {
            return List.of((byte) VALUE);
        } else if (type == short.class) {
            return List.of((short) VALUE);
        } else if (type == char.class) {
            return List.of((char) VALUE);
        } else if (type == float.class) {
            return List.of((float) VALUE);
        } else if (type == double.class) {
            return List.of((double) VALUE);
        } else if (type == boolean.class) {
            return List.of(true, false);
        } else if (type.isEnum()) {
            return List.of(type.getEnumConstants());
        } else if (type == String.class) {
            return List.of(ApiFixture.FILE, ApiFixture.FREE_NAME);
        } else if (type == ByteBuffer.class) {
            return List.of(new Fresh(() -> ByteBuffer.allocate(ARRAY_LENGTH)),
                    new Fresh(() -> ByteBuffer.allocateDirect(ARRAY_LENGTH)));
        } else if (type.isArray()) {
            Class<?> component = type.getComponentType();
            if (component.isPrimitive()) {
                return List.of(new Fresh(() -> Array.newInstance(component, ARRAY_LENGTH)));
            }
            Object element = valuesOf(component, method).get(0);
            return List.of(new Fresh(() -> {
                Object array = Array.newInstance(component, 1);
                Array.set(array, 0, element instanceof Fresh ? ((Fresh) element).make() : element);
                return array;
            }));
        }
        throw new AssertionError(method.getDeclaringClass().getSimpleName() + "." + method.getName()
                + ": the argument factory has no valid value for a parameter of type " + type.getName()
                + ": add one to ApiMethods.valuesOf (core/src/test/java/org/daxstore/ApiMethods.java)"
                + " and say it in the class comment");
    }

    /** An argument made anew for every call (buffers and arrays are changed by the calls). */
    record Fresh(java.util.function.Supplier<Object> maker) {
        Object make() {
            return maker.get();
        }
    }

    private static void combine(List<List<Object>> choices, int at, Object[] current, List<Object[]> out) {
        if (at == choices.size()) {
            out.add(current.clone());
            return;
        }
        for (Object choice : choices.get(at)) {
            current[at] = choice;
            combine(choices, at + 1, current, out);
        }
    }

    /**
     * Calls {@code method} on {@code receiver} with {@code arguments} (fresh buffers and arrays
     * made now) and returns what it threw, or null if it returned normally. A returned
     * {@link AutoCloseable} (a view, a scope) is closed.
     */
    static Throwable call(Method method, Object receiver, Object[] arguments) {
        Object[] actual = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            actual[i] = arguments[i] instanceof Fresh ? ((Fresh) arguments[i]).make() : arguments[i];
        }
        try {
            Object result = method.invoke(receiver, actual);
            if (result instanceof AutoCloseable && result != receiver) {
                ((AutoCloseable) result).close();
            }
            return null;
        } catch (InvocationTargetException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(method + " could not be called: " + e, e);
        }
    }

    /** How a call's arguments read in a failure message. */
    static String describe(Object[] arguments) {
        return Arrays.stream(arguments).map(ApiMethods::describe).collect(Collectors.joining(", ", "(", ")"));
    }

    private static String describe(Object argument) {
        if (argument instanceof Fresh) {
            return "<" + ((Fresh) argument).make().getClass().getSimpleName() + ">";
        }
        return argument instanceof String ? "\"" + argument + "\"" : String.valueOf(argument);
    }
}
