package org.daxstore.cli.workload.fio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of fio: standard output and error go to temporary files (a pipe that nobody reads
 * would stall a chatty fio), and a fio that outlives its time limit is killed.
 *
 * @param status fio's exit status, or -1 if it was killed for its time
 * @param out    its standard output
 * @param err    its standard error
 */
record FioProcess(int status, String out, String err) {
    /**
     * Runs {@code command} and waits for it.
     *
     * @throws UncheckedIOException if it cannot be started or its output read
     * @throws InterruptedException if this thread is interrupted while it runs (fio is killed)
     */
    static FioProcess run(List<String> command, Duration limit) throws InterruptedException {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("daxstore-fio-", ".out");
            err = Files.createTempFile("daxstore-fio-", ".err");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            boolean ended;
            try {
                ended = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                process.destroyForcibly(); // nothing if it ended; a killed fio if it did not, or we were interrupted
            }
            return new FioProcess(ended ? process.exitValue() : -1, Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** The last line fio wrote to standard error, or its status when it wrote none: why it failed. */
    String why() {
        String[] lines = err.strip().split("\n");
        String last = lines[lines.length - 1].strip();
        return status == -1 ? "killed after its time limit" : last.isEmpty() ? "exit status " + status : last;
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a temporary file in /tmp: nothing to do about it
            }
        }
    }
}
