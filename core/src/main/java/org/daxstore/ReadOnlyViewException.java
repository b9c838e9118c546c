package org.daxstore;

import java.nio.ReadOnlyBufferException;

/**
 * A store through a {@link MapMode#READ_ONLY} view or scope, or a {@link MapMode#READ_WRITE}
 * scope of a read-only view, was refused. The message says which access and where (container,
 * file, range).
 *
 * <p>It extends {@link ReadOnlyBufferException}, the JDK's error for a store to a read-only
 * buffer, so code that catches that keeps working; that is also why it is the one error of
 * daxstore that is not a {@link DaxStoreException}. The JDK class takes no message, so this one
 * carries its own.
 */
public class ReadOnlyViewException extends ReadOnlyBufferException {
    private static final long serialVersionUID = 1L;

    /** The message: which access was refused, and where (the JDK class keeps none). */
    private final String message;

    /**
     * Makes the exception.
     *
     * @param message what failed and where: the container and, where there is one, the file,
     *                the offset or the name
     */
    public ReadOnlyViewException(String message) {
        this.message = message;
    }

    @Override
    public String getMessage() {
        return message;
    }
}
