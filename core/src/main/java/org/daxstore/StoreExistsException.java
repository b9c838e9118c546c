package org.daxstore;

/** {@link DaxStore#create} found a non-empty file where it was to make a new store. */
public class StoreExistsException extends DaxStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the exception.
     *
     * @param message what failed and where: the container and, where there is one, the file,
     *                the offset or the name
     */
    public StoreExistsException(String message) {
        super(message);
    }
}
