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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * put with standard input closed and get with standard output closed, through bash: the JVM
 * reuses a closed descriptor's number for a file of its own (lib/modules, a jar), so put stored
 * the JVM's own file and get wrote into it. Each runs once as scripts/daxstore starts java (after
 * scripts/standard-streams.sh, which the script sources; building the jar here is not wanted) and
 * once with java started directly: refused with status 2 and the reason, the store unchanged.
 */
class ClosedStandardStreamsTest {
    private static final Path SCRIPT = Path.of("").toAbsolutePath().getParent().resolve("scripts/standard-streams.sh");

    @ParameterizedTest(name = "through the script: {0}")
    @ValueSource(booleans = {true, false})
    void putWithStandardInputClosedIsRefused(boolean throughTheScript) throws Exception {
        try (CliSession cli = new CliSession("closed-stdin-")) {
            String store = cli.dir().resolve("store.dax").toString();
            assertEquals(0, cli.run("format", store, "--capacity", "8m"), cli.err());
            Result result = bash(throughTheScript, "<&-", cli.dir(), "put", store, "f");
            assertEquals(2, result.status(), result.toString());
            assertTrue(result.err().contains("daxstore: standard input is closed"), result.toString());
            assertEquals(0, cli.run("ls", store), cli.err());
            assertEquals("", cli.out(), "the refused put stored a file");
        }
    }

    @ParameterizedTest(name = "through the script: {0}")
    @ValueSource(booleans = {true, false})
    void getWithStandardOutputClosedIsRefused(boolean throughTheScript) throws Exception {
        try (CliSession cli = new CliSession("closed-stdout-")) {
            String store = cli.dir().resolve("store.dax").toString();
            Path source = cli.dir().resolve("source.bin");
            Files.writeString(source, "contents");
            assertEquals(0, cli.run("format", store, "--capacity", "8m"), cli.err());
            assertEquals(0, cli.run("put", store, "f", source.toString()), cli.err());
            Result result = bash(throughTheScript, ">&-", cli.dir(), "get", store, "f");
            assertEquals(2, result.status(), result.toString());
            assertTrue(result.err().contains("daxstore: standard output is closed"), result.toString());
            assertEquals(0, cli.run("fsck", store), cli.out());
        }
    }

    private record Result(int status, String err) {
    }

    /** The tool in bash with {@code redirection} applied first, its standard error captured in a file. */
    private static Result bash(boolean throughTheScript, String redirection, Path dir, String... args) throws Exception {
        List<String> java = new ArrayList<>();
        java.add(ProcessHandle.current().info().command().orElse("java"));
        java.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        StringBuilder line = new StringBuilder("exec " + redirection + "; ");
        if (throughTheScript) {
            line.append(". ").append(quote(SCRIPT.toString())).append("; ");
        }
        line.append("exec");
        java.forEach(word -> line.append(' ').append(quote(word)));
        if (throughTheScript) {
            line.append(" ${closed_streams:+\"-D").append(StandardStreams.CLOSED_PROPERTY).append("=$closed_streams\"}");
        }
        line.append(" -cp ").append(quote(System.getProperty("java.class.path"))).append(' ').append(DaxstoreCli.class.getName());
        for (String arg : args) {
            line.append(' ').append(quote(arg));
        }
        Path err = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder("bash", "-c", line.toString()).redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the tool did not end");
        return new Result(process.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
