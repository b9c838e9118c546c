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
 * <p>So keep scopes short: a truncate, punch or delete of any file of the store, and closing the
 * store, wait for them; a scope that is never closed holds them up for good.
 * A scope belongs to the thread that opened it; close it on that thread (try-with-resources).
 * Truncate, punch and delete refuse to run on a thread that has a scope open: they would wait
 * for themselves. Indexes are relative to the start of the scope.
 */
public final class AccessScope implements PrimitiveAccess, AutoCloseable {
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

    @Override
    public byte getByte(long index) {
        return (byte) load(index, Byte.BYTES);
    }

    @Override
    public void putByte(long index, byte value) {
        store(index, Byte.BYTES, value);
    }

    @Override
    public short getShort(long index) {
        return (short) load(index, Short.BYTES);
    }

    @Override
    public void putShort(long index, short value) {
        store(index, Short.BYTES, value);
    }

    @Override
    public int getInt(long index) {
        return (int) load(index, Integer.BYTES);
    }

    @Override
    public void putInt(long index, int value) {
        store(index, Integer.BYTES, value);
    }

    @Override
    public long getLong(long index) {
        return load(index, Long.BYTES);
    }

    @Override
    public void putLong(long index, long value) {
        store(index, Long.BYTES, value);
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

    private long load(long index, int width) {
        long address = address(index, width);
        if (address != 0) {
            return Memory.getBits(address, width);
        }
        long bits = 0;
        for (int i = 0; i < width; i++) {
            bits |= (Memory.getByte(address(index + i, 1)) & 0xFFL) << (8 * i);
        }
        return bits;
    }

    private void store(long index, int width, long bits) {
        if (!writable) {
            throw new java.nio.ReadOnlyBufferException();
        }
        long address = address(index, width);
        if (address != 0) {
            Memory.putBits(address, width, bits);
            return;
        }
        for (int i = 0; i < width; i++) {
            Memory.putByte(address(index + i, 1), (byte) (bits >>> (8 * i)));
        }
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
