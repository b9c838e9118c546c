package org.daxstore.media;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import org.daxstore.MediumUnavailableException;

/**
 * Loads and stores at raw addresses of the container mapping: the only class the store touches
 * container memory through. Callers are responsible for bounds (a store's accesses are always
 * checked against its layout before they get here).
 *
 * <p>This is the JDK 22+ version (the multi-release jar's {@code META-INF/versions/22}): every
 * access goes through the FFM API on one segment that spans the whole address space, plain
 * accesses with unaligned value layouts, ordered and atomic ones through the layouts' var handles,
 * bulk copies with {@link MemorySegment#copy}. No daxstore class calls {@code sun.misc.Unsafe}
 * on this path, so the store runs under {@code --sun-misc-unsafe-memory-access=deny}. The base
 * version (JDK 17 to 21) has the same methods on Unsafe; {@code VersionedClassesTest} keeps the
 * two APIs identical, and docs/MEDIA.md, "Two memory paths", says why there are two.
 *
 * <p>The everything segment comes from {@link MemorySegment#reinterpret(long)}, a restricted
 * method: without {@code --enable-native-access} the JVM warns once per module at its first call.
 * On the class path daxstore shares the unnamed module with JNA, which the store loads first, so
 * the one warning is the JVM's about JNA (README, "What each JDK prints"). Under
 * {@code --illegal-native-access=deny} the call throws; the class still loads, without the
 * segment, and {@link #checkUsable} refuses every medium with the flag that would allow it, so
 * that an open fails with a typed exception, and fails the same way every time, rather than
 * leaving a class that can never be initialised.
 *
 * <p>Multi-byte values are in the platform's native byte order, which is little-endian on every
 * platform daxstore supports; {@link #checkUsable} refuses any other.
 */
public final class Memory {
    /** Every address: index {@code a} is address {@code a}. Bounds are the callers' (as with Unsafe). */
    private static final MemorySegment ALL;
    /** Why there is no {@link #ALL} (the JVM denies this module native access), or null. */
    private static final String REFUSAL;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    /** Aligned layouts: ordered and atomic access modes need natural alignment (as the hardware does). */
    private static final VarHandle LONG_HANDLE = ValueLayout.JAVA_LONG.varHandle();
    private static final VarHandle INT_HANDLE = ValueLayout.JAVA_INT.varHandle();

    static {
        MemorySegment all = null;
        String refusal = null;
        try {
            all = everything();
        } catch (IllegalCallerException denied) {
            Module module = Memory.class.getModule();
            refusal = "this JVM denies native access to " + (module.isNamed() ? "the module " + module.getName()
                    : "the class path") + " (" + denied.getMessage() + "), which daxstore needs on JDK 22 and later to"
                    + " reach container memory (MemorySegment.reinterpret): start it with --enable-native-access="
                    + (module.isNamed() ? module.getName() + ",com.sun.jna" : "ALL-UNNAMED");
        }
        ALL = all;
        REFUSAL = refusal;
    }

    private Memory() {
    }

    @SuppressWarnings("restricted")
    private static MemorySegment everything() {
        return MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
    }

    /**
     * Refuses to map {@code container} when this class cannot reach memory: on a big-endian
     * platform (the on-media format is little-endian), or when the JVM denies native access.
     *
     * @throws UnsupportedOperationException on a big-endian platform
     * @throws MediumUnavailableException if the JVM denies daxstore native access, naming the flag that allows it
     */
    public static void checkUsable(Path container) {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new UnsupportedOperationException("daxstore needs a little-endian platform");
        }
        if (REFUSAL != null) {
            throw new MediumUnavailableException(container + ": no medium can map the container: " + REFUSAL);
        }
    }

    /** Which path this class takes ("FFM ..." or "sun.misc.Unsafe ..."), for the benchmarks and the tests. */
    public static String implementation() {
        return "FFM (java.lang.foreign)";
    }

    /**
     * The address of a direct buffer's first byte.
     *
     * @throws IllegalArgumentException if the buffer is not direct
     */
    public static long addressOf(ByteBuffer directBuffer) {
        if (!directBuffer.isDirect()) {
            throw new IllegalArgumentException("not a direct buffer: " + directBuffer);
        }
        return MemorySegment.ofBuffer(directBuffer.duplicate().clear()).address();
    }

    /** A load of one byte. */
    public static byte getByte(long address) {
        return ALL.get(JAVA_BYTE, address);
    }

    /** A store of one byte. */
    public static void putByte(long address, byte value) {
        ALL.set(JAVA_BYTE, address, value);
    }

    /** A plain load of an int at any alignment. */
    public static int getInt(long address) {
        return ALL.get(INT, address);
    }

    /** A plain store of an int at any alignment. */
    public static void putInt(long address, int value) {
        ALL.set(INT, address, value);
    }

    /** A plain load of a long at any alignment. */
    public static long getLong(long address) {
        return ALL.get(LONG, address);
    }

    /** A plain store of a long at any alignment. */
    public static void putLong(long address, long value) {
        ALL.set(LONG, address, value);
    }

    /** A plain load of a short at any alignment. */
    public static short getShort(long address) {
        return ALL.get(SHORT, address);
    }

    /** A plain store of a short at any alignment. */
    public static void putShort(long address, short value) {
        ALL.set(SHORT, address, value);
    }

    /** A volatile load of an aligned int. */
    public static int getIntVolatile(long address) {
        return (int) INT_HANDLE.getVolatile(ALL, address);
    }

    /** A volatile store of an aligned int. */
    public static void putIntVolatile(long address, int value) {
        INT_HANDLE.setVolatile(ALL, address, value);
    }

    /** A release store of an aligned int. */
    public static void putIntRelease(long address, int value) {
        INT_HANDLE.setRelease(ALL, address, value);
    }

    /** A volatile load of an aligned long. */
    public static long getLongVolatile(long address) {
        return (long) LONG_HANDLE.getVolatile(ALL, address);
    }

    /** A volatile store of an aligned long. */
    public static void putLongVolatile(long address, long value) {
        LONG_HANDLE.setVolatile(ALL, address, value);
    }

    /** An atomic compare-and-set of an aligned int. */
    public static boolean compareAndSetInt(long address, int expected, int value) {
        return INT_HANDLE.compareAndSet(ALL, address, expected, value);
    }

    /** An atomic compare-and-set of an aligned long. */
    public static boolean compareAndSetLong(long address, long expected, long value) {
        return LONG_HANDLE.compareAndSet(ALL, address, expected, value);
    }

    /** An atomic get-and-add of an aligned int. */
    public static int getAndAddInt(long address, int delta) {
        return (int) INT_HANDLE.getAndAdd(ALL, address, delta);
    }

    /** An atomic get-and-add of an aligned long. */
    public static long getAndAddLong(long address, long delta) {
        return (long) LONG_HANDLE.getAndAdd(ALL, address, delta);
    }

    /** A load of {@code width} (1, 2, 4 or 8) bytes, sign-extended from the width's Java type. */
    public static long getBits(long address, int width) {
        switch (width) {
            case Long.BYTES:
                return getLong(address);
            case Integer.BYTES:
                return getInt(address);
            case Short.BYTES:
                return getShort(address);
            default:
                return getByte(address);
        }
    }

    /** A store of the low {@code width} (1, 2, 4 or 8) bytes of {@code bits}. */
    public static void putBits(long address, int width, long bits) {
        switch (width) {
            case Long.BYTES:
                putLong(address, bits);
                break;
            case Integer.BYTES:
                putInt(address, (int) bits);
                break;
            case Short.BYTES:
                putShort(address, (short) bits);
                break;
            default:
                putByte(address, (byte) bits);
        }
    }

    /** A load that no later load or store of this thread can be reordered before. */
    public static long getLongAcquire(long address) {
        return (long) LONG_HANDLE.getAcquire(ALL, address);
    }

    /** A store that no earlier load or store of this thread can be reordered after. */
    public static void putLongRelease(long address, long value) {
        LONG_HANDLE.setRelease(ALL, address, value);
    }

    /** Sets {@code length} bytes from {@code address} to {@code value}. */
    public static void fill(long address, long length, byte value) {
        ALL.asSlice(address, length).fill(value);
    }

    /** Copies {@code length} bytes from {@code address} into {@code dst} from {@code dstOffset}. */
    public static void copyToHeap(long address, byte[] dst, int dstOffset, int length) {
        MemorySegment.copy(ALL, JAVA_BYTE, address, dst, dstOffset, length);
    }

    /** Copies {@code length} bytes of {@code src} from {@code srcOffset} to {@code address}. */
    public static void copyFromHeap(byte[] src, int srcOffset, long address, int length) {
        MemorySegment.copy(src, srcOffset, ALL, JAVA_BYTE, address, length);
    }

    /** Copies {@code length} bytes from {@code fromAddress} to {@code toAddress}. */
    public static void copy(long fromAddress, long toAddress, long length) {
        MemorySegment.copy(ALL, fromAddress, ALL, toAddress, length);
    }
}
