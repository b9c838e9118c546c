package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two names whose bytes do not decode in the locale's encoding arrive in Java as the same
 * string of U+FFFD: a put of the second replaced the first file (found by the second hostile
 * pass). Each case puts two different byte strings, through bash so that the bytes reach the JVM
 * as they are; the second must be refused as a usage error and the first file keep its content.
 */
class UndecodableArgumentsTest {

    @ParameterizedTest(name = "{0}: {1} then {2}")
    @CsvSource({
            "C.UTF-8, $'\\xff\\xfe', $'\\xfe\\xff'",
            "C, caf$'\\xc3\\xa9', caf$'\\xc3\\xa8'"})
    void aSecondNameThatDecodesLikeTheFirstIsRefused(String locale, String first, String second) throws Exception {
        try (CliSession cli = new CliSession("undecodable-")) {
            Path store = cli.dir().resolve("store.dax");
            Path one = cli.dir().resolve("one");
            Path other = cli.dir().resolve("other");
            Files.writeString(one, "one");
            Files.writeString(other, "other");
            assertEquals(0, cli.run("format", store.toString(), "--capacity", "8m"), cli.err());
            Result put = tool(locale, cli.dir(), "put " + quote(store) + " " + first + " " + quote(one));
            Result again = tool(locale, cli.dir(), "put " + quote(store) + " " + second + " " + quote(other));
            // Both are refused: neither decodes, and so nothing can be replaced.
            assertEquals(2, again.status(), again.toString());
            assertTrue(again.err().contains("does not decode in this locale's encoding"), again.toString());
            assertEquals(2, put.status(), put.toString());
            assertEquals(0, cli.run("ls", store.toString()), cli.err());
            assertEquals("", cli.out(), "a name that did not decode was stored");
        }
    }

    private record Result(int status, String err) {
    }

    /** The tool in bash under {@code locale}, with {@code args} as bash words (so $'\xff' is a raw byte). */
    private static Result tool(String locale, Path dir, String args) throws Exception {
        List<String> java = new ArrayList<>();
        java.add(ProcessHandle.current().info().command().orElse("java"));
        java.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        StringBuilder line = new StringBuilder("export LC_ALL=" + locale + "; exec");
        java.forEach(word -> line.append(' ').append(quote(word)));
        line.append(" -cp ").append(quote(System.getProperty("java.class.path"))).append(' ')
                .append(DaxstoreCli.class.getName()).append(' ').append(args);
        Path err = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder("bash", "-c", line.toString()).redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the tool did not end");
        return new Result(process.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String quote(Object word) {
        return "'" + word.toString().replace("'", "'\\''") + "'";
    }
}
