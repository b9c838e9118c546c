package org.daxstore;

/**
 * The root of every error daxstore raises on purpose. Unchecked, like the errors of
 * {@code java.nio} buffers, because the same operations are used on hot paths; each subclass
 * names one cause and its message says what and where.
 */
public class DaxStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the exception.
     *
     * @param message what failed and where: the container and, where there is one, the file,
     *                the offset or the name
     */
    public DaxStoreException(String message) {
        super(message);
    }

    /**
     * Makes the exception, with the failure that caused it.
     *
     * @param message what failed and where: the container and, where there is one, the file,
     *                the offset or the name
     * @param cause   the failure underneath (an I/O error, a native call's error, or the store's
     *                own exception that this one adds the container or the file to)
     */
    public DaxStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
