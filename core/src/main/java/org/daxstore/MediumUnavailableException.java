package org.daxstore;

/** The medium the options force cannot be used on this machine or for this container; the message says why. */
public class MediumUnavailableException extends DaxStoreException {
    private static final long serialVersionUID = 1L;

    public MediumUnavailableException(String message) {
        super(message);
    }
}
