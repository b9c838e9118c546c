package org.daxstore;

/** No space is left: the store has no free block, the inode table is full, or the file system under the container cannot back another block. Raised at allocation time, before anything is changed; the store stays usable. */
public class StoreFullException extends DaxStoreException {
    private static final long serialVersionUID = 1L;

    public StoreFullException(String message) {
        super(message);
    }

    public StoreFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
