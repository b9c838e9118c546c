package org.daxstore.nativebridge;

import com.sun.jna.Native;

/**
 * The raw libpmem functions, bound by {@link Pmem} with JNA direct mapping. Apart from {@link Pmem}
 * for the same reason {@link LibCFunctions} is apart from {@link LibC}: the checking wrappers take
 * the natural names. Call them only through {@link Pmem}.
 *
 * <p>None declares {@code LastErrorException}: libpmem leaves errno set by calls it tried and
 * recovered from (its {@code pmem_map_file} first tries {@code MAP_SYNC}, which fails on tmpfs with
 * EOPNOTSUPP, then maps without it and succeeds), so errno is meaningful only after a failure the
 * return value reports. {@link #lastErrno()} reads it then. Addresses, {@code size_t} and pointers
 * are Java {@code long}; out-parameters are one-element arrays, which direct mapping copies back.
 */
final class PmemFunctions {
    private PmemFunctions() {
    }

    /** Returns the address, or 0 (NULL) with errno set and {@link #pmem_errormsg()} explaining. */
    static native long pmem_map_file(String path, long length, int flags, int mode, long[] mappedLength,
            int[] isPmem);

    static native int pmem_unmap(long address, long length);

    static native int pmem_is_pmem(long address, long length);

    static native void pmem_persist(long address, long length);

    static native void pmem_flush(long address, long length);

    static native void pmem_drain();

    static native int pmem_msync(long address, long length);

    static native long pmem_memcpy_persist(long destination, long source, long length);

    static native long pmem_memset_persist(long destination, int value, long length);

    /** The last error of this thread in libpmem's words (thread-local in libpmem, as a Java thread is). */
    static native String pmem_errormsg();

    /** Null if the library offers API {@code major.minor} or a compatible later minor, else why not. */
    static native String pmem_check_version(int major, int minor);

    /**
     * errno as it was when the last native call on this thread returned: JNA saves it right after
     * every call, before the JVM can change it.
     */
    static int lastErrno() {
        return Native.getLastError();
    }
}
