package org.daxstore.lucene;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;

import org.apache.lucene.store.AlreadyClosedException;
import org.daxstore.ClosedException;
import org.daxstore.DaxFileExistsException;
import org.daxstore.DaxStoreException;
import org.daxstore.InvalidNameException;
import org.daxstore.NoSuchDaxFileException;

/**
 * Turns the store's unchecked exceptions into the ones Lucene's callers catch: Lucene tells a
 * missing file by {@link NoSuchFileException}, a taken name by {@link FileAlreadyExistsException}
 * and a closed resource by {@link AlreadyClosedException}; everything else is an
 * {@link IOException} with the store's message (which names the container and the file) as
 * its cause.
 */
final class StoreErrors {
    private StoreErrors() {
    }

    /**
     * What Lucene expects for {@code e}, met while {@code action} ran on file {@code name}.
     * A name the store refuses is one no file can have, so a lookup reports it missing.
     */
    static IOException lookup(DaxStoreException e, String action, String name) {
        if (e instanceof InvalidNameException) {
            return withCause(new NoSuchFileException(name, null, action + ": no file can have this name"), e);
        }
        return translate(e, action, name);
    }

    /** As {@link #lookup}, for an action that makes a file of that name (a bad name is the caller's error). */
    static RuntimeException badName(InvalidNameException e, String action, String name) {
        return new IllegalArgumentException(action + ": '" + name + "' cannot be a file name of the container: "
                + e.getMessage(), e);
    }

    /**
     * The checked exception Lucene expects for {@code e}; a closed store or handle is thrown
     * here, as the unchecked {@link AlreadyClosedException} Lucene expects for it.
     */
    static IOException translate(DaxStoreException e, String action, String name) {
        if (e instanceof NoSuchDaxFileException) {
            return withCause(new NoSuchFileException(name, null, action + ": " + e.getMessage()), e);
        }
        if (e instanceof DaxFileExistsException) {
            return withCause(new FileAlreadyExistsException(name, null, action + ": " + e.getMessage()), e);
        }
        if (e instanceof ClosedException) {
            throw new AlreadyClosedException(action + " '" + name + "': " + e.getMessage(), e);
        }
        return new IOException(action + " '" + name + "': " + e.getMessage(), e);
    }

    private static IOException withCause(IOException e, Throwable cause) {
        e.initCause(cause);
        return e;
    }
}
