package org.daxstore.nativebridge;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * The libc calls daxstore needs, bound with JNA direct mapping ({@link Native#register}), which
 * costs a few times less per call than interface mapping. Linux only (x86_64 and aarch64, whose
 * {@code struct stat} and {@code struct statfs} layouts agree on the fields read here).
 *
 * <p>Loading never throws: if JNA or libc cannot be loaded, {@link #isAvailable()} is false,
 * {@link #unavailableReason()} says why, and every call throws {@link NativeUnavailableException}.
 * Failed calls throw {@link NativeCallException} with the call, the path and errno.
 */
public final class LibC {
    public static final int O_RDONLY = 0;
    public static final int O_RDWR = 2;
    private static final int O_CLOEXEC = 0x80000;

    public static final int FALLOC_FL_KEEP_SIZE = 0x01;
    public static final int FALLOC_FL_PUNCH_HOLE = 0x02;
    public static final int FALLOC_FL_ZERO_RANGE = 0x10;

    public static final int MADV_WILLNEED = 3;
    public static final int MADV_DONTNEED = 4;
    public static final int MS_ASYNC = 1;
    public static final int MS_SYNC = 4;

    public static final long TMPFS_MAGIC = 0x01021994L;
    public static final long EXT4_SUPER_MAGIC = 0xEF53L;
    public static final long XFS_SUPER_MAGIC = 0x58465342L;

    public static final int EINTR = 4;
    public static final int ENOSPC = 28;
    public static final int EOPNOTSUPP = 95;

    private static final int SC_PAGESIZE = 30;
    private static final int STAT_BYTES = 256;
    private static final int STAT_SIZE_AT = 48;
    private static final int STAT_BLOCKS_AT = 64;
    private static final int STATFS_WORDS = 16;

    private static final String UNAVAILABLE_REASON = register();

    private LibC() {
    }

    /** Set this system property to true to run without the bridge, as on a machine where JNA cannot load. */
    public static final String DISABLE_PROPERTY = "daxstore.native.disable";

    private static String register() {
        if (Boolean.getBoolean(DISABLE_PROPERTY)) {
            return "disabled by -D" + DISABLE_PROPERTY + "=true";
        }
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return "the native bridge supports Linux only, not " + System.getProperty("os.name");
        }
        try {
            Native.register(LibC.class, NativeLibrary.getInstance("c"));
            return null;
        } catch (Throwable e) {
            return "cannot load libc through JNA: " + e;
        }
    }

    public static boolean isAvailable() {
        return UNAVAILABLE_REASON == null;
    }

    /** Why the bridge is unavailable, or null if it is available. */
    public static String unavailableReason() {
        return UNAVAILABLE_REASON;
    }

    private static void requireAvailable() {
        if (UNAVAILABLE_REASON != null) {
            throw new NativeUnavailableException(UNAVAILABLE_REASON);
        }
    }

    // ---- the native functions (direct mapped) ----

    private static native int open(String path, int flags) throws LastErrorException;

    private static native int close(int fd) throws LastErrorException;

    private static native int posix_fallocate(int fd, long offset, long length);

    private static native int fallocate(int fd, int mode, long offset, long length) throws LastErrorException;

    private static native int madvise(long address, long length, int advice) throws LastErrorException;

    private static native int msync(long address, long length, int flags) throws LastErrorException;

    private static native int fstat(int fd, byte[] stat) throws LastErrorException;

    private static native int statfs(String path, long[] buffer) throws LastErrorException;

    private static native long sysconf(int name);

    private static native String strerror(int errno);

    // ---- the API ----

    /** Opens {@code path} (close-on-exec) and returns the descriptor. */
    public static int open(String path, int flags, String forMessages) {
        requireAvailable();
        try {
            return open(path, flags | O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new NativeCallException("open(flags=" + flags + ")", forMessages, e.getErrorCode());
        }
    }

    public static void close(int fd, String path) {
        requireAvailable();
        try {
            close(fd);
        } catch (LastErrorException e) {
            throw new NativeCallException("close(fd=" + fd + ")", path, e.getErrorCode());
        }
    }

    /** Backs {@code [offset, offset + length)} with storage; the contents of already-backed bytes stay. */
    public static void posixFallocate(int fd, long offset, long length, String path) {
        requireAvailable();
        int error;
        do {
            error = posix_fallocate(fd, offset, length);
        } while (error == EINTR);
        if (error != 0) {
            throw new NativeCallException("posix_fallocate(offset=" + offset + ", length=" + length + ")", path, error);
        }
    }

    public static void fallocate(int fd, int mode, long offset, long length, String path) {
        requireAvailable();
        while (true) {
            try {
                fallocate(fd, mode, offset, length);
                return;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != EINTR) {
                    throw new NativeCallException("fallocate(" + modeName(mode) + ", offset=" + offset
                            + ", length=" + length + ")", path, e.getErrorCode());
                }
            }
        }
    }

    /** Returns the storage of the range to the file system; the range then reads as zeros. */
    public static void punchHole(int fd, long offset, long length, String path) {
        fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, length, path);
    }

    /** {@code address} must be page-aligned; the caller aligns. */
    public static void madvise(long address, long length, int advice, String path) {
        requireAvailable();
        try {
            madvise(address, length, advice);
        } catch (LastErrorException e) {
            throw new NativeCallException("madvise(advice=" + advice + ", length=" + length + ")", path, e.getErrorCode());
        }
    }

    /** {@code address} must be page-aligned; the caller aligns. */
    public static void msync(long address, long length, int flags, String path) {
        requireAvailable();
        try {
            msync(address, length, flags);
        } catch (LastErrorException e) {
            throw new NativeCallException("msync(length=" + length + ", flags=" + flags + ")", path, e.getErrorCode());
        }
    }

    /** The file system holding {@code path}. */
    public static StatFs statfs(String path) {
        requireAvailable();
        long[] buffer = new long[STATFS_WORDS];
        try {
            statfs(path, buffer);
        } catch (LastErrorException e) {
            throw new NativeCallException("statfs", path, e.getErrorCode());
        }
        return new StatFs(buffer[0], buffer[1], buffer[2], buffer[3], buffer[4]);
    }

    /** Bytes of storage the file holds ({@code st_blocks * 512}). */
    public static long allocatedBytes(int fd, String path) {
        return statField(fd, path, STAT_BLOCKS_AT) * 512;
    }

    /** The file's size ({@code st_size}). */
    public static long fileSize(int fd, String path) {
        return statField(fd, path, STAT_SIZE_AT);
    }

    private static long statField(int fd, String path, int offset) {
        requireAvailable();
        byte[] stat = new byte[STAT_BYTES];
        try {
            fstat(fd, stat);
        } catch (LastErrorException e) {
            throw new NativeCallException("fstat", path, e.getErrorCode());
        }
        return java.nio.ByteBuffer.wrap(stat).order(java.nio.ByteOrder.nativeOrder()).getLong(offset);
    }

    public static long pageSize() {
        requireAvailable();
        return sysconf(SC_PAGESIZE);
    }

    /** The C library's text for {@code errno}, or null when the bridge is unavailable. */
    static String errorText(int errno) {
        return isAvailable() ? strerror(errno) : null;
    }

    private static String modeName(int mode) {
        if (mode == 0) {
            return "mode 0";
        }
        StringBuilder name = new StringBuilder();
        if ((mode & FALLOC_FL_PUNCH_HOLE) != 0) {
            name.append("PUNCH_HOLE|");
        }
        if ((mode & FALLOC_FL_ZERO_RANGE) != 0) {
            name.append("ZERO_RANGE|");
        }
        if ((mode & FALLOC_FL_KEEP_SIZE) != 0) {
            name.append("KEEP_SIZE|");
        }
        return name.length() == 0 ? "mode " + mode : name.substring(0, name.length() - 1);
    }

    /**
     * What {@code statfs} says of a file system.
     *
     * @param type            the file system's magic number, e.g. {@link #TMPFS_MAGIC}
     * @param blockSize       its block size
     * @param blocks          total blocks
     * @param blocksFree      free blocks
     * @param blocksAvailable free blocks available to unprivileged users
     */
    public record StatFs(long type, long blockSize, long blocks, long blocksFree, long blocksAvailable) {
    }
}
