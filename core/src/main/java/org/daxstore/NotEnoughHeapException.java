package org.daxstore;

/**
 * The JVM's heap cannot hold what an operation would allocate: an open of a container whose
 * in-memory state (allocation bitmaps, the check at open) needs more than the store's heap
 * budget, or a view whose translation would take the views of the store past their share.
 * Raised before anything is allocated or written, instead of an {@link OutOfMemoryError}; the
 * message says how much is needed, how much the budget is, and what to do.
 */
public class NotEnoughHeapException extends DaxStoreException {
    private static final long serialVersionUID = 1L;

    public NotEnoughHeapException(String message) {
        super(message);
    }
}
