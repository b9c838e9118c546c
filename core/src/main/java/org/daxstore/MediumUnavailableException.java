package org.daxstore;

/** The medium the options force cannot be used on this machine or for this container; the message says why. */
public class MediumUnavailableException extends DaxStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the exception.
     *
     * @param message what failed and where: the container and, where there is one, the file,
     *                the offset or the name
     */
    public MediumUnavailableException(String message) {
        super(message);
    }
}
