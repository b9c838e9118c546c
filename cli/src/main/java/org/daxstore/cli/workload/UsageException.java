package org.daxstore.cli.workload;

/**
 * A request the workload cannot run as given: an option out of its range, options that
 * contradict each other, a place it cannot write. The tool reports it as a usage error, in one
 * line that names the option (status 2); nothing has run by then.
 */
public final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
