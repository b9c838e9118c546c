package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The public API names no internal type: every public and protected member of every public type
 * of {@code org.daxstore} (fields, constructors, methods: their parameter, return, thrown and
 * generic types, and the types' own supertypes and type parameters) is looked at, and any type
 * from a subpackage ({@code org.daxstore.fs}, {@code org.daxstore.media}, ...) fails the test
 * with the member that names it. The classes are found on disk, not listed here, so that a new
 * public type is covered by itself. Chronicle's {@code BytesStore} from
 * {@link AccessScope#bytesStore()} is not ours and is allowed: the issue keeps Chronicle where
 * users meet it.
 */
class PublicApiNamesNoInternalTypeTest {
    private static final String PACKAGE = "org.daxstore";

    @Test
    void noPublicSignatureNamesATypeOfASubpackage() throws Exception {
        List<Class<?>> types = publicTypes();
        assertTrue(types.size() > 20, "found only " + types + ": is the scan looking in the right place?");
        Set<String> leaks = new TreeSet<>();
        for (Class<?> type : types) {
            check(type + " extends", type.getGenericSuperclass(), leaks);
            for (Type implemented : type.getGenericInterfaces()) {
                check(type + " implements", implemented, leaks);
            }
            for (TypeVariable<?> variable : type.getTypeParameters()) {
                check(type + " type parameter " + variable, variable, leaks);
            }
            for (Field field : type.getDeclaredFields()) {
                if (visible(field.getModifiers())) {
                    check(type.getName() + "." + field.getName(), field.getGenericType(), leaks);
                }
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (visible(constructor.getModifiers())) {
                    checkExecutable(constructor.toGenericString(), constructor, leaks);
                }
            }
            for (Method method : type.getDeclaredMethods()) {
                if (visible(method.getModifiers()) && !method.isSynthetic()) {
                    check(method.toGenericString() + " returns", method.getGenericReturnType(), leaks);
                    checkExecutable(method.toGenericString(), method, leaks);
                }
            }
        }
        assertEquals(Set.of(), leaks, "the public API names internal types (move the type to org.daxstore, or"
                + " give the public package a type of its own)");
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void checkExecutable(String who, Executable executable, Set<String> leaks) {
        for (Type parameter : executable.getGenericParameterTypes()) {
            check(who + " takes", parameter, leaks);
        }
        for (Type thrown : executable.getGenericExceptionTypes()) {
            check(who + " throws", thrown, leaks);
        }
        for (TypeVariable<?> variable : executable.getTypeParameters()) {
            check(who + " type parameter " + variable, variable, leaks);
        }
    }

    /** Adds to {@code leaks} each internal class {@code type} names, however deep in its type arguments. */
    private static void check(String who, Type type, Set<String> leaks) {
        for (Class<?> named : classesIn(type, new HashSet<>())) {
            Class<?> outer = named;
            while (outer.isArray()) {
                outer = outer.getComponentType();
            }
            String pkg = outer.getPackageName();
            if (pkg.startsWith(PACKAGE + ".")) {
                leaks.add(who + ": " + outer.getName());
            }
        }
    }

    private static List<Class<?>> classesIn(Type type, Set<Type> seen) {
        List<Class<?>> found = new ArrayList<>();
        if (type == null || !seen.add(type)) {
            return found;
        }
        if (type instanceof Class<?> c) {
            found.add(c);
        } else if (type instanceof ParameterizedType p) {
            found.addAll(classesIn(p.getRawType(), seen));
            found.addAll(classesIn(p.getOwnerType(), seen));
            for (Type argument : p.getActualTypeArguments()) {
                found.addAll(classesIn(argument, seen));
            }
        } else if (type instanceof WildcardType w) {
            for (Type bound : w.getUpperBounds()) {
                found.addAll(classesIn(bound, seen));
            }
            for (Type bound : w.getLowerBounds()) {
                found.addAll(classesIn(bound, seen));
            }
        } else if (type instanceof GenericArrayType a) {
            found.addAll(classesIn(a.getGenericComponentType(), seen));
        } else if (type instanceof TypeVariable<?> v) {
            for (Type bound : v.getBounds()) {
                found.addAll(classesIn(bound, seen));
            }
        }
        return found;
    }

    /** Every public type of the package, nested ones included, read from the directory or jar DaxStore was loaded from. */
    private static List<Class<?>> publicTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(DaxStore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> files = Files.list(root.resolve(PACKAGE.replace('.', '/')))) {
                files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".class")).forEach(names::add);
            }
        } else {
            try (java.util.jar.JarFile jar = new java.util.jar.JarFile(root.toFile())) {
                String prefix = PACKAGE.replace('.', '/') + "/";
                jar.stream().map(java.util.jar.JarEntry::getName)
                        .filter(n -> n.startsWith(prefix) && n.indexOf('/', prefix.length()) < 0 && n.endsWith(".class"))
                        .map(n -> n.substring(prefix.length())).forEach(names::add);
            }
        }
        List<Class<?>> types = new ArrayList<>();
        for (String file : names) {
            String name = file.substring(0, file.length() - ".class".length());
            if (name.equals("package-info")) {
                continue;
            }
            Class<?> type = Class.forName(PACKAGE + "." + name, false, DaxStore.class.getClassLoader());
            if (isPublicAllTheWayOut(type)) {
                types.add(type);
            }
        }
        return types;
    }

    private static boolean isPublicAllTheWayOut(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
            if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
                return false;
            }
        }
        return true;
    }
}
