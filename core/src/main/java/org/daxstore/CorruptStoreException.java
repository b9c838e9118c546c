package org.daxstore;

/** The container's contents break a rule of the on-media format: a bad checksum, a pointer out of range, an impossible size. The message names the structure and its offset. */
public class CorruptStoreException extends DaxStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the exception.
     *
     * @param message what failed and where: the container and, where there is one, the file,
     *                the offset or the name
     */
    public CorruptStoreException(String message) {
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
    public CorruptStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
