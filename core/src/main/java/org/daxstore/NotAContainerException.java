package org.daxstore;

/** The file is not a daxstore container: no magic number, or too short to hold a superblock. */
public class NotAContainerException extends CorruptStoreException {
    private static final long serialVersionUID = 1L;

    public NotAContainerException(String message) {
        super(message);
    }

    public NotAContainerException(String message, Throwable cause) {
        super(message, cause);
    }
}
