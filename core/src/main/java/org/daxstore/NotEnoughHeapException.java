package org.daxstore;

/**
 * The JVM's heap cannot hold what an operation would allocate: an open of a container whose
 * in-memory state (allocation bitmaps, the check at open) needs more than the store's heap
 * budget, or a view whose translation would take the views of the store past their share.
 * Raised before anything is allocated or written, instead of an {@link OutOfMemoryError}; the
 * message says how much is needed, how much the budget is, and what to do. Where the plan
 * allowed an allocation that the heap, already holding the application's objects, could not
 * satisfy after all, the store's {@code OutOfMemoryError} is this exception's cause, and what the
 * operation had taken is given back (an open releases the container, a view its share).
 */
public class NotEnoughHeapException extends DaxStoreException {
    private static final long serialVersionUID = 1L;

    public NotEnoughHeapException(String message) {
        super(message);
    }

    public NotEnoughHeapException(String message, Throwable cause) {
        super(message, cause);
    }
}
