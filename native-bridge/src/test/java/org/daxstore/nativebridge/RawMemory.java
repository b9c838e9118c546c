package org.daxstore.nativebridge;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads and stores at raw addresses for the tests, as the core's {@code media.Memory} does: through
 * {@code sun.misc.Unsafe} on JDK 17 to 21, and through the FFM API on JDK 22 and later (so that the
 * tests run under {@code --sun-misc-unsafe-memory-access=deny}). Both are reached by reflection:
 * this module compiles for Java 17, and javac would warn about the internal API.
 */
final class RawMemory {
    private static final MethodHandle GET_LONG;
    private static final MethodHandle PUT_LONG;
    private static final MethodHandle GET_BYTE;
    /** (long bytes) -> address; with FFM each block is a shared arena of its own, closed by {@link #free}. */
    private static final MethodHandle ALLOCATE;
    private static final MethodHandle FREE;
    private static final Map<Long, AutoCloseable> ARENAS = new ConcurrentHashMap<>();

    static {
        try {
            MethodHandle[] handles = Runtime.version().feature() >= 22 ? foreign() : unsafe();
            GET_LONG = handles[0];
            PUT_LONG = handles[1];
            GET_BYTE = handles[2];
            ALLOCATE = handles[3];
            FREE = handles[4];
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private RawMemory() {
    }

    private static MethodHandle[] unsafe() throws ReflectiveOperationException {
        Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
        Field field = unsafeClass.getDeclaredField("theUnsafe");
        field.setAccessible(true);
        Object unsafe = field.get(null);
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        return new MethodHandle[] {
            lookup.findVirtual(unsafeClass, "getLong", MethodType.methodType(long.class, long.class)).bindTo(unsafe),
            lookup.findVirtual(unsafeClass, "putLong", MethodType.methodType(void.class, long.class, long.class)).bindTo(unsafe),
            lookup.findVirtual(unsafeClass, "getByte", MethodType.methodType(byte.class, long.class)).bindTo(unsafe),
            lookup.findVirtual(unsafeClass, "allocateMemory", MethodType.methodType(long.class, long.class)).bindTo(unsafe),
            lookup.findVirtual(unsafeClass, "freeMemory", MethodType.methodType(void.class, long.class)).bindTo(unsafe),
        };
    }

    /** The same five on one segment over every address ({@code MemorySegment.NULL.reinterpret(Long.MAX_VALUE)}). */
    private static MethodHandle[] foreign() throws ReflectiveOperationException {
        Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
        Class<?> arena = Class.forName("java.lang.foreign.Arena");
        Class<?> layouts = Class.forName("java.lang.foreign.ValueLayout");
        Class<?> ofLong = Class.forName("java.lang.foreign.ValueLayout$OfLong");
        Class<?> ofByte = Class.forName("java.lang.foreign.ValueLayout$OfByte");
        Object all = segment.getMethod("reinterpret", long.class).invoke(segment.getField("NULL").get(null), Long.MAX_VALUE);
        Object longLayout = layouts.getField("JAVA_LONG_UNALIGNED").get(null);
        Object byteLayout = layouts.getField("JAVA_BYTE").get(null);
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        MethodHandle get = lookup.findVirtual(segment, "get", MethodType.methodType(long.class, ofLong, long.class));
        MethodHandle set = lookup.findVirtual(segment, "set", MethodType.methodType(void.class, ofLong, long.class, long.class));
        MethodHandle getByte = lookup.findVirtual(segment, "get", MethodType.methodType(byte.class, ofByte, long.class));
        MethodHandle ofShared = lookup.findStatic(arena, "ofShared", MethodType.methodType(arena));
        MethodHandle allocate = lookup.findVirtual(arena, "allocate", MethodType.methodType(segment, long.class));
        MethodHandle address = lookup.findVirtual(segment, "address", MethodType.methodType(long.class));
        MethodHandle allocateHere = MethodHandles.lookup().findStatic(RawMemory.class, "allocateInArena",
                MethodType.methodType(long.class, MethodHandle.class, MethodHandle.class, MethodHandle.class, long.class));
        MethodHandle freeHere = MethodHandles.lookup().findStatic(RawMemory.class, "closeArena",
                MethodType.methodType(void.class, long.class));
        return new MethodHandle[] {
            MethodHandles.insertArguments(get, 0, all, longLayout),
            MethodHandles.insertArguments(set, 0, all, longLayout),
            MethodHandles.insertArguments(getByte, 0, all, byteLayout),
            MethodHandles.insertArguments(allocateHere, 0, ofShared, allocate, address),
            freeHere,
        };
    }

    private static long allocateInArena(MethodHandle ofShared, MethodHandle allocate, MethodHandle address, long bytes)
            throws Throwable {
        Object arena = ofShared.invoke();
        long at = (long) address.invoke(allocate.invoke(arena, bytes));
        ARENAS.put(at, (AutoCloseable) arena);
        return at;
    }

    private static void closeArena(long address) throws Exception {
        ARENAS.remove(address).close();
    }

    static long getLong(long address) {
        try {
            return (long) GET_LONG.invokeExact(address);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    static void putLong(long address, long value) {
        try {
            PUT_LONG.invokeExact(address, value);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    static byte getByte(long address) {
        try {
            return (byte) GET_BYTE.invokeExact(address);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    static long allocate(long bytes) {
        try {
            return (long) ALLOCATE.invokeExact(bytes);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    static void free(long address) {
        try {
            FREE.invokeExact(address);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }
}
