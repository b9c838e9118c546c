package org.daxstore;

/**
 * The root of every error daxstore raises on purpose. Unchecked, like the errors of
 * {@code java.nio} buffers, because the same operations are used on hot paths; each subclass
 * names one cause and its message says what and where.
 */
public class DaxStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DaxStoreException(String message) {
        super(message);
    }

    public DaxStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
