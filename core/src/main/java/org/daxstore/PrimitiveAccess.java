package org.daxstore;

/**
 * Loads and stores of primitives at byte indexes, little-endian: what views ({@link DaxMapping})
 * and access scopes ({@link AccessScope}) share. Floats and doubles are their raw bits stored as
 * ints and longs. An index counts bytes from the start of the view or scope; an access of
 * {@code n} bytes at {@code index} covers {@code [index, index + n)}.
 *
 * <p>The exceptions below are those of both; each implementation's methods say which of them
 * it can throw (a scope, for one, has its blocks in hand, so it never faults, allocates or meets
 * a deleted file).
 */
public interface PrimitiveAccess {
    /**
     * Loads one byte.
     *
     * @param index where, from the start of the view or scope
     * @return the byte there; 0 in a hole
     * @throws IndexOutOfBoundsException if the byte is outside the view or scope, or (through a
     *     view) at or past the file's size
     * @throws ClosedException if the view, the scope or the store is closed
     * @throws NoSuchDaxFileException if the file of a view has been deleted
     * @throws CorruptStoreException if a view's fault meets a damaged block map
     * @throws DaxStoreException if a view's access must wait for a truncate or punch of its file
     *     that waits for an access scope this thread has open
     */
    byte getByte(long index);

    /**
     * Stores one byte.
     *
     * @param index where, from the start of the view or scope
     * @param value the byte
     * @throws IndexOutOfBoundsException if the byte is outside the view or scope, or (through a
     *     view) at or past the file's size
     * @throws ReadOnlyViewException if the view or scope is {@link MapMode#READ_ONLY}
     * @throws ClosedException if the view, the scope or the store is closed
     * @throws NoSuchDaxFileException if the file of a view has been deleted
     * @throws StoreFullException if a view stores into a hole and no block is left for it (in
     *     the store, or on the file system under the container)
     * @throws StoreIOException if the file system fails to back the block a view's store needs
     * @throws CorruptStoreException if a view's fault meets a damaged block map
     * @throws DaxStoreException if a view's access must wait for a truncate or punch of its file
     *     that waits for an access scope this thread has open
     */
    void putByte(long index, byte value);

    /**
     * Loads two bytes as a little-endian short.
     *
     * @param index where, from the start of the view or scope
     * @return the value there; 0 in a hole
     * @throws IndexOutOfBoundsException as {@link #getByte}, for any of the bytes
     * @throws ClosedException as {@link #getByte}
     * @throws NoSuchDaxFileException as {@link #getByte}
     * @throws CorruptStoreException as {@link #getByte}
     * @throws DaxStoreException as {@link #getByte}
     */
    short getShort(long index);

    /**
     * Stores a short as two little-endian bytes.
     *
     * @param index where, from the start of the view or scope
     * @param value the value
     * @throws IndexOutOfBoundsException as {@link #putByte}, for any of the bytes
     * @throws ReadOnlyViewException as {@link #putByte}
     * @throws ClosedException as {@link #putByte}
     * @throws NoSuchDaxFileException as {@link #putByte}
     * @throws StoreFullException as {@link #putByte}
     * @throws StoreIOException as {@link #putByte}
     * @throws CorruptStoreException as {@link #putByte}
     * @throws DaxStoreException as {@link #putByte}
     */
    void putShort(long index, short value);

    /**
     * Loads four bytes as a little-endian int.
     *
     * @param index where, from the start of the view or scope
     * @return the value there; 0 in a hole
     * @throws IndexOutOfBoundsException as {@link #getByte}, for any of the bytes
     * @throws ClosedException as {@link #getByte}
     * @throws NoSuchDaxFileException as {@link #getByte}
     * @throws CorruptStoreException as {@link #getByte}
     * @throws DaxStoreException as {@link #getByte}
     */
    int getInt(long index);

    /**
     * Stores an int as four little-endian bytes.
     *
     * @param index where, from the start of the view or scope
     * @param value the value
     * @throws IndexOutOfBoundsException as {@link #putByte}, for any of the bytes
     * @throws ReadOnlyViewException as {@link #putByte}
     * @throws ClosedException as {@link #putByte}
     * @throws NoSuchDaxFileException as {@link #putByte}
     * @throws StoreFullException as {@link #putByte}
     * @throws StoreIOException as {@link #putByte}
     * @throws CorruptStoreException as {@link #putByte}
     * @throws DaxStoreException as {@link #putByte}
     */
    void putInt(long index, int value);

    /**
     * Loads eight bytes as a little-endian long.
     *
     * @param index where, from the start of the view or scope
     * @return the value there; 0 in a hole
     * @throws IndexOutOfBoundsException as {@link #getByte}, for any of the bytes
     * @throws ClosedException as {@link #getByte}
     * @throws NoSuchDaxFileException as {@link #getByte}
     * @throws CorruptStoreException as {@link #getByte}
     * @throws DaxStoreException as {@link #getByte}
     */
    long getLong(long index);

    /**
     * Stores a long as eight little-endian bytes.
     *
     * @param index where, from the start of the view or scope
     * @param value the value
     * @throws IndexOutOfBoundsException as {@link #putByte}, for any of the bytes
     * @throws ReadOnlyViewException as {@link #putByte}
     * @throws ClosedException as {@link #putByte}
     * @throws NoSuchDaxFileException as {@link #putByte}
     * @throws StoreFullException as {@link #putByte}
     * @throws StoreIOException as {@link #putByte}
     * @throws CorruptStoreException as {@link #putByte}
     * @throws DaxStoreException as {@link #putByte}
     */
    void putLong(long index, long value);

    /**
     * Loads four bytes as the raw bits of a float ({@link #getInt}).
     *
     * @param index where, from the start of the view or scope
     * @return the value there; 0.0 in a hole
     * @throws IndexOutOfBoundsException as {@link #getInt}
     * @throws ClosedException as {@link #getInt}
     * @throws NoSuchDaxFileException as {@link #getInt}
     * @throws CorruptStoreException as {@link #getInt}
     * @throws DaxStoreException as {@link #getInt}
     */
    default float getFloat(long index) {
        return Float.intBitsToFloat(getInt(index));
    }

    /**
     * Stores the raw bits of a float as an int ({@link #putInt}).
     *
     * @param index where, from the start of the view or scope
     * @param value the value
     * @throws IndexOutOfBoundsException as {@link #putInt}
     * @throws ReadOnlyViewException as {@link #putInt}
     * @throws ClosedException as {@link #putInt}
     * @throws NoSuchDaxFileException as {@link #putInt}
     * @throws StoreFullException as {@link #putInt}
     * @throws StoreIOException as {@link #putInt}
     * @throws CorruptStoreException as {@link #putInt}
     * @throws DaxStoreException as {@link #putInt}
     */
    default void putFloat(long index, float value) {
        putInt(index, Float.floatToRawIntBits(value));
    }

    /**
     * Loads eight bytes as the raw bits of a double ({@link #getLong}).
     *
     * @param index where, from the start of the view or scope
     * @return the value there; 0.0 in a hole
     * @throws IndexOutOfBoundsException as {@link #getLong}
     * @throws ClosedException as {@link #getLong}
     * @throws NoSuchDaxFileException as {@link #getLong}
     * @throws CorruptStoreException as {@link #getLong}
     * @throws DaxStoreException as {@link #getLong}
     */
    default double getDouble(long index) {
        return Double.longBitsToDouble(getLong(index));
    }

    /**
     * Stores the raw bits of a double as a long ({@link #putLong}).
     *
     * @param index where, from the start of the view or scope
     * @param value the value
     * @throws IndexOutOfBoundsException as {@link #putLong}
     * @throws ReadOnlyViewException as {@link #putLong}
     * @throws ClosedException as {@link #putLong}
     * @throws NoSuchDaxFileException as {@link #putLong}
     * @throws StoreFullException as {@link #putLong}
     * @throws StoreIOException as {@link #putLong}
     * @throws CorruptStoreException as {@link #putLong}
     * @throws DaxStoreException as {@link #putLong}
     */
    default void putDouble(long index, double value) {
        putLong(index, Double.doubleToRawLongBits(value));
    }
}
