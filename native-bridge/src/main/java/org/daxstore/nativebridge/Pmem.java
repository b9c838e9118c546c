package org.daxstore.nativebridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import com.sun.jna.Native;

/**
 * libpmem (PMDK's low-level persistent memory library), bound with JNA direct mapping like
 * {@link LibC}: mapping a file or device DAX whole ({@code pmem_map_file}), and making stores durable
 * by flushing CPU caches ({@code pmem_persist}, {@code pmem_flush} and {@code pmem_drain}) where the
 * mapping is persistent memory, or by {@code pmem_msync} where it is not.
 *
 * <p>Loaded by its soname, {@value #LIBRARY}, from the runtime package (Debian's {@code libpmem1});
 * the development package is not needed. Loading never throws: where the library is missing,
 * incompatible or disabled, {@link #isAvailable()} is false, {@link #unavailableReason()} says why
 * and every call throws {@link NativeUnavailableException}. The core then uses the plain mapped
 * medium. A failed call throws {@link NativeCallException} with errno, the path and libpmem's own
 * explanation ({@code pmem_errormsg}).
 *
 * <p>Memory is handed out and taken as raw {@code long} addresses, never as JNA {@code Pointer}s:
 * callers read and write it with Unsafe or Chronicle, whose accesses the JVM survives a fault in. The
 * calls here that touch memory ({@link #persist}, {@link #memcpyPersist}, ...) are native code and
 * trust the caller: an address outside a live mapping, or a page tmpfs cannot back, kills the JVM
 * with SIGSEGV or SIGBUS. Lengths are checked for sign, because a negative one would reach libpmem
 * as a size near 2^64.
 *
 * <p>libpmem reads its environment once, when it loads: {@code PMEM_IS_PMEM_FORCE=1} makes
 * {@code pmem_is_pmem} answer 1 for any mapping (to test the flush path on tmpfs), {@code =0} answers
 * 0 even on real persistent memory.
 */
public final class Pmem {
    /** Set this system property to {@code true} to run as if libpmem were not installed. */
    public static final String DISABLE_PROPERTY = "daxstore.pmem.disable";
    /** The soname loaded; the version 1 ABI, the only one libpmem has had. */
    public static final String LIBRARY = "libpmem.so.1";

    /** {@link #mapFile(Path, long, int, int)}: create the file if missing, sized and allocated to the length. */
    public static final int FILE_CREATE = 1;
    /** With {@link #FILE_CREATE}: fail if the file exists. */
    public static final int FILE_EXCL = 1 << 1;
    /** With {@link #FILE_CREATE}: size the file but do not allocate it (leave it sparse). */
    public static final int FILE_SPARSE = 1 << 2;
    /** Create an unnamed temporary file in the directory given as the path. */
    public static final int FILE_TMPFILE = 1 << 3;

    /** The API major version bound here; libpmem refuses any other. */
    private static final int API_MAJOR = 1;

    private static final FlagNames FILE_FLAG_NAMES = new FlagNames(
            new int[] {FILE_CREATE, FILE_EXCL, FILE_SPARSE, FILE_TMPFILE}, "CREATE", "EXCL", "SPARSE", "TMPFILE");

    private static final String UNAVAILABLE_REASON = bind();

    private Pmem() {
    }

    private static String bind() {
        if (Boolean.getBoolean(DISABLE_PROPERTY)) {
            return "disabled by -D" + DISABLE_PROPERTY + "=true";
        }
        if (!LibC.isAvailable()) { // errno texts, and the machine checks, come from there
            return "the native bridge is unavailable: " + LibC.unavailableReason();
        }
        try {
            Native.register(PmemFunctions.class, LIBRARY);
        } catch (Throwable e) { // UnsatisfiedLinkError when the library is not installed
            return "cannot load " + LIBRARY + " (install the libpmem1 package): " + e.getMessage();
        }
        String incompatible = PmemFunctions.pmem_check_version(API_MAJOR, 0);
        return incompatible == null ? null : LIBRARY + " is incompatible: " + incompatible;
    }

    public static boolean isAvailable() {
        return UNAVAILABLE_REASON == null;
    }

    /** Why libpmem is unavailable, or null when it is available. */
    public static String unavailableReason() {
        return UNAVAILABLE_REASON;
    }

    /**
     * What was loaded, e.g. {@code libpmem 1.12.1 (API 1.1, /usr/lib/x86_64-linux-gnu/libpmem.so.1.0.0)},
     * for logs and benchmark reports. The release number is read from the {@code src version} string
     * PMDK embeds in its libraries, and left out where the file lacks it.
     */
    public static String version() {
        requireAvailable();
        return VersionHolder.VERSION;
    }

    private static void requireAvailable() {
        if (UNAVAILABLE_REASON != null) {
            throw new NativeUnavailableException(UNAVAILABLE_REASON);
        }
    }

    /**
     * Maps an existing file, or a device DAX character device, whole. libpmem first asks for
     * {@code MAP_SYNC} and falls back to a plain shared mapping where the file system refuses it.
     *
     * @throws NativeCallException with errno and libpmem's explanation, e.g. ENOENT for a missing
     *                             file, EINVAL for an empty one
     */
    public static PmemMapping mapFile(Path path) {
        return mapFile(path, 0, 0, 0);
    }

    /**
     * {@code pmem_map_file} with every argument: without {@link #FILE_CREATE} or {@link #FILE_TMPFILE}
     * the length must be 0 (the whole file is mapped); with {@link #FILE_CREATE} an existing file is
     * resized to {@code length} and, unless {@link #FILE_SPARSE}, allocated. Device DAX takes length
     * 0 or its exact size.
     *
     * @param mode permissions of a created file, e.g. {@code 0600}
     */
    public static PmemMapping mapFile(Path path, long length, int flags, int mode) {
        requireAvailable();
        String pathName = path.toString();
        String call = "pmem_map_file(length=" + length + ", flags=" + fileFlagsName(flags)
                + (mode == 0 ? "" : ", mode=0" + Integer.toOctalString(mode)) + ")";
        LibC.requireNonNegative(call, length, pathName);
        long[] mappedLength = new long[1];
        int[] isPmem = new int[1];
        long address = PmemFunctions.pmem_map_file(pathName, length, flags, mode, mappedLength, isPmem);
        if (address == 0) {
            throw failure(call, pathName);
        }
        return new PmemMapping(pathName, address, mappedLength[0], isPmem[0] != 0);
    }

    /**
     * Unmaps a range {@link #mapFile} mapped; {@link PmemMapping#close()} calls this. Any access to
     * the range afterwards crashes the JVM.
     */
    public static void unmap(long address, long length) {
        requireAvailable();
        LibC.requireNonNegative("pmem_unmap", length, null);
        if (PmemFunctions.pmem_unmap(address, length) != 0) {
            throw failure("pmem_unmap(address=0x" + Long.toHexString(address) + ", length=" + length + ")", null);
        }
    }

    /**
     * Whether flushing CPU caches makes stores to the range durable: true for a {@code MAP_SYNC}
     * mapping of a DAX file and for device DAX, false for tmpfs and the page cache (unless
     * {@code PMEM_IS_PMEM_FORCE} says otherwise). Costly on its first call for a range: decide once.
     * libpmem leaves the answer undefined for memory it did not map: pass only {@link #mapFile} ranges.
     */
    public static boolean isPmem(long address, long length) {
        requireAvailable();
        LibC.requireNonNegative("pmem_is_pmem", length, null);
        return PmemFunctions.pmem_is_pmem(address, length) != 0;
    }

    /**
     * Flushes the range's cache lines and waits for them to drain: {@link #flush} then {@link #drain}.
     * Durable only where {@link #isPmem} holds; elsewhere use {@link #msync}.
     */
    public static void persist(long address, long length) {
        requireAvailable();
        LibC.requireNonNegative("pmem_persist", length, null);
        PmemFunctions.pmem_persist(address, length);
    }

    /** Starts writing the range's cache lines back; several flushes can share one {@link #drain}. */
    public static void flush(long address, long length) {
        requireAvailable();
        LibC.requireNonNegative("pmem_flush", length, null);
        PmemFunctions.pmem_flush(address, length);
    }

    /** Waits until the flushes issued before it have reached the persistence domain. */
    public static void drain() {
        requireAvailable();
        PmemFunctions.pmem_drain();
    }

    /**
     * {@code msync(MS_SYNC)} of the range, which libpmem first widens to whole pages: durability
     * where the mapping is not persistent memory (tmpfs, page cache).
     */
    public static void msync(long address, long length) {
        requireAvailable();
        LibC.requireNonNegative("pmem_msync", length, null);
        if (PmemFunctions.pmem_msync(address, length) != 0) {
            throw failure("pmem_msync(address=0x" + Long.toHexString(address) + ", length=" + length + ")", null);
        }
    }

    /**
     * Copies {@code length} bytes from {@code source} to {@code destination} and persists them, with
     * non-temporal stores for large copies. The ranges must not overlap. Persistent only where
     * {@link #isPmem} holds.
     */
    public static void memcpyPersist(long destination, long source, long length) {
        requireAvailable();
        LibC.requireNonNegative("pmem_memcpy_persist", length, null);
        PmemFunctions.pmem_memcpy_persist(destination, source, length);
    }

    /** Fills {@code length} bytes at {@code destination} with {@code (byte) value} and persists them. */
    public static void memsetPersist(long destination, int value, long length) {
        requireAvailable();
        LibC.requireNonNegative("pmem_memset_persist", length, null);
        PmemFunctions.pmem_memset_persist(destination, value, length);
    }

    /** Reads errno and libpmem's message at once, before another call on this thread can change them. */
    private static NativeCallException failure(String call, String path) {
        int errno = PmemFunctions.lastErrno();
        String message = PmemFunctions.pmem_errormsg();
        return new NativeCallException(call, path, errno, message == null || message.isEmpty() ? null
                : "libpmem: " + message);
    }

    private static String fileFlagsName(int flags) {
        return FILE_FLAG_NAMES.name(flags, "0");
    }

    /** Worked out on first use only: it reads /proc/self/maps and the library file. */
    private static final class VersionHolder {
        /** The highest minor a sane library could offer; the loop below stops long before. */
        private static final int MINOR_LIMIT = 1000;
        private static final String SRC_VERSION = "src version: ";

        static final String VERSION = describe();

        private static String describe() {
            int minor = 0;
            while (minor + 1 < MINOR_LIMIT && PmemFunctions.pmem_check_version(API_MAJOR, minor + 1) == null) {
                minor++;
            }
            String api = "API " + API_MAJOR + "." + minor;
            Optional<Path> file = loadedFile();
            Optional<String> release = file.flatMap(VersionHolder::release);
            return "libpmem " + release.map(r -> r + " (" + api).orElse("(" + api)
                    + file.map(f -> ", " + f).orElse("") + ")";
        }

        /** The file the dynamic linker loaded for {@link #LIBRARY}, from this process's memory map. */
        private static Optional<Path> loadedFile() {
            try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
                return maps.map(line -> line.substring(line.lastIndexOf(' ') + 1))
                        .filter(name -> name.contains("/" + LIBRARY))
                        .findFirst().map(Path::of);
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }

        /** The release PMDK embeds as {@code "src version: 1.12.1"}, for {@code strings} and us to find. */
        private static Optional<String> release(Path library) {
            try {
                String text = new String(Files.readAllBytes(library), StandardCharsets.ISO_8859_1);
                int at = text.indexOf(SRC_VERSION);
                if (at < 0) {
                    return Optional.empty();
                }
                int start = at + SRC_VERSION.length();
                int end = start;
                while (end < text.length() && end - start < 64 && isVersionChar(text.charAt(end))) {
                    end++;
                }
                return end > start ? Optional.of(text.substring(start, end)) : Optional.empty();
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }

        private static boolean isVersionChar(char c) {
            return Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '+' || c == '~' || c == '_';
        }
    }
}
