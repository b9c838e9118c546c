package org.daxstore;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.daxstore.fault.ViewAccess;
import org.daxstore.fault.ViewAccess.Op;
import org.daxstore.media.FlushPlan;

/**
 * A direct view of a range of a file: loads and stores go to the container's mapped memory,
 * with no copy and no system call. Indexes are relative to the start of the view. Thread-safe:
 * any number of threads may share one view.
 *
 * <p>An access beyond the view, or at or beyond the file's current size, throws
 * {@link IndexOutOfBoundsException}; after a truncate, every view, old or new, sees the new size.
 * A load from a hole reads zeros and allocates nothing; the first store to a hole allocates a
 * zeroed block. After {@link DaxFile#punchHole} returns, the range reads as zeros through every
 * view. Stores to a {@link MapMode#READ_ONLY} view throw {@link ReadOnlyViewException} (a
 * {@link java.nio.ReadOnlyBufferException}). A store that needs a new block when none is left
 * throws {@link StoreFullException}.
 *
 * <p>Once the view or its store is closed, every method but {@link #close()} and the accessors
 * of values fixed when the view was made ({@link #length()}, {@link #fileOffset()},
 * {@link #mode()}) throws {@link ClosedException}, and once its file is deleted,
 * {@link NoSuchDaxFileException}. Each access checks inside its access section, so a close or
 * delete on another thread either waits for it or is seen by it: none touches memory of a
 * closed store or a block of a deleted file.
 *
 * <p>Multi-byte values are little-endian. The volatile, acquire/release, compare-and-set and
 * get-and-add methods need naturally aligned indexes (file offset a multiple of the width);
 * plain accesses may be unaligned, at a cost where they straddle two blocks.
 *
 * <p>A view costs a few hundred bytes of heap when it is made, whatever its length, and about
 * 8 bytes per page it touches (less for runs of adjacent blocks), given back when it closes
 * ({@link #translationBytes()}). How an access is kept safe from a concurrent truncate or punch
 * is explained in {@link org.daxstore.fault.ViewAccess}, {@link org.daxstore.fault.Translator},
 * {@link org.daxstore.sync.Seqtex} and {@link org.daxstore.sync.AccessSections}.
 */
public final class DaxMapping implements PrimitiveAccess, AutoCloseable {
    private final ViewAccess access;
    /** The scopes of this view that are open, for {@link #close} to revoke; guarded by itself. */
    private final List<AccessScope> openScopes = new ArrayList<>();

    DaxMapping(ViewAccess access) {
        this.access = access;
    }

    /**
     * The view's length in bytes (the file may be shorter: accesses past its end fail). Fixed
     * when the view was made: works after close too.
     *
     * @return the length given to {@link DaxFile#map(long, long, MapMode)}
     */
    public long length() {
        return access.length();
    }

    /**
     * The file offset of index 0. Fixed when the view was made: works after close too.
     *
     * @return the offset given to {@link DaxFile#map(long, long, MapMode)}
     */
    public long fileOffset() {
        return access.fileOffset();
    }

    /**
     * Whether the view may store. Fixed when the view was made: works after close too.
     *
     * @return the mode given to {@link DaxFile#map(long, long, MapMode)}
     */
    public MapMode mode() {
        return access.isWritable() ? MapMode.READ_WRITE : MapMode.READ_ONLY;
    }

    // ---- plain loads and stores ----

    /**
     * Loads one byte.
     *
     * @param index where, from the start of the view
     * @return the value there; 0 in a hole, which stays a hole
     * @throws IndexOutOfBoundsException if a byte of it is outside the view, or at or past the
     *     file's size
     * @throws ClosedException if the view or the store is closed
     * @throws NoSuchDaxFileException if the file has been deleted
     * @throws CorruptStoreException if the fault that translates the page meets a damaged block
     *     map
     * @throws DaxStoreException if the access must wait for a truncate or punch of the file that
     *     waits for an access scope this thread has open
     */
    @Override
    public byte getByte(long index) {
        return (byte) access.load(index, Byte.BYTES);
    }

    /**
     * Stores one byte; the first store into a hole gives it a zeroed block.
     *
     * @param index where, from the start of the view
     * @param value the value
     * @throws IndexOutOfBoundsException if a byte of it is outside the view, or at or past the
     *     file's size
     * @throws ReadOnlyViewException if the view is {@link MapMode#READ_ONLY}
     * @throws ClosedException if the view or the store is closed
     * @throws NoSuchDaxFileException if the file has been deleted
     * @throws StoreFullException if it stores into a hole and no block is left for it, in the
     *     store or on the file system under the container
     * @throws StoreIOException if the file system fails to back the block the hole needs
     * @throws CorruptStoreException if the fault that translates the page meets a damaged block
     *     map
     * @throws DaxStoreException if the access must wait for a truncate or punch of the file that
     *     waits for an access scope this thread has open
     */
    @Override
    public void putByte(long index, byte value) {
        access.store(index, Byte.BYTES, value);
    }

    /**
     * Loads a little-endian short.
     *
     * @param index where, from the start of the view
     * @return the value there; 0 in a hole, which stays a hole
     * @throws IndexOutOfBoundsException as {@link #getByte}, for any of its bytes
     * @throws ClosedException as {@link #getByte}
     * @throws NoSuchDaxFileException as {@link #getByte}
     * @throws CorruptStoreException as {@link #getByte}
     * @throws DaxStoreException as {@link #getByte}
     */
    @Override
    public short getShort(long index) {
        return (short) access.load(index, Short.BYTES);
    }

    /**
     * Stores a little-endian short; the first store into a hole gives it a zeroed block.
     *
     * @param index where, from the start of the view
     * @param value the value
     * @throws IndexOutOfBoundsException as {@link #putByte}, for any of its bytes
     * @throws ReadOnlyViewException as {@link #putByte}
     * @throws ClosedException as {@link #putByte}
     * @throws NoSuchDaxFileException as {@link #putByte}
     * @throws StoreFullException as {@link #putByte}
     * @throws StoreIOException as {@link #putByte}
     * @throws CorruptStoreException as {@link #putByte}
     * @throws DaxStoreException as {@link #putByte}
     */
    @Override
    public void putShort(long index, short value) {
        access.store(index, Short.BYTES, value);
    }

    /**
     * Loads a little-endian int.
     *
     * @param index where, from the start of the view
     * @return the value there; 0 in a hole, which stays a hole
     * @throws IndexOutOfBoundsException as {@link #getByte}, for any of its bytes
     * @throws ClosedException as {@link #getByte}
     * @throws NoSuchDaxFileException as {@link #getByte}
     * @throws CorruptStoreException as {@link #getByte}
     * @throws DaxStoreException as {@link #getByte}
     */
    @Override
    public int getInt(long index) {
        return (int) access.load(index, Integer.BYTES);
    }

    /**
     * Stores a little-endian int; the first store into a hole gives it a zeroed block.
     *
     * @param index where, from the start of the view
     * @param value the value
     * @throws IndexOutOfBoundsException as {@link #putByte}, for any of its bytes
     * @throws ReadOnlyViewException as {@link #putByte}
     * @throws ClosedException as {@link #putByte}
     * @throws NoSuchDaxFileException as {@link #putByte}
     * @throws StoreFullException as {@link #putByte}
     * @throws StoreIOException as {@link #putByte}
     * @throws CorruptStoreException as {@link #putByte}
     * @throws DaxStoreException as {@link #putByte}
     */
    @Override
    public void putInt(long index, int value) {
        access.store(index, Integer.BYTES, value);
    }

    /**
     * Loads a little-endian long.
     *
     * @param index where, from the start of the view
     * @return the value there; 0 in a hole, which stays a hole
     * @throws IndexOutOfBoundsException as {@link #getByte}, for any of its bytes
     * @throws ClosedException as {@link #getByte}
     * @throws NoSuchDaxFileException as {@link #getByte}
     * @throws CorruptStoreException as {@link #getByte}
     * @throws DaxStoreException as {@link #getByte}
     */
    @Override
    public long getLong(long index) {
        return access.load(index, Long.BYTES);
    }

    /**
     * Stores a little-endian long; the first store into a hole gives it a zeroed block.
     *
     * @param index where, from the start of the view
     * @param value the value
     * @throws IndexOutOfBoundsException as {@link #putByte}, for any of its bytes
     * @throws ReadOnlyViewException as {@link #putByte}
     * @throws ClosedException as {@link #putByte}
     * @throws NoSuchDaxFileException as {@link #putByte}
     * @throws StoreFullException as {@link #putByte}
     * @throws StoreIOException as {@link #putByte}
     * @throws CorruptStoreException as {@link #putByte}
     * @throws DaxStoreException as {@link #putByte}
     */
    @Override
    public void putLong(long index, long value) {
        access.store(index, Long.BYTES, value);
    }


    // ---- ordered and atomic accesses (aligned) ----

    /**
     * Loads a int with volatile semantics (as a {@code VarHandle} getVolatile).
     *
     * @param index where, from the start of the view; its file offset a multiple of 4
     * @return the value there; 0 in a hole
     * @throws IndexOutOfBoundsException as {@link #getByte}, for any of its bytes
     * @throws ClosedException as {@link #getByte}
     * @throws NoSuchDaxFileException as {@link #getByte}
     * @throws CorruptStoreException as {@link #getByte}
     * @throws DaxStoreException as {@link #getByte}
     * @throws IllegalArgumentException if the file offset of the index is not a multiple of 4
     */
    public int getIntVolatile(long index) {
        return (int) access.atomic(index, Integer.BYTES, Op.GET_VOLATILE, 0, 0);
    }

    /**
     * Stores a int with volatile semantics.
     *
     * @param index where, from the start of the view; its file offset a multiple of 4
     * @param value the value
     * @throws IndexOutOfBoundsException as {@link #putByte}, for any of its bytes
     * @throws ReadOnlyViewException as {@link #putByte}
     * @throws ClosedException as {@link #putByte}
     * @throws NoSuchDaxFileException as {@link #putByte}
     * @throws StoreFullException as {@link #putByte}
     * @throws StoreIOException as {@link #putByte}
     * @throws CorruptStoreException as {@link #putByte}
     * @throws DaxStoreException as {@link #putByte}
     * @throws IllegalArgumentException if the file offset of the index is not a multiple of 4
     */
    public void putIntVolatile(long index, int value) {
        access.atomic(index, Integer.BYTES, Op.PUT_VOLATILE, value, 0);
    }

    /**
     * Loads a int with acquire semantics (here as a volatile load, which is at least as strong).
     *
     * @param index where, from the start of the view; its file offset a multiple of 4
     * @return the value there; 0 in a hole
     * @throws IndexOutOfBoundsException as {@link #getByte}, for any of its bytes
     * @throws ClosedException as {@link #getByte}
     * @throws NoSuchDaxFileException as {@link #getByte}
     * @throws CorruptStoreException as {@link #getByte}
     * @throws DaxStoreException as {@link #getByte}
     * @throws IllegalArgumentException if the file offset of the index is not a multiple of 4
     */
    public int getIntAcquire(long index) {
        return getIntVolatile(index);
    }

    /**
     * Stores a int with release semantics.
     *
     * @param index where, from the start of the view; its file offset a multiple of 4
     * @param value the value
     * @throws IndexOutOfBoundsException as {@link #putByte}, for any of its bytes
     * @throws ReadOnlyViewException as {@link #putByte}
     * @throws ClosedException as {@link #putByte}
     * @throws NoSuchDaxFileException as {@link #putByte}
     * @throws StoreFullException as {@link #putByte}
     * @throws StoreIOException as {@link #putByte}
     * @throws CorruptStoreException as {@link #putByte}
     * @throws DaxStoreException as {@link #putByte}
     * @throws IllegalArgumentException if the file offset of the index is not a multiple of 4
     */
    public void putIntRelease(long index, int value) {
        access.atomic(index, Integer.BYTES, Op.PUT_RELEASE, value, 0);
    }

    /**
     * Atomically sets the int to {@code value} if it is {@code expected}, with volatile semantics.
     *
     * @param index where, from the start of the view; its file offset a multiple of 4
     * @param expected the value it must hold
     * @param value the new value
     * @return true if it held {@code expected} and now holds {@code value}
     * @throws IndexOutOfBoundsException as {@link #putByte}, for any of its bytes
     * @throws ReadOnlyViewException as {@link #putByte}
     * @throws ClosedException as {@link #putByte}
     * @throws NoSuchDaxFileException as {@link #putByte}
     * @throws StoreFullException as {@link #putByte}
     * @throws StoreIOException as {@link #putByte}
     * @throws CorruptStoreException as {@link #putByte}
     * @throws DaxStoreException as {@link #putByte}
     * @throws IllegalArgumentException if the file offset of the index is not a multiple of 4
     */
    public boolean compareAndSetInt(long index, int expected, int value) {
        return access.atomic(index, Integer.BYTES, Op.COMPARE_AND_SET, expected, value) != 0;
    }

    /**
     * Atomically adds {@code delta} to the int, with volatile semantics.
     *
     * @param index where, from the start of the view; its file offset a multiple of 4
     * @param delta what to add
     * @return the value before the addition
     * @throws IndexOutOfBoundsException as {@link #putByte}, for any of its bytes
     * @throws ReadOnlyViewException as {@link #putByte}
     * @throws ClosedException as {@link #putByte}
     * @throws NoSuchDaxFileException as {@link #putByte}
     * @throws StoreFullException as {@link #putByte}
     * @throws StoreIOException as {@link #putByte}
     * @throws CorruptStoreException as {@link #putByte}
     * @throws DaxStoreException as {@link #putByte}
     * @throws IllegalArgumentException if the file offset of the index is not a multiple of 4
     */
    public int getAndAddInt(long index, int delta) {
        return (int) access.atomic(index, Integer.BYTES, Op.GET_AND_ADD, delta, 0);
    }

    /**
     * Loads a long with volatile semantics (as a {@code VarHandle} getVolatile).
     *
     * @param index where, from the start of the view; its file offset a multiple of 8
     * @return the value there; 0 in a hole
     * @throws IndexOutOfBoundsException as {@link #getByte}, for any of its bytes
     * @throws ClosedException as {@link #getByte}
     * @throws NoSuchDaxFileException as {@link #getByte}
     * @throws CorruptStoreException as {@link #getByte}
     * @throws DaxStoreException as {@link #getByte}
     * @throws IllegalArgumentException if the file offset of the index is not a multiple of 8
     */
    public long getLongVolatile(long index) {
        return access.atomic(index, Long.BYTES, Op.GET_VOLATILE, 0, 0);
    }

    /**
     * Stores a long with volatile semantics.
     *
     * @param index where, from the start of the view; its file offset a multiple of 8
     * @param value the value
     * @throws IndexOutOfBoundsException as {@link #putByte}, for any of its bytes
     * @throws ReadOnlyViewException as {@link #putByte}
     * @throws ClosedException as {@link #putByte}
     * @throws NoSuchDaxFileException as {@link #putByte}
     * @throws StoreFullException as {@link #putByte}
     * @throws StoreIOException as {@link #putByte}
     * @throws CorruptStoreException as {@link #putByte}
     * @throws DaxStoreException as {@link #putByte}
     * @throws IllegalArgumentException if the file offset of the index is not a multiple of 8
     */
    public void putLongVolatile(long index, long value) {
        access.atomic(index, Long.BYTES, Op.PUT_VOLATILE, value, 0);
    }

    /**
     * Loads a long with acquire semantics (here as a volatile load, which is at least as strong).
     *
     * @param index where, from the start of the view; its file offset a multiple of 8
     * @return the value there; 0 in a hole
     * @throws IndexOutOfBoundsException as {@link #getByte}, for any of its bytes
     * @throws ClosedException as {@link #getByte}
     * @throws NoSuchDaxFileException as {@link #getByte}
     * @throws CorruptStoreException as {@link #getByte}
     * @throws DaxStoreException as {@link #getByte}
     * @throws IllegalArgumentException if the file offset of the index is not a multiple of 8
     */
    public long getLongAcquire(long index) {
        return getLongVolatile(index);
    }

    /**
     * Stores a long with release semantics.
     *
     * @param index where, from the start of the view; its file offset a multiple of 8
     * @param value the value
     * @throws IndexOutOfBoundsException as {@link #putByte}, for any of its bytes
     * @throws ReadOnlyViewException as {@link #putByte}
     * @throws ClosedException as {@link #putByte}
     * @throws NoSuchDaxFileException as {@link #putByte}
     * @throws StoreFullException as {@link #putByte}
     * @throws StoreIOException as {@link #putByte}
     * @throws CorruptStoreException as {@link #putByte}
     * @throws DaxStoreException as {@link #putByte}
     * @throws IllegalArgumentException if the file offset of the index is not a multiple of 8
     */
    public void putLongRelease(long index, long value) {
        access.atomic(index, Long.BYTES, Op.PUT_RELEASE, value, 0);
    }

    /**
     * Atomically sets the long to {@code value} if it is {@code expected}, with volatile semantics.
     *
     * @param index where, from the start of the view; its file offset a multiple of 8
     * @param expected the value it must hold
     * @param value the new value
     * @return true if it held {@code expected} and now holds {@code value}
     * @throws IndexOutOfBoundsException as {@link #putByte}, for any of its bytes
     * @throws ReadOnlyViewException as {@link #putByte}
     * @throws ClosedException as {@link #putByte}
     * @throws NoSuchDaxFileException as {@link #putByte}
     * @throws StoreFullException as {@link #putByte}
     * @throws StoreIOException as {@link #putByte}
     * @throws CorruptStoreException as {@link #putByte}
     * @throws DaxStoreException as {@link #putByte}
     * @throws IllegalArgumentException if the file offset of the index is not a multiple of 8
     */
    public boolean compareAndSetLong(long index, long expected, long value) {
        return access.atomic(index, Long.BYTES, Op.COMPARE_AND_SET, expected, value) != 0;
    }

    /**
     * Atomically adds {@code delta} to the long, with volatile semantics.
     *
     * @param index where, from the start of the view; its file offset a multiple of 8
     * @param delta what to add
     * @return the value before the addition
     * @throws IndexOutOfBoundsException as {@link #putByte}, for any of its bytes
     * @throws ReadOnlyViewException as {@link #putByte}
     * @throws ClosedException as {@link #putByte}
     * @throws NoSuchDaxFileException as {@link #putByte}
     * @throws StoreFullException as {@link #putByte}
     * @throws StoreIOException as {@link #putByte}
     * @throws CorruptStoreException as {@link #putByte}
     * @throws DaxStoreException as {@link #putByte}
     * @throws IllegalArgumentException if the file offset of the index is not a multiple of 8
     */
    public long getAndAddLong(long index, long delta) {
        return access.atomic(index, Long.BYTES, Op.GET_AND_ADD, delta, 0);
    }

    // ---- bulk copies ----

    /**
     * Copies {@code length} bytes from the view at {@code index} into {@code dst[offset..]}. A
     * range past the view or the file's end throws {@link IndexOutOfBoundsException} before any
     * byte is copied (a truncate while a copy of more than one section runs stops it at the new
     * end).
     *
     * @param index  where the bytes start, from the start of the view
     * @param dst    the array to copy into
     * @param offset where in {@code dst} the first byte goes
     * @param length how many bytes
     * @throws NullPointerException if {@code dst} is null
     * @throws IndexOutOfBoundsException if {@code [offset, offset + length)} is outside the array,
     *     or {@code [index, index + length)} outside the view or past the file's end (nothing is
     *     copied then)
     * @throws ClosedException if the view or the store is closed
     * @throws NoSuchDaxFileException if the file has been deleted
     * @throws CorruptStoreException if a fault on the way meets a damaged block map
     * @throws DaxStoreException if a section of the copy must wait for a truncate or punch of the
     *     file that waits for an access scope this thread has open
     */
    public void get(long index, byte[] dst, int offset, int length) {
        Arguments.notNull(dst, "dst", "DaxMapping.get");
        if (Arguments.isOutsideArray(offset, length, dst.length)) {
            throw Arguments.arrayRangeRefusal(offset, length, dst.length, access.containerPath() + ": get from " + access.describe());
        }
        access.copy(index, dst, offset, length, false);
    }

    /**
     * Copies {@code src[offset, offset + length)} into the view at {@code index}. A range past the
     * view or the file's end throws {@link IndexOutOfBoundsException} before any byte is stored,
     * as {@link #get(long, byte[], int, int)} does. Holes of the range get zeroed blocks.
     *
     * @param index  where the bytes go, from the start of the view
     * @param src    the array to copy from
     * @param offset where in {@code src} the first byte is
     * @param length how many bytes
     * @throws NullPointerException if {@code src} is null
     * @throws IndexOutOfBoundsException if {@code [offset, offset + length)} is outside the array,
     *     or {@code [index, index + length)} outside the view or past the file's end (nothing is
     *     copied then)
     * @throws ReadOnlyViewException if the view is {@link MapMode#READ_ONLY}
     * @throws ClosedException if the view or the store is closed
     * @throws NoSuchDaxFileException if the file has been deleted
     * @throws StoreFullException if a hole of the range needs a block and none is left, in the
     *     store or on the file system; the sections of 256 KiB before the one
     *     that failed have been stored (allocate the range first to rule this out)
     * @throws StoreIOException if the file system fails to back a block a hole needs
     * @throws CorruptStoreException if a fault on the way meets a damaged block map
     * @throws DaxStoreException if a section of the copy must wait for a truncate or punch of the
     *     file that waits for an access scope this thread has open
     */
    public void put(long index, byte[] src, int offset, int length) {
        Arguments.notNull(src, "src", "DaxMapping.put");
        if (Arguments.isOutsideArray(offset, length, src.length)) {
            throw Arguments.arrayRangeRefusal(offset, length, src.length, access.containerPath() + ": put into " + access.describe());
        }
        access.copy(index, src, offset, length, true);
    }

    /**
     * Fills the buffer's remaining space from the view at {@code index}, advancing its position.
     * A direct buffer is filled through a heap buffer of at most 256 KiB at a time.
     *
     * @param index where the bytes start, from the start of the view
     * @param dst   the buffer to fill, from its position to its limit
     * @throws NullPointerException if {@code dst} is null
     * @throws IllegalArgumentException if the buffer is read-only
     * @throws IndexOutOfBoundsException if {@code [index, index + dst.remaining())} is outside
     *     the view or past the file's end (nothing is copied then)
     * @throws ClosedException if the view or the store is closed
     * @throws NoSuchDaxFileException if the file has been deleted
     * @throws CorruptStoreException if a fault on the way meets a damaged block map
     * @throws DaxStoreException as {@link #get(long, byte[], int, int)}
     */
    public void get(long index, ByteBuffer dst) {
        Arguments.notNull(dst, "dst", "DaxMapping.get");
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException(access.containerPath() + ": cannot read " + access.describe()
                    + " into a read-only buffer");
        }
        int length = dst.remaining();
        access.checkWhole(index, length);
        if (dst.hasArray()) {
            get(index, dst.array(), dst.arrayOffset() + dst.position(), length);
            dst.position(dst.position() + length);
            return;
        }
        BufferStaging.fill(dst, index, (at, chunk, n) -> {
            get(at, chunk, 0, n);
            return n;
        });
    }

    /**
     * Copies the buffer's remaining bytes into the view at {@code index}, advancing its position
     * once they are stored. A direct or read-only buffer is copied through a heap buffer of at
     * most 256 KiB at a time. Holes of the range get zeroed blocks.
     *
     * @param index where the bytes go, from the start of the view
     * @param src   the buffer to copy, from its position to its limit
     * @throws NullPointerException if {@code src} is null
     * @throws ReadOnlyViewException if the view is {@link MapMode#READ_ONLY}
     * @throws IndexOutOfBoundsException if {@code [index, index + src.remaining())} is outside
     *     the view or past the file's end (nothing is copied then)
     * @throws ClosedException if the view or the store is closed
     * @throws NoSuchDaxFileException if the file has been deleted
     * @throws StoreFullException as {@link #put(long, byte[], int, int)} (the buffer's position
     *     is then left where it was)
     * @throws StoreIOException as {@link #put(long, byte[], int, int)}
     * @throws CorruptStoreException if a fault on the way meets a damaged block map
     * @throws DaxStoreException as {@link #put(long, byte[], int, int)}
     */
    public void put(long index, ByteBuffer src) {
        Arguments.notNull(src, "src", "DaxMapping.put");
        int length = src.remaining();
        if (!access.isWritable()) {
            throw access.readOnlyException(index);
        }
        access.checkWhole(index, length);
        if (src.hasArray()) {
            put(index, src.array(), src.arrayOffset() + src.position(), length);
        } else {
            BufferStaging.drain(src.duplicate(), index, (at, chunk, n) -> put(at, chunk, 0, n));
        }
        src.position(src.position() + length);
    }

    /**
     * Opens an access scope over {@code [index, index + length)}: one access section for many
     * accesses, for hot loops. A {@link MapMode#READ_WRITE} scope allocates the range's holes
     * when it opens. Keep it short: truncate, punch and delete wait for open scopes, and on its
     * thread no operation of a {@link DaxFile} or {@link DaxStore} runs until it closes (see
     * {@link AccessScope}).
     *
     * @param index  where the scope starts, from the start of the view
     * @param length its length in bytes
     * @param mode   {@link MapMode#READ_WRITE} to store through it (the view must be read-write)
     * @return the scope, open on this thread: close it there (try-with-resources)
     * @throws NullPointerException if {@code mode} is null
     * @throws ReadOnlyViewException if {@code mode} is READ_WRITE and this view is read-only
     * @throws IndexOutOfBoundsException if the range is outside the view or the file (checked
     *     before anything sized by it is allocated)
     * @throws IllegalArgumentException if the range spans more pages than the views' share of
     *     the store's heap budget can translate (the message says how much a scope may span)
     * @throws ClosedException if the view or the store is closed
     * @throws NoSuchDaxFileException if the file has been deleted
     * @throws StoreFullException if a READ_WRITE scope's holes need more blocks than are left, in
     *     the store or on the file system; the blocks it had given holes stay theirs (zeroed)
     * @throws StoreIOException if the file system fails to back a block a hole needs
     * @throws CorruptStoreException if translating the range meets a damaged block map
     * @throws DaxStoreException if this thread has another scope of the store open while a
     *     truncate or punch of the file waits for it
     */
    public AccessScope scope(long index, long length, MapMode mode) {
        boolean writable = Arguments.notNull(mode, "mode", "DaxMapping.scope") == MapMode.READ_WRITE;
        if (writable && !access.isWritable()) {
            throw new ReadOnlyViewException(access.containerPath() + ": " + access.describe()
                    + " is read-only: a READ_WRITE scope needs a READ_WRITE view");
        }
        AccessScope scope = new AccessScope(this, access, index, length, writable);
        synchronized (openScopes) {
            if (!access.isClosed()) {
                openScopes.add(scope);
                return scope;
            }
        }
        scope.close(); // the view was closed while the scope opened
        throw access.closedException();
    }

    /** Called by a scope of this view when it closes. */
    void forget(AccessScope scope) {
        synchronized (openScopes) {
            openScopes.remove(scope);
        }
    }

    /**
     * Makes {@code [index, index + length)} durable on return: the analogue of {@code msync}.
     * The range is flushed in access sections that check the view, the store and the file first,
     * so a close or delete waits for each, or refuses it. Holes, and any part past the file's
     * end, have nothing to persist.
     *
     * @param index  where the range starts, from the start of the view
     * @param length its length in bytes
     * @throws IndexOutOfBoundsException if the range is outside the view
     * @throws ClosedException if the view or the store is closed
     * @throws NoSuchDaxFileException if the file has been deleted
     * @throws CorruptStoreException if the block map of the range is damaged
     * @throws DaxStoreException if a section must wait for a truncate or punch of the file that
     *     waits for an access scope this thread has open
     * @throws StoreIOException if the operating system fails to write the range back (an msync
     *     error on a disk file system); it may not be durable
     */
    public void persist(long index, long length) {
        access.persist(index, length);
    }

    /**
     * A batch of ranges of this view to persist together, with one fence and as few flush calls
     * as their cache lines allow: cheaper than one {@link #persist} per small range.
     *
     * @return a new, empty batch for this view (not thread-safe: one per thread)
     * @throws ClosedException if the view or the store is closed
     * @throws NoSuchDaxFileException if the file has been deleted
     */
    public PersistBatch persistBatch() {
        access.ensureUsable();
        return new PersistBatch(this);
    }

    /** For {@link PersistBatch#add}: refuses a closed view or store, a deleted file and a range outside the view. */
    void checkBatchRange(long index, long length) {
        access.ensureUsable();
        access.checkViewRange(index, length);
    }

    /** For {@link PersistBatch#persist}: as {@link #persist}, for many ranges with one plan of flushes and one fence. */
    void persistRanges(long[] indexes, long[] lengths, int count, FlushPlan plan) {
        access.persistRanges(indexes, lengths, count, plan);
    }

    /**
     * The heap this view's translations take now, in bytes: about 8 a page it has touched, less
     * for runs of adjacent blocks, and nothing once it is closed. For monitoring, like the
     * kernel's PageTables count; works after close too.
     *
     * @return the bytes of heap the translations hold
     */
    public long translationBytes() {
        return access.translationBytes();
    }

    /**
     * Closes the view: accesses through it, and through its scopes that are still open, throw
     * {@link ClosedException} from then on (a scope's section ends when the scope is closed).
     * Idempotent.
     */
    @Override
    public void close() {
        synchronized (openScopes) {
            access.close();
            for (AccessScope scope : openScopes) {
                scope.revoke();
            }
            openScopes.clear();
        }
    }
}
