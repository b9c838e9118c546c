package org.daxstore;

/**
 * A file name that the format cannot hold: null, empty, longer than 255 UTF-8 bytes, containing
 * a NUL or a slash, or not valid Unicode (a surrogate without its partner, which UTF-8 cannot
 * encode). The message says which rule, and at which index of the name.
 */
public class InvalidNameException extends DaxStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the exception.
     *
     * @param message what failed and where: the container and, where there is one, the file,
     *                the offset or the name
     */
    public InvalidNameException(String message) {
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
    public InvalidNameException(String message, Throwable cause) {
        super(message, cause);
    }
}
