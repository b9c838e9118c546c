package org.daxstore;

/** A file name that the format cannot hold: empty, longer than 255 UTF-8 bytes, or containing a NUL or a slash. */
public class InvalidNameException extends DaxStoreException {
    private static final long serialVersionUID = 1L;

    public InvalidNameException(String message) {
        super(message);
    }

    public InvalidNameException(String message, Throwable cause) {
        super(message, cause);
    }
}
