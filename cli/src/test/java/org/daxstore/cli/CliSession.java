package org.daxstore.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

import picocli.CommandLine;

/**
 * The tool run in process, for tests: a temporary directory in /dev/shm for its containers, and
 * each command's exit status, standard output and standard error.
 */
final class CliSession implements AutoCloseable {
    private final Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    CliSession(String prefix) throws IOException {
        dir = Files.createTempDirectory(Path.of("/dev/shm"), prefix);
    }

    Path dir() {
        return dir;
    }

    /** Runs one command line; its output and errors replace the last command's. */
    int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine commandLine = DaxstoreCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    /** The last line of the last command's output. */
    String lastLine() {
        String[] lines = out.toString().strip().split("\n");
        return lines[lines.length - 1];
    }

    /** Deletes the directory and everything in it. */
    @Override
    public void close() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
