package org.daxstore;

/**
 * The JVM's heap cannot hold what an open would allocate: the container's in-memory state
 * (allocation bitmaps, the check at open) needs more than the store's heap budget
 * ({@link StoreOptions#withHeapBudget}). Raised before anything is allocated or written, instead
 * of an {@link OutOfMemoryError}; the message says how much is needed, how much the budget is,
 * and what to do. Where the plan allowed an allocation that the heap, already holding the
 * application's objects, could not satisfy after all, the store's {@code OutOfMemoryError} is
 * this exception's cause, and the open has released the container. (Views never raise it: past
 * their share of the budget they serve accesses uncached.)
 */
public class NotEnoughHeapException extends DaxStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the exception.
     *
     * @param message what failed and where: the container and, where there is one, the file,
     *                the offset or the name
     */
    public NotEnoughHeapException(String message) {
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
    public NotEnoughHeapException(String message, Throwable cause) {
        super(message, cause);
    }
}
