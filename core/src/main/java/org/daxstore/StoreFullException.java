package org.daxstore;

/** No space is left: the store has no free block, the inode table is full, or the file system under the container cannot back another block. Raised at allocation time, before anything is changed; the store stays usable. */
public class StoreFullException extends DaxStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the exception.
     *
     * @param message what failed and where: the container and, where there is one, the file,
     *                the offset or the name
     */
    public StoreFullException(String message) {
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
    public StoreFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
