package org.daxstore;

/**
 * The path names no daxstore container: a file without the magic number, too short to hold a
 * superblock, or empty where an existing store was to be opened; or something that is not a
 * regular file or a device DAX node (a FIFO, a directory, a socket, another device), which is
 * refused before it is opened. The message names the path and what it found there.
 */
public class NotAContainerException extends CorruptStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the exception.
     *
     * @param message what failed and where: the container and, where there is one, the file,
     *                the offset or the name
     */
    public NotAContainerException(String message) {
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
    public NotAContainerException(String message, Throwable cause) {
        super(message, cause);
    }
}
