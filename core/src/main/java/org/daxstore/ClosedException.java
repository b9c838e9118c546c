package org.daxstore;

/** The store, file handle or view has been closed. */
public class ClosedException extends DaxStoreException {
    private static final long serialVersionUID = 1L;

    public ClosedException(String message) {
        super(message);
    }

    public ClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
