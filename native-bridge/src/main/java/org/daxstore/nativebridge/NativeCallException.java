package org.daxstore.nativebridge;

/**
 * A libc call failed. It carries errno for callers that react to it (full file system, unsupported
 * operation), and its message names the call with its arguments, the path and errno, so a log line
 * alone explains the failure, e.g. {@code fallocate(PUNCH_HOLE|KEEP_SIZE, offset=4096, length=8192)
 * on /dev/shm/x.dax failed: errno 28 (ENOSPC: No space left on device)}.
 */
public final class NativeCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final String path;
    private final int errno;

    /**
     * @param call  the call and its arguments, e.g. {@code fallocate(KEEP_SIZE, offset=0, length=4096)}
     * @param path  the file the call was about, or null (calls on addresses, or a bare descriptor)
     * @param errno the error number
     */
    public NativeCallException(String call, String path, int errno) {
        super(call + (path == null ? "" : " on " + path) + " failed: " + Errno.describe(errno));
        this.call = call;
        this.path = path;
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    /** The call and its arguments, as in the message. */
    public String call() {
        return call;
    }

    /** The file the call was about, or null. */
    public String path() {
        return path;
    }

    /** Whether the file system is full ({@link LibC#ENOSPC}). */
    public boolean isNoSpace() {
        return errno == LibC.ENOSPC;
    }
}
