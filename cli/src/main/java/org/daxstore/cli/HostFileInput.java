package org.daxstore.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * A host file's stream whose read failures say which file: the JDK's say only "Is a directory"
 * or "Input/output error", and {@code put} mixes them with the store's own failures.
 */
final class HostFileInput extends FilterInputStream {
    private final Path source;

    HostFileInput(Path source, InputStream in) {
        super(in);
        this.source = source;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return super.read(buffer, offset, length);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private IOException failure(IOException e) {
        return new IOException("cannot read " + source + ": " + e.getMessage(), e);
    }
}
