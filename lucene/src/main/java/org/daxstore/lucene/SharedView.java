package org.daxstore.lucene;

import org.daxstore.DaxFile;
import org.daxstore.DaxMapping;

/**
 * The one read-only view of a file that an input, its clones and its slices read through, with
 * the handle it came from. Clones and slices are cheap because they share it; it is closed when
 * the input that opened it closes, and from then on every read through a clone fails with
 * {@link org.daxstore.ClosedException} (an {@code AlreadyClosedException} to Lucene), as Lucene
 * asks of clones used after their input closed.
 */
final class SharedView {
    private final OpenFiles owner;
    private final OpenFiles.Entry entry;
    private final DaxFile file;
    private final DaxMapping view;
    private boolean closed;

    SharedView(OpenFiles owner, OpenFiles.Entry entry, DaxFile file, DaxMapping view) {
        this.owner = owner;
        this.entry = entry;
        this.file = file;
        this.view = view;
    }

    /** The view over {@code [0, length())} of the file. */
    DaxMapping view() {
        return view;
    }

    /** The file's length when it was opened, the view's (Lucene's files do not change once written). */
    long length() {
        return view.length();
    }

    /** Closes the view and the handle and tells the table, which may now delete a file deleted while open. Idempotent. */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            view.close();
            file.close();
        } finally {
            owner.release(entry);
        }
    }
}
