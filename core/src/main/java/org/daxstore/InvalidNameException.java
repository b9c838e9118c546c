package org.daxstore;

/**
 * A file name that the format cannot hold: null, empty, longer than 255 UTF-8 bytes, containing
 * a NUL or a slash, or not valid Unicode (a surrogate without its partner, which UTF-8 cannot
 * encode). The message says which rule, and at which index of the name.
 */
public class InvalidNameException extends DaxStoreException {
    private static final long serialVersionUID = 1L;

    public InvalidNameException(String message) {
        super(message);
    }

    public InvalidNameException(String message, Throwable cause) {
        super(message, cause);
    }
}
