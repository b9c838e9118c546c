package org.daxstore.nativebridge;

/**
 * A libc or libpmem call failed. It carries errno for callers that react to it (full file system,
 * unsupported operation), and its message names the call with its arguments, the path and errno, so
 * a log line alone explains the failure, e.g. {@code fallocate(PUNCH_HOLE|KEEP_SIZE, offset=4096,
 * length=8192) on /dev/shm/x.dax failed: errno 28 (ENOSPC: No space left on device)}. libpmem
 * explains its failures in words of its own ({@code pmem_errormsg}); those follow as the detail.
 */
public final class NativeCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final String path;
    private final int errno;
    private final String detail;

    /**
     * @param call  the call and its arguments, e.g. {@code fallocate(KEEP_SIZE, offset=0, length=4096)}
     * @param path  the file the call was about, or null (calls on addresses, or a bare descriptor)
     * @param errno the error number
     */
    public NativeCallException(String call, String path, int errno) {
        this(call, path, errno, null);
    }

    /**
     * @param detail what the library said of the failure, e.g. {@code pmem_errormsg()}, or null
     */
    public NativeCallException(String call, String path, int errno, String detail) {
        super(call + (path == null ? "" : " on " + path) + " failed: " + Errno.describe(errno)
                + (detail == null || detail.isEmpty() ? "" : "; " + detail));
        this.call = call;
        this.path = path;
        this.errno = errno;
        this.detail = detail;
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

    /** What the library said of the failure beyond errno (libpmem's {@code pmem_errormsg}), or null. */
    public String detail() {
        return detail;
    }

    /** Whether the file system is full ({@link LibC#ENOSPC}). */
    public boolean isNoSpace() {
        return errno == LibC.ENOSPC;
    }

    /**
     * Whether the file or file system does not support what was asked ({@link LibC#EOPNOTSUPP}), as
     * when {@code MAP_SYNC} is asked of a file that is not on a DAX file system.
     */
    public boolean isNotSupported() {
        return errno == LibC.EOPNOTSUPP;
    }
}
