package org.daxstore.media;

import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;

import net.openhft.chronicle.core.UnsafeMemory;

/**
 * The {@code sun.misc.Unsafe} implementation of {@link Memory}: every access goes through
 * Chronicle's {@link UnsafeMemory}, which the JIT reduces to a single machine load or store.
 * {@link Memory} delegates here on JDK 17 to 21; on JDK 22 and later the multi-release jar's
 * {@code Memory} uses the FFM API instead and nothing in the store loads this class (its static
 * initializer reaches Unsafe, which fails under {@code --sun-misc-unsafe-memory-access=deny}).
 * It stays reachable on every JDK under this name so that the benchmarks can run both paths
 * side by side in one JVM (bench/MemoryPathBench); docs/MEDIA.md, "Two memory paths".
 *
 * <p>Callers are responsible for bounds. Multi-byte values are in the native byte order.
 */
public final class UnsafeMemoryAccess {
    private static final UnsafeMemory MEMORY = UnsafeMemory.MEMORY;
    private static final long BUFFER_ADDRESS_OFFSET = bufferAddressOffset();
    private static final long BYTE_ARRAY_BASE = UnsafeMemory.UNSAFE.arrayBaseOffset(byte[].class);

    private UnsafeMemoryAccess() {
    }

    /** Nothing: calling it initialises the class, whose failure {@link Memory#checkUsable} reports. */
    static void initialize() {
    }

    /**
     * The address of a direct buffer's first byte. Read from {@link Buffer}'s private field
     * through Unsafe, which needs no {@code --add-exports} flag (Chronicle's own helper does).
     */
    public static long addressOf(ByteBuffer directBuffer) {
        if (!directBuffer.isDirect()) {
            throw new IllegalArgumentException("not a direct buffer: " + directBuffer);
        }
        return UnsafeMemory.UNSAFE.getLong(directBuffer, BUFFER_ADDRESS_OFFSET);
    }

    /** Unmaps a mapped buffer now instead of when the collector finds it. */
    public static void unmap(ByteBuffer mapped) {
        UnsafeMemory.UNSAFE.invokeCleaner(mapped);
    }

    public static byte getByte(long address) {
        return MEMORY.readByte(address);
    }

    public static void putByte(long address, byte value) {
        MEMORY.writeByte(address, value);
    }

    public static int getInt(long address) {
        return MEMORY.readInt(address);
    }

    public static void putInt(long address, int value) {
        MEMORY.writeInt(address, value);
    }

    public static long getLong(long address) {
        return MEMORY.readLong(address);
    }

    public static void putLong(long address, long value) {
        MEMORY.writeLong(address, value);
    }

    public static short getShort(long address) {
        return MEMORY.readShort(address);
    }

    public static void putShort(long address, short value) {
        MEMORY.writeShort(address, value);
    }

    public static int getIntVolatile(long address) {
        return MEMORY.readVolatileInt(address);
    }

    public static void putIntVolatile(long address, int value) {
        MEMORY.writeVolatileInt(address, value);
    }

    public static void putIntRelease(long address, int value) {
        MEMORY.writeOrderedInt(address, value);
    }

    public static long getLongVolatile(long address) {
        return MEMORY.readVolatileLong(address);
    }

    public static void putLongVolatile(long address, long value) {
        MEMORY.writeVolatileLong(address, value);
    }

    public static boolean compareAndSetInt(long address, int expected, int value) {
        return UnsafeMemory.UNSAFE.compareAndSwapInt(null, address, expected, value);
    }

    public static boolean compareAndSetLong(long address, long expected, long value) {
        return UnsafeMemory.UNSAFE.compareAndSwapLong(null, address, expected, value);
    }

    public static int getAndAddInt(long address, int delta) {
        return UnsafeMemory.UNSAFE.getAndAddInt(null, address, delta);
    }

    public static long getAndAddLong(long address, long delta) {
        return UnsafeMemory.UNSAFE.getAndAddLong(null, address, delta);
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
        return MEMORY.readVolatileLong(address);
    }

    /** A store that no earlier load or store of this thread can be reordered after. */
    public static void putLongRelease(long address, long value) {
        MEMORY.writeOrderedLong(address, value);
    }

    public static void fill(long address, long length, byte value) {
        MEMORY.setMemory(address, length, value);
    }

    public static void copyToHeap(long address, byte[] dst, int dstOffset, int length) {
        UnsafeMemory.UNSAFE.copyMemory(null, address, dst, BYTE_ARRAY_BASE + dstOffset, length);
    }

    public static void copyFromHeap(byte[] src, int srcOffset, long address, int length) {
        UnsafeMemory.UNSAFE.copyMemory(src, BYTE_ARRAY_BASE + srcOffset, null, address, length);
    }

    public static void copy(long fromAddress, long toAddress, long length) {
        UnsafeMemory.UNSAFE.copyMemory(fromAddress, toAddress, length);
    }

    private static long bufferAddressOffset() {
        try {
            Field address = Buffer.class.getDeclaredField("address");
            return UnsafeMemory.UNSAFE.objectFieldOffset(address);
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
