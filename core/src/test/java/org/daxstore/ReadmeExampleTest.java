package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;

/** The README's example, compiled and run as a newcomer would: if it rots, this fails. */
class ReadmeExampleTest {
    private static final Path README = Path.of("..", "README.md");

    @Test
    void theReadmeExampleCompilesAndRuns() throws Exception {
        String readme = Files.readString(README);
        int start = readme.indexOf("```java", readme.indexOf("<!-- example:start -->")) + "```java".length();
        int end = readme.indexOf("```", start);
        String source = readme.substring(start, end);

        Path dir = Files.createTempDirectory("readme-example-");
        Path container = TempStores.newContainerPath("readme-");
        try {
            Files.writeString(dir.resolve("Example.java"), source);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            String classPath = Path.of(DaxStore.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
            int status = javac.run(null, diagnostics, diagnostics, "-cp", classPath, "-d", dir.toString(),
                    dir.resolve("Example.java").toString());
            assertEquals(0, status, diagnostics.toString(StandardCharsets.UTF_8));

            PrintStream stdout = System.out;
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
                System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
                loader.loadClass("Example").getMethod("main", String[].class)
                        .invoke(null, (Object) new String[] {container.toString()});
            } finally {
                System.setOut(stdout);
            }
            assertTrue(output.toString(StandardCharsets.UTF_8).startsWith("first order; "), output.toString());
            try (DaxStore store = DaxStore.open(container)) {
                assertEquals(List.of("orders"), store.list());
                assertEquals(1 << 20, store.stat("orders").size());
                assertEquals(2 * 4096, store.stat("orders").allocatedBytes(), "the scope's block and the map node");
                try (DaxFile orders = store.openFile("orders"); DaxMapping m = orders.map(0, 1 << 20)) {
                    assertEquals(0, m.getLong(128), "punched");
                    assertEquals(4088, m.getLong(8192 + 4088), "written in the scope");
                }
            }
        } finally {
            TempStores.delete(container);
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
