package org.daxstore.nativebridge;

/**
 * A libc call was made although the bridge could not be loaded. Unchecked, because callers are
 * expected to ask {@link LibC#isAvailable()} first and fall back; reaching this is a bug.
 * The message is {@link LibC#unavailableReason()}.
 */
public final class NativeUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NativeUnavailableException(String reason) {
        super(reason);
    }
}
