package org.daxstore;

/** No file of that name exists in the store, or the handle's file has been deleted. */
public class NoSuchDaxFileException extends DaxStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the exception.
     *
     * @param message what failed and where: the container and, where there is one, the file,
     *                the offset or the name
     */
    public NoSuchDaxFileException(String message) {
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
    public NoSuchDaxFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
