package org.daxstore.lucene;

import java.io.EOFException;
import java.io.IOException;

import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.RandomAccessInput;
import org.apache.lucene.util.BitUtil;
import org.apache.lucene.util.GroupVIntUtil;
import org.daxstore.ClosedException;
import org.daxstore.DaxStoreException;

/**
 * An input over a file (or a slice of it) that reads through the file's shared read-only view.
 *
 * <p>Why a window: each access through a view is one access section (the check that keeps it
 * off blocks a truncate or delete frees), which is cheap for a copy but too dear to pay per
 * byte, and Lucene's codecs read byte by byte (vints) all the time. So the input copies a run of
 * the file into a heap window with one view access, and the per-byte, per-int and per-long reads
 * are then plain array reads with one bounds check, as {@code MemorySegmentIndexInput}'s are on
 * its segment; only a read past the window's end goes to the view again. The copy is also what
 * makes the input safe: it holds no address into the container, so nothing done to the store
 * while it reads can make it crash or read another file's bytes.
 *
 * <p>The window adapts to the reads: after a seek it copies {@value #MIN_FILL} bytes (queries
 * seek all the time, to a term's block or a skip point, and read a little there; copying a whole
 * block each time cost more than the reads), and each time the reads run on past its end it
 * copies twice as much, up to {@value #MAX_FILL} (a merge's sequential reads). Its array grows
 * with it, so a clone (Lucene makes one per terms or postings enum) costs a few hundred bytes
 * until it reads far.
 *
 * <p>Random-access reads ({@link RandomAccessInput}) have a window of their own, of
 * {@value #RANDOM_FILL} bytes, so that they leave the sequential position and its window alone.
 *
 * <p>Not thread-safe, as Lucene's inputs are not: each thread uses its own clone.
 */
final class DaxIndexInput extends IndexInput implements RandomAccessInput {
    /** What the window copies after a seek. */
    static final int MIN_FILL = 512;
    /** The most it copies, once reads have run on sequentially for a while. */
    static final int MAX_FILL = 16 << 10;
    /** What the random-access window copies. */
    static final int RANDOM_FILL = 1024;
    private static final byte[] EMPTY = new byte[0];

    private final SharedView shared;
    /** Where in the file this input's position 0 is (a slice's offset). */
    private final long start;
    private final long length;
    private final boolean isClone;
    private boolean closed;

    private byte[] window = EMPTY;
    /** The input position of {@code window[0]}. */
    private long windowStart;
    /** How many bytes of the window are valid. */
    private int limit;
    /** The next byte to read, in the window: the file pointer is {@code windowStart + pos}. */
    private int pos;

    private byte[] randomWindow = EMPTY;
    private long randomStart;
    private int randomLimit;

    DaxIndexInput(String resourceDescription, SharedView shared) {
        this(resourceDescription, shared, 0, shared.length(), false);
    }

    private DaxIndexInput(String resourceDescription, SharedView shared, long start, long length, boolean isClone) {
        super(resourceDescription);
        this.shared = shared;
        this.start = start;
        this.length = length;
        this.isClone = isClone;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public long getFilePointer() {
        return windowStart + pos;
    }

    @Override
    public void seek(long position) throws IOException {
        if (position < 0 || position > length) {
            throw new EOFException("seek to " + position + " is outside [0, " + length + "] of " + this);
        }
        if (position >= windowStart && position <= windowStart + limit) {
            pos = (int) (position - windowStart);
        } else {
            windowStart = position;
            limit = 0;
            pos = 0;
        }
    }

    @Override
    public byte readByte() throws IOException {
        if (pos == limit) {
            refill();
        }
        return window[pos++];
    }

    @Override
    public short readShort() throws IOException {
        if (limit - pos >= Short.BYTES) {
            short v = (short) BitUtil.VH_LE_SHORT.get(window, pos);
            pos += Short.BYTES;
            return v;
        }
        return super.readShort();
    }

    @Override
    public int readInt() throws IOException {
        if (limit - pos >= Integer.BYTES) {
            int v = (int) BitUtil.VH_LE_INT.get(window, pos);
            pos += Integer.BYTES;
            return v;
        }
        return super.readInt();
    }

    @Override
    public long readLong() throws IOException {
        if (limit - pos >= Long.BYTES) {
            long v = (long) BitUtil.VH_LE_LONG.get(window, pos);
            pos += Long.BYTES;
            return v;
        }
        return super.readLong();
    }

    /**
     * One group of four vints (Lucene's postings read their tail blocks so) decoded from the
     * window with one int load per value, as MMapDirectory's inputs decode from their segment,
     * when the window holds the longest group; the generic byte-by-byte path otherwise.
     */
    @Override
    protected void readGroupVInt(long[] dst, int offset) throws IOException {
        // The call reads the flag byte through readByte, which moves pos: add what it returns after it.
        int values = GroupVIntUtil.readGroupVInt(this, limit - pos, at -> (int) BitUtil.VH_LE_INT.get(window, (int) at), pos, dst, offset);
        pos += values;
    }

    @Override
    public void readBytes(byte[] b, int offset, int len) throws IOException {
        int available = limit - pos;
        if (len <= available) {
            System.arraycopy(window, pos, b, offset, len);
            pos += len;
            return;
        }
        long at = windowStart + pos;
        if (len > length - at) {
            throw new EOFException("read of " + len + " bytes at " + at + " is past the end (" + length + ") of " + this);
        }
        System.arraycopy(window, pos, b, offset, available);
        offset += available;
        len -= available;
        pos = limit;
        if (len >= MAX_FILL) { // straight into the caller's array
            copy(at + available, b, offset, len);
            windowStart = at + available + len;
            limit = 0;
            pos = 0;
            return;
        }
        while (len > 0) {
            refill();
            int n = Math.min(len, limit);
            System.arraycopy(window, 0, b, offset, n);
            pos = n;
            offset += n;
            len -= n;
        }
    }

    @Override
    public void readLongs(long[] dst, int offset, int len) throws IOException {
        if (limit - pos < (long) len * Long.BYTES) {
            super.readLongs(dst, offset, len);
            return;
        }
        for (int i = 0; i < len; i++) {
            dst[offset + i] = (long) BitUtil.VH_LE_LONG.get(window, pos);
            pos += Long.BYTES;
        }
    }

    @Override
    public void readInts(int[] dst, int offset, int len) throws IOException {
        if (limit - pos < (long) len * Integer.BYTES) {
            super.readInts(dst, offset, len);
            return;
        }
        for (int i = 0; i < len; i++) {
            dst[offset + i] = (int) BitUtil.VH_LE_INT.get(window, pos);
            pos += Integer.BYTES;
        }
    }

    @Override
    public void readFloats(float[] dst, int offset, int len) throws IOException {
        if (limit - pos < (long) len * Float.BYTES) {
            super.readFloats(dst, offset, len);
            return;
        }
        for (int i = 0; i < len; i++) {
            dst[offset + i] = Float.intBitsToFloat((int) BitUtil.VH_LE_INT.get(window, pos));
            pos += Float.BYTES;
        }
    }

    @Override
    public void skipBytes(long numBytes) throws IOException {
        if (numBytes < 0) {
            throw new IllegalArgumentException("numBytes must be >= 0, got " + numBytes);
        }
        long target = getFilePointer() + numBytes;
        if (target > length) {
            throw new EOFException("skip of " + numBytes + " bytes is past the end (" + length + ") of " + this);
        }
        seek(target);
    }

    // ---- random access: a window of its own ----

    @Override
    public byte readByte(long position) throws IOException {
        int i = randomIndex(position, Byte.BYTES); // first: it may replace the window
        return randomWindow[i];
    }

    @Override
    public short readShort(long position) throws IOException {
        int i = randomIndex(position, Short.BYTES);
        return (short) BitUtil.VH_LE_SHORT.get(randomWindow, i);
    }

    @Override
    public int readInt(long position) throws IOException {
        int i = randomIndex(position, Integer.BYTES);
        return (int) BitUtil.VH_LE_INT.get(randomWindow, i);
    }

    @Override
    public long readLong(long position) throws IOException {
        int i = randomIndex(position, Long.BYTES);
        return (long) BitUtil.VH_LE_LONG.get(randomWindow, i);
    }

    /** The index in the random window of {@code [position, position + width)}, moving the window there if needed. */
    private int randomIndex(long position, int width) throws IOException {
        long index = position - randomStart;
        if (index >= 0 && index <= randomLimit - width) {
            return (int) index;
        }
        if (position < 0 || position > length - width) {
            throw new EOFException("read of " + width + " bytes at " + position + " is outside [0, " + length + ") of " + this);
        }
        if (randomWindow == EMPTY) {
            randomWindow = new byte[RANDOM_FILL];
        }
        int n = (int) Math.min(RANDOM_FILL, length - position);
        copy(position, randomWindow, 0, n);
        randomStart = position;
        randomLimit = n;
        return 0;
    }

    // ---- the view ----

    /**
     * Moves the window to the file pointer, copying twice as much as last time if the reads ran
     * on past the window's end, {@link #MIN_FILL} after a seek; throws EOFException at the end.
     * Runs only when the window is used up ({@code pos == limit}); a window shorter than what its
     * refill asked for ends at the file's end, so when the reads run on, {@code limit} is what the
     * last refill copied.
     */
    private void refill() throws IOException {
        long at = windowStart + pos;
        if (at >= length) {
            throw new EOFException("read past the end (" + length + ") of " + this);
        }
        int fill = limit > 0 ? Math.min(limit << 1, MAX_FILL) : MIN_FILL; // limit is 0 after a seek
        int n = (int) Math.min(fill, length - at);
        if (window.length < n) {
            window = new byte[fill];
        }
        copy(at, window, 0, n);
        windowStart = at;
        limit = n;
        pos = 0;
    }

    /** Copies {@code [at, at + n)} of this input into {@code dst[offset..]} through the view. */
    private void copy(long at, byte[] dst, int offset, int n) throws IOException {
        try {
            shared.view().get(start + at, dst, offset, n);
        } catch (ClosedException e) {
            throw new AlreadyClosedException(this + " is closed (or its directory is): " + e.getMessage(), e);
        } catch (DaxStoreException | IndexOutOfBoundsException e) {
            throw new IOException("reading " + n + " bytes at " + at + " of " + this + ": " + e.getMessage(), e);
        }
    }

    // ---- clones, slices, close ----

    @Override
    public DaxIndexInput clone() {
        ensureUsable();
        DaxIndexInput clone = new DaxIndexInput(toString(), shared, start, length, true);
        clone.windowStart = getFilePointer();
        return clone;
    }

    @Override
    public IndexInput slice(String sliceDescription, long offset, long sliceLength) throws IOException {
        ensureUsable();
        if (offset < 0 || sliceLength < 0 || offset > length - sliceLength) {
            throw new IllegalArgumentException("slice() " + sliceDescription + " out of bounds: offset=" + offset
                    + ", length=" + sliceLength + ", fileLength=" + length + ": " + this);
        }
        return new DaxIndexInput(getFullSliceDescription(sliceDescription), shared, start + offset, sliceLength, true);
    }

    private void ensureUsable() {
        if (closed) {
            throw new AlreadyClosedException(this + " is closed");
        }
    }

    /** Closes the view of the input that opened the file (clones and slices close nothing); idempotent. */
    @Override
    public void close() {
        if (isClone || closed) {
            return;
        }
        closed = true;
        window = EMPTY;
        limit = 0;
        pos = 0;
        randomWindow = EMPTY;
        randomLimit = 0;
        shared.close();
    }
}
