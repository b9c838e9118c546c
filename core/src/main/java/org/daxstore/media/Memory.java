package org.daxstore.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import org.daxstore.MediumUnavailableException;

/**
 * Loads and stores at raw addresses of the container mapping: the only class the store touches
 * container memory through. Callers are responsible for bounds (a store's accesses are always
 * checked against its layout before they get here).
 *
 * <p>This is the JDK 17 to 21 version: every method is a static call of
 * {@link UnsafeMemoryAccess} ({@code sun.misc.Unsafe} through Chronicle), which the JIT inlines to
 * one machine load or store. The multi-release jar holds a JDK 22+ version of this class under
 * {@code META-INF/versions/22} (source: {@code core/src/main/java22}) with the same methods on the
 * FFM API, so that nothing of daxstore calls Unsafe there; {@code VersionedClassesTest} keeps the
 * two APIs identical. docs/MEDIA.md, "Two memory paths", says why.
 *
 * <p>Multi-byte values are in the platform's native byte order, which is little-endian on every
 * platform daxstore supports; {@link #checkUsable} refuses any other.
 */
public final class Memory {
    private Memory() {
    }

    /**
     * Refuses to map {@code container} when this class cannot reach memory: on a big-endian
     * platform (the on-media format is little-endian), or when {@link UnsafeMemoryAccess} cannot
     * initialise (the JVM denies {@code sun.misc.Unsafe} memory access). The refusal is typed and
     * the same at every open, where a failed initialiser would fail once and then leave a class
     * that can never be initialised.
     *
     * @throws UnsupportedOperationException on a big-endian platform
     * @throws MediumUnavailableException if the Unsafe path cannot run in this JVM, saying why
     */
    public static void checkUsable(Path container) {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new UnsupportedOperationException("daxstore needs a little-endian platform");
        }
        try {
            UnsafeMemoryAccess.initialize();
        } catch (LinkageError | RuntimeException e) {
            Throwable cause = e instanceof ExceptionInInitializerError && e.getCause() != null ? e.getCause() : e;
            MediumUnavailableException refusal = new MediumUnavailableException(container + ": no medium can map the"
                    + " container: daxstore's sun.misc.Unsafe memory path cannot run in this JVM (" + cause + ")"
                    + (Runtime.version().feature() >= 22 ? ". On JDK 22 and later daxstore-core takes its FFM path"
                            + " (META-INF/versions/22) instead, unless its jar is not used as a multi-release jar:"
                            + " one built on a JDK before 22 has no FFM classes, and a repackaged (shaded) jar must"
                            + " keep 'Multi-Release: true' in its manifest and the META-INF/versions entries" : ""));
            refusal.initCause(e);
            throw refusal;
        }
    }

    /** Which path this class takes ("FFM ..." or "sun.misc.Unsafe ..."), for the benchmarks and the tests. */
    public static String implementation() {
        return "sun.misc.Unsafe (Chronicle UnsafeMemory)";
    }

    /**
     * The address of a direct buffer's first byte.
     *
     * @throws IllegalArgumentException if the buffer is not direct
     */
    public static long addressOf(ByteBuffer directBuffer) {
        return UnsafeMemoryAccess.addressOf(directBuffer);
    }

    /** A load of one byte. */
    public static byte getByte(long address) {
        return UnsafeMemoryAccess.getByte(address);
    }

    /** A store of one byte. */
    public static void putByte(long address, byte value) {
        UnsafeMemoryAccess.putByte(address, value);
    }

    /** A plain load of an int at any alignment. */
    public static int getInt(long address) {
        return UnsafeMemoryAccess.getInt(address);
    }

    /** A plain store of an int at any alignment. */
    public static void putInt(long address, int value) {
        UnsafeMemoryAccess.putInt(address, value);
    }

    /** A plain load of a long at any alignment. */
    public static long getLong(long address) {
        return UnsafeMemoryAccess.getLong(address);
    }

    /** A plain store of a long at any alignment. */
    public static void putLong(long address, long value) {
        UnsafeMemoryAccess.putLong(address, value);
    }

    /** A plain load of a short at any alignment. */
    public static short getShort(long address) {
        return UnsafeMemoryAccess.getShort(address);
    }

    /** A plain store of a short at any alignment. */
    public static void putShort(long address, short value) {
        UnsafeMemoryAccess.putShort(address, value);
    }

    /** A volatile load of an aligned int. */
    public static int getIntVolatile(long address) {
        return UnsafeMemoryAccess.getIntVolatile(address);
    }

    /** A volatile store of an aligned int. */
    public static void putIntVolatile(long address, int value) {
        UnsafeMemoryAccess.putIntVolatile(address, value);
    }

    /** A release store of an aligned int. */
    public static void putIntRelease(long address, int value) {
        UnsafeMemoryAccess.putIntRelease(address, value);
    }

    /** A volatile load of an aligned long. */
    public static long getLongVolatile(long address) {
        return UnsafeMemoryAccess.getLongVolatile(address);
    }

    /** A volatile store of an aligned long. */
    public static void putLongVolatile(long address, long value) {
        UnsafeMemoryAccess.putLongVolatile(address, value);
    }

    /** An atomic compare-and-set of an aligned int. */
    public static boolean compareAndSetInt(long address, int expected, int value) {
        return UnsafeMemoryAccess.compareAndSetInt(address, expected, value);
    }

    /** An atomic compare-and-set of an aligned long. */
    public static boolean compareAndSetLong(long address, long expected, long value) {
        return UnsafeMemoryAccess.compareAndSetLong(address, expected, value);
    }

    /** An atomic get-and-add of an aligned int. */
    public static int getAndAddInt(long address, int delta) {
        return UnsafeMemoryAccess.getAndAddInt(address, delta);
    }

    /** An atomic get-and-add of an aligned long. */
    public static long getAndAddLong(long address, long delta) {
        return UnsafeMemoryAccess.getAndAddLong(address, delta);
    }

    /** A load of {@code width} (1, 2, 4 or 8) bytes, sign-extended from the width's Java type. */
    public static long getBits(long address, int width) {
        return UnsafeMemoryAccess.getBits(address, width);
    }

    /** A store of the low {@code width} (1, 2, 4 or 8) bytes of {@code bits}. */
    public static void putBits(long address, int width, long bits) {
        UnsafeMemoryAccess.putBits(address, width, bits);
    }

    /** A load that no later load or store of this thread can be reordered before. */
    public static long getLongAcquire(long address) {
        return UnsafeMemoryAccess.getLongAcquire(address);
    }

    /** A store that no earlier load or store of this thread can be reordered after. */
    public static void putLongRelease(long address, long value) {
        UnsafeMemoryAccess.putLongRelease(address, value);
    }

    /** Sets {@code length} bytes from {@code address} to {@code value}. */
    public static void fill(long address, long length, byte value) {
        UnsafeMemoryAccess.fill(address, length, value);
    }

    /** Copies {@code length} bytes from {@code address} into {@code dst} from {@code dstOffset}. */
    public static void copyToHeap(long address, byte[] dst, int dstOffset, int length) {
        UnsafeMemoryAccess.copyToHeap(address, dst, dstOffset, length);
    }

    /** Copies {@code length} bytes of {@code src} from {@code srcOffset} to {@code address}. */
    public static void copyFromHeap(byte[] src, int srcOffset, long address, int length) {
        UnsafeMemoryAccess.copyFromHeap(src, srcOffset, address, length);
    }

    /** Copies {@code length} bytes from {@code fromAddress} to {@code toAddress}. */
    public static void copy(long fromAddress, long toAddress, long length) {
        UnsafeMemoryAccess.copy(fromAddress, toAddress, length);
    }
}
