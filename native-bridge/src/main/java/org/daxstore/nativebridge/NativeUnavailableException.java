package org.daxstore.nativebridge;

/** A native call was made although the library behind it could not be loaded; the message says why. */
public final class NativeUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NativeUnavailableException(String message) {
        super(message);
    }
}
