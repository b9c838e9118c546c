package org.daxstore;

/** The container is already open, in this JVM or in another process (an exclusive lock guards it). */
public class StoreLockedException extends DaxStoreException {
    private static final long serialVersionUID = 1L;

    public StoreLockedException(String message) {
        super(message);
    }

    public StoreLockedException(String message, Throwable cause) {
        super(message, cause);
    }
}
