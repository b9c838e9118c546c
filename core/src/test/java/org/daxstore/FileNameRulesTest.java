package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every public method that takes a file name, against a table of names the format cannot hold
 * and of edge names it can. The methods are found by reflection: a method added later that takes
 * a name is tested without anyone remembering to, and one this test cannot call fails it.
 *
 * <p>The defect behind it: a name with a lone surrogate was encoded by {@code String.getBytes},
 * stored as {@code bad?name}; creating {@code bad?name} then gave two inodes one name, and the
 * next open refused the whole store.
 */
class FileNameRulesTest {
    /** A name the format cannot hold, and what the message must say about it. */
    record BadName(String what, String name, String... saying) {
        @Override
        public String toString() {
            return what;
        }
    }

    static final List<BadName> BAD_NAMES = List.of(
            new BadName("a lone high surrogate", "bad\uD800name", "high surrogate U+D800 at index 3"),
            new BadName("a high surrogate at the end", "end\uD83D", "high surrogate U+D83D at index 3"),
            new BadName("a lone low surrogate", "bad\uDC00name", "low surrogate U+DC00 at index 3"),
            new BadName("a reversed surrogate pair", "x\uDE00\uD83D", "low surrogate U+DE00 at index 1"),
            new BadName("a NUL", "nul\0x", "NUL at index 3"),
            new BadName("a slash", "a/b", "'/' at index 1"),
            new BadName("the empty name", "", "must not be empty"),
            new BadName("256 bytes of ASCII", "x".repeat(256), "is 256 UTF-8 bytes", "index 255 is the first past"),
            new BadName("256 bytes of two-byte chars", "\u00E9".repeat(128), "is 256 UTF-8 bytes", "index 127 is the first"),
            new BadName("an astral char across the limit", "x".repeat(252) + "\uD83D\uDE00", "is 256 UTF-8 bytes",
                    "index 252 is the first"),
            new BadName("a huge name", "y".repeat(1 << 20), "is 1048576 UTF-8 bytes"));
    // A null name is no bad name but a null argument: NullPointerException naming the parameter,
    // as for every reference parameter of the API (NullArgumentsTest).

    /** Names the format holds, which must come back exactly. The two spellings of é are distinct names. */
    static final List<String> GOOD_NAMES = List.of(
            "x".repeat(255),
            "\u00E9".repeat(127) + "x",
            "x".repeat(251) + "\uD83D\uDE00",
            "\uD83D\uDE00",
            "\uD800\uDC00\uDBFF\uDFFF",
            Normalizer.normalize("caf\u00E9", Normalizer.Form.NFC),
            Normalizer.normalize("caf\u00E9", Normalizer.Form.NFD),
            "bad?name",
            "\uFFFD",
            "tab\tand\nnewline",
            " ");

    private static final String EXISTING = "existing";
    private static final String UNUSED = "unused";

    private Path path;
    private DaxStore store;

    @BeforeEach
    void open() {
        path = TempStores.newContainerPath("names-");
        store = DaxStore.open(path, StoreOptions.capacity(4 << 20).withMaxFiles(64));
        store.create(EXISTING).close();
    }

    @AfterEach
    void close() {
        store.close();
        TempStores.delete(path);
    }

    @Test
    void theGoodNamesAreGoodAndTheBadOnesBad() {
        for (String name : GOOD_NAMES) {
            int bytes = name.getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes >= 1 && bytes <= 255 && name.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF), name);
        }
        assertEquals(255, GOOD_NAMES.get(0).getBytes(StandardCharsets.UTF_8).length);
        assertEquals(255, GOOD_NAMES.get(2).getBytes(StandardCharsets.UTF_8).length);
        assertTrue(!GOOD_NAMES.get(5).equals(GOOD_NAMES.get(6)), "NFC and NFD spell é differently");
    }

    /** Each public method of the API that takes a String takes a file name: every such parameter, every bad name. */
    @Test
    void everyMethodThatTakesANameRefusesEveryBadName() throws Exception {
        Set<String> covered = new TreeSet<>();
        for (Method method : nameMethods()) {
            for (int position = 0; position < method.getParameterCount(); position++) {
                for (BadName bad : BAD_NAMES) {
                    Object[] args = arguments(method, position, bad.name());
                    InvalidNameException e = invokeExpectingInvalidName(method, args, bad);
                    for (String fragment : bad.saying()) {
                        assertTrue(e.getMessage().contains(fragment), method.getName() + " with " + bad + ": '"
                                + e.getMessage() + "' should say '" + fragment + "'");
                    }
                    assertTrue(e.getMessage().length() < 400, "the message quotes a long name shortened: " + e.getMessage());
                    assertEquals(List.of(EXISTING), store.list(), method.getName() + " with " + bad + " changed the store");
                }
                covered.add(method.getName() + "#" + position);
            }
        }
        assertTrue(covered.containsAll(Set.of("create#0", "openFile#0", "exists#0", "delete#0", "rename#0", "rename#1",
                "stat#0")), "covered: " + covered);
        store.close();
        store = DaxStore.open(path);
        assertEquals(List.of(EXISTING), store.list());
        assertTrue(store.check().isConsistent());
    }

    /** The issue's sequence: the lone surrogate is refused, and {@code bad?name} is an ordinary name. */
    @Test
    void aLoneSurrogateNoLongerBecomesAQuestionMark() {
        assertThrows(InvalidNameException.class, () -> store.create("bad\uD800name"));
        store.create("bad?name").close();
        store.close();
        store = DaxStore.open(path);
        assertEquals(List.of("bad?name", EXISTING), store.list());
    }

    @Test
    void everyGoodNameRoundTripsThroughCreateListReopenAndEveryMethod() throws Exception {
        for (String name : GOOD_NAMES) {
            try (DaxFile file = store.create(name)) {
                assertEquals(name, file.name());
                file.write(0, name.getBytes(StandardCharsets.UTF_8));
            }
            assertTrue(store.exists(name));
            assertEquals(name, store.stat(name).name());
            store.rename(name, UNUSED);
            store.rename(UNUSED, name);
        }
        List<String> expected = new ArrayList<>(GOOD_NAMES);
        expected.add(EXISTING);
        expected.sort(null);
        assertEquals(expected, store.list());
        store.close();
        store = DaxStore.open(path);
        assertEquals(expected, store.list(), "names come back from media exactly");
        for (String name : GOOD_NAMES) {
            try (DaxFile file = store.openFile(name)) {
                byte[] back = new byte[(int) file.size()];
                file.read(0, back);
                assertArrayEquals(name.getBytes(StandardCharsets.UTF_8), back, "the file named " + name);
            }
            store.delete(name);
        }
        assertEquals(List.of(EXISTING), store.list());
        assertTrue(store.check().isConsistent());
    }

    /**
     * The public methods of the API types that take a String. Every one must take only Strings
     * (file names): a method with another kind of parameter besides makes this test fail until
     * it learns to call it.
     */
    private static List<Method> nameMethods() {
        List<Method> methods = new ArrayList<>();
        for (Class<?> type : List.of(DaxStore.class, DaxFile.class, DaxMapping.class, AccessScope.class, PersistBatch.class)) {
            for (Method method : type.getMethods()) {
                boolean takesString = List.of(method.getParameterTypes()).contains(String.class);
                if (!takesString || method.getDeclaringClass() == Object.class || Modifier.isStatic(method.getModifiers())) {
                    continue;
                }
                if (type != DaxStore.class || !List.of(method.getParameterTypes()).stream().allMatch(t -> t == String.class)) {
                    fail(type.getSimpleName() + "." + method.getName() + " takes a String: teach this test to call it");
                }
                methods.add(method);
            }
        }
        return methods;
    }

    /** The bad name at {@code position}; an existing file's name before it, an unused name after it. */
    private static Object[] arguments(Method method, int position, String bad) {
        Object[] args = new Object[method.getParameterCount()];
        for (int i = 0; i < args.length; i++) {
            args[i] = i == position ? bad : i < position ? EXISTING : UNUSED;
        }
        return args;
    }

    private InvalidNameException invokeExpectingInvalidName(Method method, Object[] args, BadName bad) throws Exception {
        try {
            method.invoke(store, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof InvalidNameException invalid) {
                assertNotNull(invalid.getMessage());
                return invalid;
            }
            throw new AssertionError(method.getName() + " with " + bad + " threw " + e.getCause(), e.getCause());
        }
        throw new AssertionError(method.getName() + " accepted " + bad);
    }
}
