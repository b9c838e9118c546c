package org.daxstore.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * The commands' standard output ({@code CommandLine.getOut()} in {@link DaxstoreCli#main}): a
 * {@link PrintWriter} over descriptor 1 that keeps the first write error. picocli's own writer
 * goes through {@code System.out}, a {@link java.io.PrintStream} that drops every error, so
 * {@code daxstore ls --json IMG > /dev/full} printed nothing and exited 0, and a script took the
 * missing object for success. After the command, {@link #failure()} says what went wrong, and the
 * tool fails with {@code daxstore: cannot write to standard output: <reason>} (status 1). A reader
 * that stopped early ({@code | head}: a broken pipe) is no error, as for {@code get}.
 */
final class StandardOutput extends OutputStream {
    private final OutputStream out;
    private IOException failure;

    StandardOutput(OutputStream out) {
        this.out = out;
    }

    /** The stream over descriptor 1. */
    static StandardOutput descriptor() {
        return new StandardOutput(new FileOutputStream(FileDescriptor.out));
    }

    /** A writer over this stream, in standard output's encoding (as picocli's own writer), flushing at each line. */
    PrintWriter writer() {
        String encoding = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
        Charset charset;
        try {
            charset = encoding == null ? Charset.defaultCharset() : Charset.forName(encoding);
        } catch (RuntimeException e) {
            charset = Charset.defaultCharset();
        }
        return new PrintWriter(new OutputStreamWriter(this, charset), true);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int offset, int length) throws IOException {
        if (failure != null) {
            throw failure;
        }
        try {
            out.write(b, offset, length);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        if (failure != null) {
            throw failure;
        }
        try {
            out.flush();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    /** Not closed: that would close descriptor 1. */
    @Override
    public void close() {
    }

    /**
     * The line for the write error the output met, or null if none (or only a broken pipe).
     */
    synchronized String failure() {
        if (failure == null || isBrokenPipe(failure)) {
            return null;
        }
        return "cannot write to standard output: " + (failure.getMessage() == null ? failure : failure.getMessage());
    }

    private static boolean isBrokenPipe(IOException e) {
        return e.getMessage() != null && e.getMessage().contains("Broken pipe");
    }
}
