package org.daxstore;

/** No file of that name exists in the store, or the handle's file has been deleted. */
public class NoSuchDaxFileException extends DaxStoreException {
    private static final long serialVersionUID = 1L;

    public NoSuchDaxFileException(String message) {
        super(message);
    }

    public NoSuchDaxFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
