package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a user sees when running the README's example on this JDK, in a child JVM with the class
 * path a user's build would have (the store's classes as this JDK loads them from the jar, and its
 * runtime dependencies: no test classes, no JUnit, no logging binding) and none of the build's
 * flags: with no flag, with {@code --enable-native-access=ALL-UNNAMED}, and on JDK 23 and later
 * with {@code --sun-misc-unsafe-memory-access=deny}. No line of standard error may name
 * {@code org.daxstore}; what the JVM prints about JNA is allowed (the README's table lists it), and
 * with {@code --enable-native-access=ALL-UNNAMED} nothing at all may be printed there.
 */
class WhatAUserSeesTest {
    private static final Path README = Path.of("..", "README.md");

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=deny",
        "--sun-misc-unsafe-memory-access=deny --enable-native-access=ALL-UNNAMED"})
    void theExamplePrintsNothingOfOursOnStandardError(String flags) throws Exception {
        assumeTrue(!flags.contains("--sun-misc-unsafe-memory-access") || Runtime.version().feature() >= 23,
                "JDK 17 to 22 know no --sun-misc-unsafe-memory-access");
        Path dir = Files.createTempDirectory("what-a-user-sees-");
        Path container = TempStores.newContainerPath("user-sees-");
        try {
            compileExample(dir);
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
            if (!flags.isEmpty()) {
                command.addAll(Arrays.asList(flags.split(" ")));
            }
            command.addAll(List.of("-cp", dir + File.pathSeparator + userClassPath(), "Example", container.toString()));
            Path err = dir.resolve("stderr");
            Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the example did not finish");
            String stderr = Files.readString(err);
            String seen = "flags [" + flags + "], stdout:\n" + out + "stderr:\n" + stderr;
            assertEquals(0, process.exitValue(), seen);
            assertTrue(out.matches("first order; [0-9]+ blocks free\\R"), seen);
            for (String line : stderr.lines().collect(Collectors.toList())) {
                assertTrue(!line.contains("org.daxstore"), "a line of standard error names daxstore: " + seen);
                assertTrue(line.isBlank() || line.startsWith("WARNING: "), "not a JVM warning: " + seen);
            }
            if (flags.contains("--enable-native-access=ALL-UNNAMED")) {
                assertEquals("", stderr, seen);
            }
        } finally {
            TempStores.delete(container);
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * A JVM that denies what daxstore's memory path needs gets a {@link MediumUnavailableException}
     * at every open, naming the flag or the jar's fault, rather than an ExceptionInInitializerError
     * and then a NoClassDefFoundError for the rest of its life: {@code --illegal-native-access=deny}
     * (JDK 24 and later) against the FFM path, and {@code --sun-misc-unsafe-memory-access=deny}
     * against the Unsafe path that a jar read as a plain jar takes (a JDK 17 build, or a
     * repackaged jar without {@code Multi-Release: true}: here the base classes alone).
     */
    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"--illegal-native-access=deny", "--sun-misc-unsafe-memory-access=deny"})
    void aJvmThatDeniesTheMemoryPathIsRefusedTypedAtEveryOpen(String flag) throws Exception {
        boolean nativeDenied = flag.startsWith("--illegal-native-access");
        assumeTrue(Runtime.version().feature() >= (nativeDenied ? 24 : 23), "this JDK knows no " + flag);
        assumeTrue(userClassPath().contains("classes-jdk22"), "the tests run without the FFM classes (a JDK 17 build)");
        String classPath = nativeDenied ? userClassPath() : userClassPath().replace("classes-jdk22", "classes");
        Path dir = Files.createTempDirectory("what-a-user-sees-");
        Path container = TempStores.newContainerPath("user-denied-");
        try {
            Files.writeString(dir.resolve("OpenTwice.java"), String.join("\n",
                    "public class OpenTwice {",
                    "    public static void main(String[] args) {",
                    "        for (int i = 0; i < 2; i++) {",
                    "            try (org.daxstore.DaxStore store = org.daxstore.DaxStore.open(java.nio.file.Path.of(args[0]),",
                    "                    org.daxstore.StoreOptions.capacity(4 << 20))) {",
                    "                System.out.println(\"opened\");",
                    "            } catch (Throwable t) {",
                    "                System.out.println(t.getClass().getName() + \": \" + t.getMessage());",
                    "            }",
                    "        }",
                    "    }",
                    "}"));
            compile(dir, "OpenTwice.java", classPath);
            Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), flag,
                    "-cp", dir + File.pathSeparator + classPath, "OpenTwice", container.toString())
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the program did not finish");
            List<String> lines = out.lines().filter(line -> !line.startsWith("WARNING: ") && !line.isBlank())
                    .collect(Collectors.toList());
            assertEquals(2, lines.size(), out);
            for (String line : lines) {
                assertTrue(line.startsWith(MediumUnavailableException.class.getName() + ": " + container + ": "), out);
                assertTrue(line.contains(nativeDenied ? "--enable-native-access=ALL-UNNAMED" : "Multi-Release: true"), out);
            }
            assertTrue(Files.notExists(container), "a refused open left the new container behind: " + container);
        } finally {
            TempStores.delete(container);
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void compile(Path dir, String file, String classPath) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, "-cp", classPath, "-d", dir.toString(),
                dir.resolve(file).toString());
        assertEquals(0, status, diagnostics.toString(StandardCharsets.UTF_8));
    }

    /** The README's example, with the store's classes on the class path. */
    private static void compileExample(Path dir) throws Exception {
        String readme = Files.readString(README);
        int start = readme.indexOf("```java", readme.indexOf("<!-- example:start -->")) + "```java".length();
        String source = readme.substring(start, readme.indexOf("```", start));
        Files.writeString(dir.resolve("Example.java"), source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, "-cp", userClassPath(), "-d", dir.toString(),
                dir.resolve("Example.java").toString());
        assertEquals(0, status, diagnostics.toString(StandardCharsets.UTF_8));
    }

    /** This JVM's class path without what only the tests have. */
    private static String userClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("test-classes") && !entry.contains("junit") && !entry.contains("opentest4j")
                        && !entry.contains("apiguardian") && !entry.contains("slf4j-nop") && !entry.contains("surefire"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    @Test
    void theClassPathIsAUsersOne() {
        String classPath = userClassPath();
        assertTrue(classPath.contains("jna"), classPath);
        assertTrue(!classPath.contains("junit"), classPath);
    }
}
