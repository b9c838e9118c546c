package org.daxstore.lucene;

import java.io.IOException;
import java.io.OutputStream;

import org.daxstore.DaxFile;
import org.daxstore.DaxStoreException;

/**
 * Appends to a new file with positional writes ({@link DaxFile#write(long, byte[], int, int)}),
 * for the {@link org.apache.lucene.store.OutputStreamIndexOutput} that buffers Lucene's writes
 * and keeps their CRC32: each buffer full is one write, which allocates its blocks all or
 * nothing, so a full store fails a write without leaving a torn one. Closing closes the handle.
 */
final class AppendingStream extends OutputStream {
    private final DaxFile file;
    private long position;

    AppendingStream(DaxFile file) {
        this.file = file;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int offset, int length) throws IOException {
        if (length == 0) {
            return;
        }
        try {
            file.write(position, b, offset, length);
        } catch (DaxStoreException e) {
            throw StoreErrors.translate(e, "writing " + length + " bytes at " + position, file.name());
        }
        position += length;
    }

    /** Closes the handle; idempotent, as {@link DaxFile#close()} is. */
    @Override
    public void close() {
        file.close();
    }
}
