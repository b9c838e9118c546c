package org.daxstore;

/** {@link DaxStore#create} found a non-empty file where it was to make a new store. */
public class StoreExistsException extends DaxStoreException {
    private static final long serialVersionUID = 1L;

    public StoreExistsException(String message) {
        super(message);
    }
}
