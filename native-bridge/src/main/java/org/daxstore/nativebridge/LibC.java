package org.daxstore.nativebridge;

import java.util.Set;
import java.util.StringJoiner;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The libc calls the JDK does not offer: {@code fallocate} and hole punching, {@code madvise} and
 * {@code msync} on any address, {@code mmap} with the flags the JDK does not pass ({@code MAP_SYNC},
 * {@code MAP_POPULATE}, {@code MAP_FIXED}), the block count of {@code fstat}, the file system type
 * of {@code statfs} and the DAX attribute and mount id of {@code statx}. They are bound with JNA direct mapping ({@link Native#register}), which calls
 * straight into the native method instead of through a proxy and reflection as interface mapping
 * does. Linux on x86_64 and aarch64 only, because the {@code struct stat} and {@code struct statfs}
 * offsets read here are checked for those two; glibc 2.33 or later, the first to export
 * {@code fstat} (with an older one the bridge reports itself unavailable).
 *
 * <p>Loading never throws, so that callers can fall back to plain Java I/O: if JNA or libc cannot be
 * loaded, {@link #isAvailable()} is false, {@link #unavailableReason()} says why, and every call
 * throws {@link NativeUnavailableException}. A failed call throws {@link NativeCallException},
 * which names the call, the path it was about and errno.
 *
 * <p>This class names no JNA type in a {@code catch} clause, and so catches {@link RuntimeException}
 * and hands it to {@code LibCFunctions.errno}: the JVM's verifier loads the types of exception
 * handlers when it links a class, so a {@code catch (LastErrorException e)} here would make this
 * class fail to load without JNA instead of reporting it unavailable.
 */
public final class LibC {
    /** Set this system property to {@code true} to run without the bridge, as where JNA cannot load. */
    public static final String DISABLE_PROPERTY = "daxstore.native.disable";

    public static final int O_RDONLY = 0;
    public static final int O_RDWR = 2;
    /** Added to every {@link #open}: a descriptor must not leak into child processes. */
    private static final int O_CLOEXEC = 0x80000;

    public static final int FALLOC_FL_KEEP_SIZE = 0x01;
    public static final int FALLOC_FL_PUNCH_HOLE = 0x02;
    public static final int FALLOC_FL_ZERO_RANGE = 0x10;

    /** lseek(2) whence values (Linux 3.1+): the next offset that holds data, or that starts a hole. */
    private static final int SEEK_DATA = 3;
    private static final int SEEK_HOLE = 4;

    public static final int MADV_WILLNEED = 3;
    public static final int MADV_DONTNEED = 4;
    /** Linux 5.14+: fault the range in, writable, now (EINVAL on older kernels). */
    public static final int MADV_POPULATE_WRITE = 23;
    public static final int MS_ASYNC = 1;
    public static final int MS_SYNC = 4;

    public static final int PROT_NONE = 0;
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int MAP_SHARED = 0x01;
    public static final int MAP_PRIVATE = 0x02;
    /**
     * {@code MAP_SHARED} that refuses flags the kernel or file system does not support instead of
     * ignoring them, as plain {@code MAP_SHARED} does for backward compatibility. Needed with
     * {@link #MAP_SYNC}: without it {@code MAP_SYNC} would be silently dropped on tmpfs.
     */
    public static final int MAP_SHARED_VALIDATE = 0x03;
    /** Replace whatever is mapped at the address given. */
    public static final int MAP_FIXED = 0x10;
    public static final int MAP_ANONYMOUS = 0x20;
    /** Reserve no swap or memory for the range: for address space that is only held, not used. */
    public static final int MAP_NORESERVE = 0x4000;
    /** Fault the whole range in before returning, so first accesses do not fault. */
    public static final int MAP_POPULATE = 0x8000;
    /**
     * Linux 4.15+, DAX file systems only: the file's metadata is durable before a write fault
     * returns, so flushing CPU caches persists data with no {@code msync}. Needs
     * {@link #MAP_SHARED_VALIDATE}; anywhere else the kernel answers {@link #EOPNOTSUPP}.
     */
    public static final int MAP_SYNC = 0x80000;
    /** {@link #MAP_FIXED} that fails with EEXIST instead of replacing an existing mapping (Linux 4.17+). */
    public static final int MAP_FIXED_NOREPLACE = 0x100000;

    private static final int AT_FDCWD = -100;

    public static final long TMPFS_MAGIC = 0x01021994L;
    public static final long EXT4_SUPER_MAGIC = 0xEF53L;
    public static final long XFS_SUPER_MAGIC = 0x58465342L;

    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    /** lseek(2) with SEEK_DATA or SEEK_HOLE: no data at or after the offset, or the offset is past the end. */
    public static final int ENXIO = 6;
    public static final int EBADF = 9;
    public static final int EINVAL = 22;
    public static final int ENOSPC = 28;
    /** flock(2) would block: another open file description holds the lock. Same value as EAGAIN. */
    public static final int EWOULDBLOCK = 11;
    public static final int LOCK_EX = 2;
    public static final int LOCK_NB = 4;
    public static final int LOCK_UN = 8;
    public static final int EOPNOTSUPP = 95;

    private static final int SC_PAGESIZE = 30;

    /** {@code __NR_membarrier}: the system call numbers differ between the two architectures. */
    private static final long NR_MEMBARRIER = "aarch64".equals(System.getProperty("os.arch")) ? 283 : 324;

    /*
     * struct stat is 144 bytes on x86_64 and 128 on aarch64 (the generic layout); both keep the
     * 8-byte st_size at offset 48 and st_blocks at 64. struct statfs is 120 bytes on both and
     * starts with the five 8-byte fields StatFs holds. Buffers are long[] so fields are indices.
     */
    private static final int STAT_LONGS = 144 / Long.BYTES;
    private static final int ST_SIZE = 48 / Long.BYTES;
    private static final int ST_BLOCKS = 64 / Long.BYTES;
    /** st_blocks counts 512-byte units whatever the file system's block size. */
    private static final long ST_BLOCKS_UNIT = 512;
    private static final int STATFS_LONGS = 120 / Long.BYTES;

    /** The values of {@code os.arch} whose struct layouts the offsets above are checked against. */
    private static final Set<String> SUPPORTED_ARCHES = Set.of("amd64", "aarch64");

    private static final String UNAVAILABLE_REASON = bind();

    private LibC() {
    }

    private static String bind() {
        if (Boolean.getBoolean(DISABLE_PROPERTY)) {
            return "disabled by -D" + DISABLE_PROPERTY + "=true";
        }
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        if (!"Linux".equals(os) || !SUPPORTED_ARCHES.contains(arch)) {
            return "the native bridge supports Linux on x86_64 and aarch64 only, not " + os + " on " + arch;
        }
        try {
            Native.register(LibCFunctions.class, Platform.C_LIBRARY_NAME);
            return null;
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, ...: each means no bridge
            return "cannot bind libc with JNA: " + e;
        }
    }

    public static boolean isAvailable() {
        return UNAVAILABLE_REASON == null;
    }

    /** Why the bridge is unavailable, or null when it is available. */
    public static String unavailableReason() {
        return UNAVAILABLE_REASON;
    }

    private static void requireAvailable() {
        if (UNAVAILABLE_REASON != null) {
            throw new NativeUnavailableException(UNAVAILABLE_REASON);
        }
    }

    /**
     * Opens an existing file, close-on-exec, and returns the descriptor.
     *
     * @param flags {@link #O_RDONLY} or {@link #O_RDWR}; {@code O_CREAT} is not supported (no mode is passed)
     */
    public static int open(String path, int flags) {
        requireAvailable();
        try {
            return LibCFunctions.open(path, flags | O_CLOEXEC);
        } catch (RuntimeException e) {
            throw new NativeCallException("open(flags=" + flags + ")", path, LibCFunctions.errno(e));
        }
    }

    /**
     * Closes a descriptor. EINTR counts as closed and is not retried: Linux releases the descriptor
     * before reporting it, and a retry could close one another thread has just been given.
     */
    public static void close(int fd) {
        requireAvailable();
        try {
            LibCFunctions.close(fd);
        } catch (RuntimeException e) {
            int errno = LibCFunctions.errno(e);
            if (errno != EINTR) {
                throw new NativeCallException("close(fd=" + fd + ")", null, errno);
            }
        }
    }

    /**
     * Backs {@code [offset, offset + length)} with storage, growing the file if the range ends past it;
     * bytes already there keep their contents. Where the file system lacks {@code fallocate}, glibc
     * emulates it by writing. Retried on EINTR.
     *
     * @param pathForMessages the file's path, for the exception message only
     * @throws NativeCallException with {@link #ENOSPC} when the file system is full
     */
    public static void posixFallocate(int fd, long offset, long length, String pathForMessages) {
        requireAvailable();
        int error;
        do {
            error = LibCFunctions.posix_fallocate(fd, offset, length);
        } while (error == EINTR);
        if (error != 0) {
            throw new NativeCallException("posix_fallocate(offset=" + offset + ", length=" + length + ")",
                    pathForMessages, error);
        }
    }

    /**
     * Linux {@code fallocate(2)}; retried on EINTR.
     *
     * @param mode            0 or {@code FALLOC_FL_*} flags
     * @param pathForMessages the file's path, for the exception message only
     * @throws NativeCallException with {@link #EOPNOTSUPP} when the file system does not support {@code mode}
     */
    public static void fallocate(int fd, int mode, long offset, long length, String pathForMessages) {
        requireAvailable();
        while (true) {
            try {
                LibCFunctions.fallocate(fd, mode, offset, length);
                return;
            } catch (RuntimeException e) {
                int errno = LibCFunctions.errno(e);
                if (errno != EINTR) {
                    throw new NativeCallException("fallocate(" + fallocateModeName(mode) + ", offset=" + offset
                            + ", length=" + length + ")", pathForMessages, errno);
                }
            }
        }
    }

    /**
     * Returns the storage of {@code [offset, offset + length)} to the file system, keeping the file size;
     * the range then reads as zeros.
     *
     * @param path the file's path, for the exception message only
     */
    public static void punchHole(int fd, long offset, long length, String path) {
        fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, length, path);
    }

    /**
     * {@code lseek(fd, offset, SEEK_DATA)}: the first offset at or after {@code offset} that holds
     * data (storage), or -1 if none does before the end of the file (ENXIO). The kernel walks the
     * file's extents, not its pages, so a scan of a file costs a call per extent. A file system
     * without hole tracking answers as if the whole file were data. Moves the descriptor's file
     * offset, which the callers here never read or write through.
     *
     * @param pathForMessages the file's path, for the exception message only
     */
    public static long seekData(int fd, long offset, String pathForMessages) {
        return seek(fd, offset, SEEK_DATA, "SEEK_DATA", pathForMessages);
    }

    /**
     * {@code lseek(fd, offset, SEEK_HOLE)}: the first offset at or after {@code offset} that starts
     * a hole, the end of the file counting as one; -1 if {@code offset} is at or past the end (ENXIO).
     *
     * @param pathForMessages the file's path, for the exception message only
     */
    public static long seekHole(int fd, long offset, String pathForMessages) {
        return seek(fd, offset, SEEK_HOLE, "SEEK_HOLE", pathForMessages);
    }

    private static long seek(int fd, long offset, int whence, String whenceName, String pathForMessages) {
        requireAvailable();
        try {
            return LibCFunctions.lseek(fd, offset, whence);
        } catch (RuntimeException e) {
            int errno = LibCFunctions.errno(e);
            if (errno == ENXIO) {
                return -1;
            }
            throw new NativeCallException("lseek(offset=" + offset + ", " + whenceName + ")", pathForMessages, errno);
        }
    }

    /**
     * Advises the kernel how {@code [address, address + length)} of a mapping will be used.
     * {@code address} must be a multiple of {@link #pageSize()} (the kernel answers EINVAL otherwise);
     * the caller aligns it.
     *
     * @param advice {@link #MADV_WILLNEED}, {@link #MADV_DONTNEED} or {@link #MADV_POPULATE_WRITE}
     */
    public static void madvise(long address, long length, int advice) {
        requireAvailable();
        try {
            LibCFunctions.madvise(address, length, advice);
        } catch (RuntimeException e) {
            throw new NativeCallException("madvise(address=0x" + Long.toHexString(address) + ", length=" + length
                    + ", advice=" + advice + ")", null, LibCFunctions.errno(e));
        }
    }

    /**
     * Takes an exclusive {@code flock(2)} lock on {@code fd} without waiting. Unlike the POSIX
     * record locks of {@code FileChannel.lock}, which a process loses when it closes any
     * descriptor of the file (libpmem's {@code pmem_map_file} opens and closes one), a flock lock
     * belongs to the open file description and lasts until that is closed.
     *
     * @return false if another open file description holds a lock on the file
     */
    public static boolean tryLockExclusive(int fd, String pathForMessages) {
        requireAvailable();
        try {
            LibCFunctions.flock(fd, LOCK_EX | LOCK_NB);
            return true;
        } catch (RuntimeException e) {
            int errno = LibCFunctions.errno(e);
            if (errno == EWOULDBLOCK) {
                return false;
            }
            throw new NativeCallException("flock(LOCK_EX|LOCK_NB)", pathForMessages, errno);
        }
    }

    /**
     * Releases the {@code flock(2)} lock of {@code fd}'s open file description. Closing the
     * descriptor is not enough when a child process holds a copy of it: a child this JVM starts
     * has every descriptor until it executes its program, and the lock lives as long as any copy.
     */
    public static void unlock(int fd, String pathForMessages) {
        requireAvailable();
        try {
            LibCFunctions.flock(fd, LOCK_UN);
        } catch (RuntimeException e) {
            throw new NativeCallException("flock(LOCK_UN)", pathForMessages, LibCFunctions.errno(e));
        }
    }

    /**
     * Writes {@code [address, address + length)} of a shared file mapping back to its file.
     * {@code address} must be a multiple of {@link #pageSize()} (the kernel answers EINVAL otherwise);
     * the caller aligns it.
     *
     * @param flags {@link #MS_SYNC} to wait for the write, {@link #MS_ASYNC} to only schedule it
     */
    public static void msync(long address, long length, int flags) {
        requireAvailable();
        try {
            LibCFunctions.msync(address, length, flags);
        } catch (RuntimeException e) {
            throw new NativeCallException("msync(address=0x" + Long.toHexString(address) + ", length=" + length
                    + ", flags=" + flags + ")", null, LibCFunctions.errno(e));
        }
    }

    /**
     * Maps {@code [offset, offset + length)} of the file behind {@code fd} and returns the address.
     * The mapping outlives the descriptor; {@link #munmap} ends it. Touching a page of the mapping
     * beyond the end of the file, or one tmpfs cannot back, raises SIGBUS, which kills the JVM when
     * it hits native code: keep accesses within backed storage.
     *
     * @param address         a hint, or with {@link #MAP_FIXED} the exact address; 0 lets the kernel choose
     * @param prot            {@link #PROT_READ}, {@link #PROT_WRITE} or both, or {@link #PROT_NONE}
     * @param flags           {@link #MAP_SHARED} or {@link #MAP_SHARED_VALIDATE} or {@link #MAP_PRIVATE}, with
     *                        {@link #MAP_SYNC}, {@link #MAP_POPULATE}, {@link #MAP_FIXED}, ...
     * @param offset          a multiple of {@link #pageSize()}
     * @param pathForMessages the file's path, for the exception message only
     * @throws NativeCallException with {@link #EOPNOTSUPP} ({@link NativeCallException#isNotSupported()})
     *                             when {@link #MAP_SYNC} is asked of a file not on a DAX file system
     */
    public static long mmap(long address, long length, int prot, int flags, int fd, long offset,
            String pathForMessages) {
        requireAvailable();
        requireNonNegative("mmap", length, pathForMessages);
        try {
            // MAP_FAILED comes with errno set, which JNA turns into the exception caught here
            return LibCFunctions.mmap(address, length, prot, flags, fd, offset);
        } catch (RuntimeException e) {
            throw new NativeCallException(mmapCall(address, length, prot, flags, fd, offset), pathForMessages,
                    LibCFunctions.errno(e));
        }
    }

    /**
     * Unmaps {@code [address, address + length)}; any access to it afterwards crashes the JVM, so
     * the caller must know that none is in flight.
     */
    public static void munmap(long address, long length) {
        requireAvailable();
        requireNonNegative("munmap", length, null);
        try {
            LibCFunctions.munmap(address, length);
        } catch (RuntimeException e) {
            throw new NativeCallException("munmap(address=0x" + Long.toHexString(address) + ", length=" + length + ")",
                    null, LibCFunctions.errno(e));
        }
    }

    /**
     * Reserves {@code length} bytes of address space, inaccessible and backed by nothing, for
     * {@link NativeFile#mapFixed} to map file ranges into at addresses known in advance.
     * {@link #munmap} releases it.
     */
    public static long reserveAddressSpace(long length) {
        return mmap(0, length, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0, null);
    }

    /**
     * {@code statx(2)} of {@code path}, following symbolic links; the file is not opened, read or
     * changed. Asks for the basic fields and the mount id.
     */
    public static Statx statx(String path) {
        requireAvailable();
        byte[] buffer = new byte[Statx.SIZE];
        try {
            LibCFunctions.statx(AT_FDCWD, path, 0, Statx.STATX_BASIC_STATS | Statx.STATX_MNT_ID, buffer);
        } catch (RuntimeException e) {
            throw new NativeCallException("statx", path, LibCFunctions.errno(e));
        }
        return Statx.parse(buffer);
    }

    /** Describes the file system holding {@code path}. */
    public static StatFs statfs(String path) {
        requireAvailable();
        long[] statfs = new long[STATFS_LONGS];
        try {
            LibCFunctions.statfs(path, statfs);
        } catch (RuntimeException e) {
            throw new NativeCallException("statfs", path, LibCFunctions.errno(e));
        }
        return new StatFs(statfs[0], statfs[1], statfs[2], statfs[3], statfs[4]);
    }

    /**
     * Bytes of storage the file holds ({@code st_blocks * 512}): less than its size where it has holes,
     * more where storage is allocated past its end.
     */
    public static long allocatedBytes(int fd) {
        return fstat(fd)[ST_BLOCKS] * ST_BLOCKS_UNIT;
    }

    /** The file's size in bytes ({@code st_size}). */
    public static long fileSize(int fd) {
        return fstat(fd)[ST_SIZE];
    }

    private static long[] fstat(int fd) {
        requireAvailable();
        long[] stat = new long[STAT_LONGS];
        try {
            LibCFunctions.fstat(fd, stat);
        } catch (RuntimeException e) {
            throw new NativeCallException("fstat(fd=" + fd + ")", null, LibCFunctions.errno(e));
        }
        return stat;
    }

    /**
     * {@code membarrier(command, 0, 0)}: see {@link Membarrier}, which is the only caller.
     *
     * @return what the system call returns (the supported commands, for a query)
     * @throws NativeCallException with errno if the kernel refuses (ENOSYS without membarrier,
     *                             EPERM where a seccomp filter forbids it or before registration)
     */
    static int membarrier(int command, String commandName) {
        requireAvailable();
        try {
            return (int) LibCFunctions.syscall(NR_MEMBARRIER, command, 0, 0);
        } catch (RuntimeException e) {
            throw new NativeCallException("membarrier(" + commandName + ")", null, LibCFunctions.errno(e));
        }
    }

    /** The size of a memory page, the alignment {@link #madvise} and {@link #msync} require. */
    public static long pageSize() {
        requireAvailable();
        return LibCFunctions.sysconf(SC_PAGESIZE);
    }

    /** The C library's text for {@code errno}, or null when the bridge is unavailable. */
    static String strerror(int errno) {
        return isAvailable() ? LibCFunctions.strerror(errno) : null;
    }

    /**
     * A negative length would reach the kernel as a size_t near 2^64: caught here with the call and
     * path named, because the kernel's answer (EINVAL or ENOMEM, depending on the call) would not say
     * which argument was wrong.
     */
    static void requireNonNegative(String call, long length, String path) {
        if (length < 0) {
            throw new IllegalArgumentException(call + (path == null ? "" : " on " + path)
                    + ": negative length " + length);
        }
    }

    private static String mmapCall(long address, long length, int prot, int flags, int fd, long offset) {
        return "mmap(" + (address == 0 ? "" : "address=0x" + Long.toHexString(address) + ", ")
                + mapFlagsName(flags) + ", prot=" + protName(prot) + ", fd=" + fd + ", offset=" + offset
                + ", length=" + length + ")";
    }

    private static final FlagNames PROT_NAMES = new FlagNames(new int[] {PROT_READ, PROT_WRITE}, "READ", "WRITE");
    private static final FlagNames MAP_NAMES = new FlagNames(
            new int[] {MAP_SYNC, MAP_POPULATE, MAP_FIXED, MAP_FIXED_NOREPLACE, MAP_ANONYMOUS, MAP_NORESERVE},
            "SYNC", "POPULATE", "FIXED", "FIXED_NOREPLACE", "ANONYMOUS", "NORESERVE");
    private static final FlagNames FALLOCATE_NAMES = new FlagNames(
            new int[] {FALLOC_FL_PUNCH_HOLE, FALLOC_FL_ZERO_RANGE, FALLOC_FL_KEEP_SIZE},
            "PUNCH_HOLE", "ZERO_RANGE", "KEEP_SIZE");

    private static String protName(int prot) {
        return PROT_NAMES.name(prot, "NONE");
    }

    /** E.g. {@code SHARED_VALIDATE|SYNC|POPULATE}; the sharing type is the low two bits, the rest flags. */
    static String mapFlagsName(int flags) {
        StringJoiner name = new StringJoiner("|");
        switch (flags & MAP_SHARED_VALIDATE) {
            case MAP_SHARED -> name.add("SHARED");
            case MAP_PRIVATE -> name.add("PRIVATE");
            case MAP_SHARED_VALIDATE -> name.add("SHARED_VALIDATE");
            default -> {
                // no sharing type: mmap will refuse it, and the message shows the flags as given
            }
        }
        MAP_NAMES.addTo(name, flags & ~MAP_SHARED_VALIDATE);
        return name.toString();
    }

    private static String fallocateModeName(int mode) {
        return FALLOCATE_NAMES.name(mode, "0x0");
    }
}
