package org.daxstore.nativebridge;

import java.util.Map;

/**
 * A libc call failed. Carries the call, the path it was about (if any) and errno, and says all
 * three in its message, e.g. {@code fallocate(PUNCH_HOLE|KEEP_SIZE, offset=4096, length=8192) on
 * /dev/shm/x.dax failed: errno 28 (ENOSPC: No space left on device)}.
 */
public final class NativeCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "EPERM"), Map.entry(2, "ENOENT"), Map.entry(4, "EINTR"), Map.entry(5, "EIO"),
            Map.entry(9, "EBADF"), Map.entry(11, "EAGAIN"), Map.entry(12, "ENOMEM"), Map.entry(13, "EACCES"),
            Map.entry(14, "EFAULT"), Map.entry(19, "ENODEV"), Map.entry(22, "EINVAL"), Map.entry(27, "EFBIG"),
            Map.entry(28, "ENOSPC"), Map.entry(95, "EOPNOTSUPP"));

    private final int errno;
    private final String call;
    private final String path;

    public NativeCallException(String call, String path, int errno) {
        super(call + (path == null ? "" : " on " + path) + " failed: errno " + errno + " (" + describe(errno) + ")");
        this.errno = errno;
        this.call = call;
        this.path = path;
    }

    public int errno() {
        return errno;
    }

    public String call() {
        return call;
    }

    /** The path the call was about, or null. */
    public String path() {
        return path;
    }

    public boolean isNoSpace() {
        return errno == LibC.ENOSPC;
    }

    private static String describe(int errno) {
        String name = NAMES.getOrDefault(errno, "errno " + errno);
        String text = LibC.errorText(errno);
        return text == null ? name : name + ": " + text;
    }
}
