package org.daxstore;

/** An operating-system call on the container failed for a reason other than lack of space; the cause is the original error. */
public class StoreIOException extends DaxStoreException {
    private static final long serialVersionUID = 1L;

    public StoreIOException(String message) {
        super(message);
    }

    public StoreIOException(String message, Throwable cause) {
        super(message, cause);
    }
}
