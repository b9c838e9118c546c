package org.daxstore.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The multi-release jar's two versions of each versioned class ({@code core/src/main/java} for
 * JDK 17 to 21, {@code core/src/main/java22} under {@code META-INF/versions/22}) declare the same
 * non-private members, so that code compiled against one runs against the other; and this JVM
 * runs the version the jar gives it (the tests run on the classes a JDK 22+ loads from the jar:
 * core/pom.xml, profile jdk22-ffm).
 */
class VersionedClassesTest {
    private static final Path CLASSES = Path.of("target", "classes");
    private static final Path VERSION_22 = CLASSES.resolve("META-INF/versions/22");

    @Test
    void thisJvmRunsTheMemoryPathOfItsJdk() {
        if (Runtime.version().feature() >= 22) {
            assertTrue(Memory.implementation().startsWith("FFM"), Memory.implementation());
        } else {
            assertTrue(Memory.implementation().contains("Unsafe"), Memory.implementation());
        }
    }

    @Test
    void aJdk22BuildHasTheVersionedClasses() {
        assumeTrue(Runtime.version().feature() >= 22, "the java22 sources compile on JDK 22 and later only");
        assertTrue(Files.isRegularFile(VERSION_22.resolve("org/daxstore/media/Memory.class")), VERSION_22.toString());
        assertTrue(Files.isRegularFile(VERSION_22.resolve("org/daxstore/media/MappedChunk.class")), VERSION_22.toString());
    }

    @Test
    void bothVersionsOfEachClassDeclareTheSameMembers() throws Exception {
        assumeTrue(Runtime.version().feature() >= 22 && Files.isDirectory(VERSION_22),
                "the versioned classes are built and loadable on JDK 22 and later only");
        List<String> names;
        try (Stream<Path> files = Files.walk(VERSION_22)) {
            names = files.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$"))
                    .map(p -> VERSION_22.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .sorted().collect(Collectors.toList());
        }
        assertFalse(names.isEmpty());
        for (String name : names) {
            Class<?> base = isolated(name, CLASSES);
            Class<?> versioned = isolated(name, VERSION_22);
            assertEquals(Modifier.toString(base.getModifiers()), Modifier.toString(versioned.getModifiers()), name);
            assertEquals(Arrays.asList(base.getInterfaces()).toString(), Arrays.asList(versioned.getInterfaces()).toString(), name);
            assertEquals(signatures(base), signatures(versioned), name + ": the versions differ");
        }
    }

    /** Every non-private, non-synthetic member as "modifiers type name(parameters)". */
    private static Set<String> signatures(Class<?> type) {
        Set<String> out = new TreeSet<>();
        for (Method m : type.getDeclaredMethods()) {
            if (visible(m)) {
                out.add(Modifier.toString(m.getModifiers()) + " " + m.getGenericReturnType().getTypeName() + " " + m.getName()
                        + Arrays.toString(m.getGenericParameterTypes()) + " throws " + Arrays.toString(m.getExceptionTypes()));
            }
        }
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (visible(c)) {
                out.add(Modifier.toString(c.getModifiers()) + " <init>" + Arrays.toString(c.getGenericParameterTypes()));
            }
        }
        for (Field f : type.getDeclaredFields()) {
            if (visible(f)) {
                out.add(Modifier.toString(f.getModifiers()) + " " + f.getGenericType().getTypeName() + " " + f.getName());
            }
        }
        return out;
    }

    private static boolean visible(Member member) {
        return !Modifier.isPrivate(member.getModifiers()) && !member.isSynthetic();
    }

    /** Class {@code name} defined from {@code root}'s copy, in a loader of its own (its other types from the test's loader). */
    private static Class<?> isolated(String name, Path root) throws IOException, ClassNotFoundException {
        byte[] bytes = Files.readAllBytes(root.resolve(name.replace('.', '/') + ".class"));
        ClassLoader loader = new ClassLoader(VersionedClassesTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String wanted, boolean resolve) throws ClassNotFoundException {
                synchronized (getClassLoadingLock(wanted)) {
                    if (!wanted.equals(name)) {
                        return super.loadClass(wanted, resolve);
                    }
                    Class<?> loaded = findLoadedClass(wanted);
                    return loaded != null ? loaded : defineClass(wanted, bytes, 0, bytes.length);
                }
            }
        };
        return Class.forName(name, false, loader);
    }
}
