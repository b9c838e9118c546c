package org.daxstore;

/**
 * Loads and stores of primitives at byte indexes, little-endian: what views and access scopes
 * share. Floats and doubles are their raw bits stored as ints and longs.
 */
public interface PrimitiveAccess {
    byte getByte(long index);

    void putByte(long index, byte value);

    short getShort(long index);

    void putShort(long index, short value);

    int getInt(long index);

    void putInt(long index, int value);

    long getLong(long index);

    void putLong(long index, long value);

    default float getFloat(long index) {
        return Float.intBitsToFloat(getInt(index));
    }

    default void putFloat(long index, float value) {
        putInt(index, Float.floatToRawIntBits(value));
    }

    default double getDouble(long index) {
        return Double.longBitsToDouble(getLong(index));
    }

    default void putDouble(long index, double value) {
        putLong(index, Double.doubleToRawLongBits(value));
    }
}
