package org.daxstore.nativebridge;

import com.sun.jna.LastErrorException;

/**
 * The raw libc functions, bound by {@link LibC} with JNA direct mapping. They live apart from
 * {@link LibC} because a Java class cannot declare both a native {@code open(String, int)} and the
 * checking wrapper of the same signature, and direct mapping takes the symbol from the method name.
 *
 * <p>Call them only through {@link LibC}: until {@link LibC} has registered this class, every
 * native method throws {@link UnsatisfiedLinkError}.
 *
 * <p>Declaring {@link LastErrorException} makes JNA clear errno before the call and throw if it is
 * non-zero afterwards, whatever the return value. That is sound here because these glibc functions
 * set errno only when they fail. {@code posix_fallocate} returns its error number instead and
 * {@code sysconf} and {@code strerror} do not fail for the arguments used, so those three do not
 * declare it. Types follow LP64: {@code off_t}, {@code size_t} and addresses are Java {@code long}.
 */
final class LibCFunctions {
    private LibCFunctions() {
    }

    /** No {@code mode} argument is passed, so {@code flags} must not contain {@code O_CREAT}. */
    static native int open(String path, int flags) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native int flock(int fd, int operation) throws LastErrorException;

    /** Returns 0 or the error number; leaves errno alone. */
    static native int posix_fallocate(int fd, long offset, long length);

    static native int fallocate(int fd, int mode, long offset, long length) throws LastErrorException;

    /** Returns the new offset, or -1 with errno set (ENXIO: no data, or no hole, at or after the offset). */
    static native long lseek(int fd, long offset, int whence) throws LastErrorException;

    static native int madvise(long address, long length, int advice) throws LastErrorException;

    static native int msync(long address, long length, int flags) throws LastErrorException;

    /** Exported by glibc since 2.33; before that it was a header inline over {@code __fxstat}. */
    static native int fstat(int fd, long[] stat) throws LastErrorException;

    static native int statfs(String path, long[] statfs) throws LastErrorException;

    /** Exported by glibc since 2.28; {@code struct statx} is the same 256 bytes on every architecture. */
    static native int statx(int dirfd, String path, int flags, int mask, byte[] statx) throws LastErrorException;

    /** Returns {@code MAP_FAILED} ({@code (void *) -1}) with errno set when it fails. */
    static native long mmap(long address, long length, int prot, int flags, int fd, long offset)
            throws LastErrorException;

    static native int munmap(long address, long length) throws LastErrorException;

    static native long sysconf(int name);

    /**
     * {@code syscall(2)} with three integer arguments, for system calls glibc has no wrapper for
     * ({@code membarrier}). glibc declares it variadic; its x86_64 and aarch64 versions only move
     * the argument registers, so calling it with a fixed signature is sound on both.
     */
    static native long syscall(long number, int a, int b, int c) throws LastErrorException;

    static native String strerror(int errno);

    /**
     * The errno of a failed call. Only {@link LastErrorException} carries one; anything else is not
     * a failed call and is rethrown. This is where {@link LibC} learns errno without naming a JNA type.
     */
    static int errno(RuntimeException thrown) {
        if (thrown instanceof LastErrorException lastError) {
            return lastError.getErrorCode();
        }
        throw thrown;
    }
}
