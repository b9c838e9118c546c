package org.daxstore;

/** A file of that name already exists in the store. */
public class DaxFileExistsException extends DaxStoreException {
    private static final long serialVersionUID = 1L;

    public DaxFileExistsException(String message) {
        super(message);
    }

    public DaxFileExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}
