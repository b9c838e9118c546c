package org.daxstore.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.apache.lucene.index.IndexWriter;
import org.daxstore.DaxStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Lucene example, compiled and run as a newcomer would: if it rots, this fails. */
class LuceneExampleTest {
    private static final Path README = Path.of("..", "README.md");

    @TempDir
    Path dir;

    @Test
    void theLuceneExampleCompilesAndRuns() throws Exception {
        String readme = Files.readString(README);
        int start = readme.indexOf("```java", readme.indexOf("<!-- lucene-example:start -->")) + "```java".length();
        String source = readme.substring(start, readme.indexOf("```", start));
        Files.writeString(dir.resolve("LuceneExample.java"), source);

        List<String> classPath = new ArrayList<>();
        for (Class<?> c : List.of(DaxDirectory.class, DaxStore.class, IndexWriter.class)) {
            classPath.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, "-cp", String.join(java.io.File.pathSeparator, classPath),
                "-d", dir.toString(), dir.resolve("LuceneExample.java").toString());
        assertEquals(0, status, diagnostics.toString(StandardCharsets.UTF_8));

        Path container = dir.resolve("index.dax");
        PrintStream stdout = System.out;
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
            loader.loadClass("LuceneExample").getMethod("main", String[].class)
                    .invoke(null, (Object) new String[] {container.toString()});
        } finally {
            System.setOut(stdout);
        }
        assertEquals("1 hits: hello persistent memory", output.toString(StandardCharsets.UTF_8).strip());
        try (DaxStore store = DaxStore.open(container)) {
            assertEquals(true, store.list().stream().anyMatch(name -> name.startsWith("segments_")), store.list().toString());
        }
    }
}
