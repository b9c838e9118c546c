package org.daxstore;

/**
 * An operation that must wait for the store's open access scopes (truncate, punch, delete, a
 * replacing rename, close) gave up after {@link DaxStore#SCOPE_WAIT_LIMIT} because threads that
 * are still alive kept scopes open; the message names them. Nothing was changed: the file is as
 * it was, and a store whose close gave up refuses new operations but stays mapped and locked
 * until a later {@link DaxStore#close()} finds the scopes closed.
 */
public class OpenScopesException extends DaxStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the exception.
     *
     * @param message what failed and where: the container and, where there is one, the file,
     *                the offset or the name
     */
    public OpenScopesException(String message) {
        super(message);
    }
}
