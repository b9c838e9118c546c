package org.daxstore;

import java.util.logging.Level;
import java.util.logging.Logger;

import org.daxstore.fault.Translator;
import org.daxstore.media.Memory;
import org.daxstore.sync.AccessSections;

import net.openhft.chronicle.bytes.BytesStore;

/**
 * One access section over a range of a view, for hot loops: every page of the range is
 * translated (and, for a {@link MapMode#READ_WRITE} scope, allocated) when the scope opens, and
 * its accesses are then a bounds check and a load or store, with no translation check at all.
 * That is safe because an operation that removes blocks waits until every open scope has ended
 * (see {@link org.daxstore.sync.AccessSections}).
 *
 * <p>So keep scopes short: a truncate, punch or delete of any file of the store waits for them.
 * A scope belongs to the thread that opened it; close it on that thread (try-with-resources).
 * Truncate, punch and delete refuse to run on a thread that has a scope open: they would wait
 * for themselves. Indexes are relative to the start of the scope.
 */
public final class AccessScope implements AutoCloseable {
    /**
     * Chronicle warns once, through java.util.logging, that one of its optional buffer
     * cleaners needs JDK internals; daxstore never asks Chronicle to clean a buffer. The logger
     * is held here because java.util.logging keeps only weak references to loggers.
     */
    private static final Logger CHRONICLE_CLEANER_LOGGER = quietChronicleCleaner();

    private final AccessSections sections;
    private final AccessSections.Slot slot;
    private final Thread owner = Thread.currentThread();
    private final long base;
    private final long length;
    private final boolean writable;
    private final int shift;
    private final long mask;
    private final long firstPage;
    private final long[] pages;
    private boolean closed;

    AccessScope(AccessSections sections, Translator translator, long index, long length, boolean writable) {
        if (writable && !translator.isWritable()) {
            throw new java.nio.ReadOnlyBufferException();
        }
        this.sections = sections;
        this.base = translator.fileOffset() + index;
        this.length = length;
        this.writable = writable;
        this.shift = translator.blockShift();
        this.mask = (1L << shift) - 1;
        long position = translator.fileOffset() + index;
        this.firstPage = position >>> shift;
        int pageCount = length == 0 ? 0 : (int) (((position + length - 1) >>> shift) - firstPage + 1);
        this.pages = new long[pageCount];
        this.slot = sections.enter();
        try {
            long seq = translator.begin(slot);
            translator.checkRange(index, length);
            for (int p = 0; p < pageCount; p++) {
                long pageIndex = Math.max(index, ((firstPage + p) << shift) - translator.fileOffset());
                long address = writable ? translator.faultForStore(pageIndex, seq) : translator.faultForLoad(pageIndex, seq);
                pages[p] = address - ((translator.fileOffset() + pageIndex) & mask);
            }
        } catch (RuntimeException | Error e) {
            sections.leave(slot);
            throw e;
        }
    }

    public long length() {
        return length;
    }

    public byte getByte(long index) {
        return Memory.getByte(address(index, Byte.BYTES));
    }

    public void putByte(long index, byte value) {
        Memory.putByte(storeAddress(index, Byte.BYTES), value);
    }

    public short getShort(long index) {
        long address = address(index, Short.BYTES);
        return address != 0 ? Memory.getShort(address) : (short) straddling(index, Short.BYTES);
    }

    public void putShort(long index, short value) {
        long address = storeAddress(index, Short.BYTES);
        if (address != 0) {
            Memory.putShort(address, value);
        } else {
            straddling(index, Short.BYTES, value);
        }
    }

    public int getInt(long index) {
        long address = address(index, Integer.BYTES);
        return address != 0 ? Memory.getInt(address) : (int) straddling(index, Integer.BYTES);
    }

    public void putInt(long index, int value) {
        long address = storeAddress(index, Integer.BYTES);
        if (address != 0) {
            Memory.putInt(address, value);
        } else {
            straddling(index, Integer.BYTES, value);
        }
    }

    public long getLong(long index) {
        long address = address(index, Long.BYTES);
        return address != 0 ? Memory.getLong(address) : straddling(index, Long.BYTES);
    }

    public void putLong(long index, long value) {
        long address = storeAddress(index, Long.BYTES);
        if (address != 0) {
            Memory.putLong(address, value);
        } else {
            straddling(index, Long.BYTES, value);
        }
    }

    public float getFloat(long index) {
        return Float.intBitsToFloat(getInt(index));
    }

    public void putFloat(long index, float value) {
        putInt(index, Float.floatToRawIntBits(value));
    }

    public double getDouble(long index) {
        return Double.longBitsToDouble(getLong(index));
    }

    public void putDouble(long index, double value) {
        putLong(index, Double.doubleToRawLongBits(value));
    }

    /**
     * A Chronicle {@link BytesStore} over the whole scope, valid until the scope closes. Blocks
     * are contiguous only within themselves, so the scope must lie within one block.
     */
    public BytesStore<?, Void> bytesStore() {
        if (pages.length != 1) {
            throw new IllegalStateException("a BytesStore needs contiguous memory: this scope spans " + pages.length
                    + " blocks; open one within a single block");
        }
        if (!writable) {
            throw new IllegalStateException("a BytesStore is writable: open a READ_WRITE scope for one");
        }
        checkOpen();
        return BytesStore.wrap(address(0, 1), length);
    }

    /** Ends the scope's access section. Idempotent; must run on the thread that opened the scope. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a scope must be closed by the thread that opened it (" + owner.getName() + ")");
        }
        closed = true;
        sections.leave(slot);
    }

    private long storeAddress(long index, int width) {
        if (!writable) {
            throw new java.nio.ReadOnlyBufferException();
        }
        return address(index, width);
    }

    /** The address of {@code [index, index + width)}, or 0 if it straddles two blocks. */
    private long address(long index, int width) {
        checkOpen();
        if (index < 0 || index > length - width) {
            throw new IndexOutOfBoundsException("index " + index + " +" + width + " is outside the scope [0, " + length + ")");
        }
        long position = base + index;
        if ((position & mask) + width > mask + 1) {
            return 0;
        }
        return pages[(int) ((position >>> shift) - firstPage)] + (position & mask);
    }

    private long straddling(long index, int width) {
        long bits = 0;
        for (int i = 0; i < width; i++) {
            bits |= (getByte(index + i) & 0xFFL) << (8 * i);
        }
        return bits;
    }

    private void straddling(long index, int width, long bits) {
        for (int i = 0; i < width; i++) {
            putByte(index + i, (byte) (bits >>> (8 * i)));
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new ClosedException("the access scope is closed");
        }
    }

    private static Logger quietChronicleCleaner() {
        Logger logger = Logger.getLogger("net.openhft.chronicle.core.internal.cleaner.ReflectionBasedByteBufferCleanerService");
        logger.setLevel(Level.SEVERE);
        return logger;
    }
}
