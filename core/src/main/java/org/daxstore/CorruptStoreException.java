package org.daxstore;

/** The container's contents break a rule of the on-media format: a bad checksum, a pointer out of range, an impossible size. The message names the structure and its offset. */
public class CorruptStoreException extends DaxStoreException {
    private static final long serialVersionUID = 1L;

    public CorruptStoreException(String message) {
        super(message);
    }

    public CorruptStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
