package org.daxstore;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.daxstore.fault.Translator;
import org.daxstore.fs.FileData;
import org.daxstore.fs.FileNode;
import org.daxstore.media.FlushPlan;
import org.daxstore.media.Memory;
import org.daxstore.sync.AccessSections;
import org.daxstore.sync.TestingKnobs;

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
 * <p>How an access is kept safe from a concurrent truncate or punch is explained in
 * {@link org.daxstore.fault.Translator}, {@link org.daxstore.sync.Seqtex} and
 * {@link org.daxstore.sync.AccessSections}.
 */
public final class DaxMapping implements PrimitiveAccess, AutoCloseable {
    /**
     * The most a bulk copy moves in one access section. Truncate and punch wait for running
     * sections, so a section must stay short: 256 KiB take 15 to 30 us to copy at the 8 to
     * 20 GB/s of memory here, about what a punch's own system calls cost, while the section's
     * entry (about 10 ns) is then 0.05% of the copy. Longer sections would gain nothing
     * measurable and hold removers up for longer.
     */
    private static final int SECTION_BYTES = 256 << 10;

    private final FileData data;
    private final FileNode node;
    private final AccessSections sections;
    private final Translator translator;
    private final long fileOffset;
    /** The scopes of this view that are open, for {@link #close} to revoke; guarded by itself. */
    private final List<AccessScope> openScopes = new ArrayList<>();

    DaxMapping(FileData data, FileNode node, AccessSections sections, Translator translator, long fileOffset) {
        this.data = data;
        this.node = node;
        this.sections = sections;
        this.translator = translator;
        this.fileOffset = fileOffset;
    }

    /**
     * The view's length in bytes (the file may be shorter: accesses past its end fail). Fixed
     * when the view was made: works after close too.
     */
    public long length() {
        return translator.viewLength();
    }

    /** The file offset of index 0. Fixed when the view was made: works after close too. */
    public long fileOffset() {
        return fileOffset;
    }

    /** Whether the view may store. Fixed when the view was made: works after close too. */
    public MapMode mode() {
        return translator.isWritable() ? MapMode.READ_WRITE : MapMode.READ_ONLY;
    }

    // ---- plain loads and stores ----

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


    // ---- ordered and atomic accesses (aligned) ----

    public int getIntVolatile(long index) {
        return (int) atomic(index, Integer.BYTES, Op.GET_VOLATILE, 0, 0);
    }

    public void putIntVolatile(long index, int value) {
        atomic(index, Integer.BYTES, Op.PUT_VOLATILE, value, 0);
    }

    public int getIntAcquire(long index) {
        return getIntVolatile(index);
    }

    public void putIntRelease(long index, int value) {
        atomic(index, Integer.BYTES, Op.PUT_RELEASE, value, 0);
    }

    public boolean compareAndSetInt(long index, int expected, int value) {
        return atomic(index, Integer.BYTES, Op.COMPARE_AND_SET, expected, value) != 0;
    }

    public int getAndAddInt(long index, int delta) {
        return (int) atomic(index, Integer.BYTES, Op.GET_AND_ADD, delta, 0);
    }

    public long getLongVolatile(long index) {
        return atomic(index, Long.BYTES, Op.GET_VOLATILE, 0, 0);
    }

    public void putLongVolatile(long index, long value) {
        atomic(index, Long.BYTES, Op.PUT_VOLATILE, value, 0);
    }

    public long getLongAcquire(long index) {
        return getLongVolatile(index);
    }

    public void putLongRelease(long index, long value) {
        atomic(index, Long.BYTES, Op.PUT_RELEASE, value, 0);
    }

    public boolean compareAndSetLong(long index, long expected, long value) {
        return atomic(index, Long.BYTES, Op.COMPARE_AND_SET, expected, value) != 0;
    }

    public long getAndAddLong(long index, long delta) {
        return atomic(index, Long.BYTES, Op.GET_AND_ADD, delta, 0);
    }

    // ---- bulk copies ----

    /**
     * Copies {@code length} bytes from the view at {@code index} into {@code dst[offset..]}. A
     * range past the view or the file's end throws {@link IndexOutOfBoundsException} before any
     * byte is copied (a truncate while a copy of more than one section runs stops it at the new end).
     */
    public void get(long index, byte[] dst, int offset, int length) {
        Arguments.notNull(dst, "dst", "DaxMapping.get");
        if (Arguments.isOutsideArray(offset, length, dst.length)) {
            throw Arguments.arrayRangeRefusal(offset, length, dst.length, translator.containerPath() + ": get from " + translator.describe());
        }
        checkWholeCopy(index, length);
        for (int done = 0; done < length; ) {
            done += copySection(index + done, dst, offset + done, Math.min(length - done, SECTION_BYTES), false);
        }
    }

    /**
     * Copies {@code src[offset, offset + length)} into the view at {@code index}. A range past the
     * view or the file's end throws {@link IndexOutOfBoundsException} before any byte is stored,
     * as {@link #get(long, byte[], int, int)} does.
     */
    public void put(long index, byte[] src, int offset, int length) {
        Arguments.notNull(src, "src", "DaxMapping.put");
        if (Arguments.isOutsideArray(offset, length, src.length)) {
            throw Arguments.arrayRangeRefusal(offset, length, src.length, translator.containerPath() + ": put into " + translator.describe());
        }
        if (!translator.isWritable()) {
            throw translator.readOnlyException(index);
        }
        checkWholeCopy(index, length);
        for (int done = 0; done < length; ) {
            done += copySection(index + done, src, offset + done, Math.min(length - done, SECTION_BYTES), true);
        }
    }

    /**
     * Fills the buffer's remaining space from the view at {@code index}, advancing its position.
     * A direct buffer is filled through a heap buffer of at most 256 KiB at a time.
     *
     * @throws IllegalArgumentException if the buffer is read-only
     */
    public void get(long index, ByteBuffer dst) {
        Arguments.notNull(dst, "dst", "DaxMapping.get");
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException(translator.containerPath() + ": cannot read " + translator.describe()
                    + " into a read-only buffer");
        }
        int length = dst.remaining();
        checkWholeCopy(index, length);
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
     * most 256 KiB at a time.
     */
    public void put(long index, ByteBuffer src) {
        Arguments.notNull(src, "src", "DaxMapping.put");
        int length = src.remaining();
        if (!translator.isWritable()) {
            throw translator.readOnlyException(index);
        }
        checkWholeCopy(index, length);
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
     * @throws ReadOnlyViewException if {@code mode} is READ_WRITE and this view is read-only
     * @throws IndexOutOfBoundsException if the range is outside the view or the file (checked
     *     before anything sized by it is allocated)
     */
    public AccessScope scope(long index, long length, MapMode mode) {
        boolean writable = Arguments.notNull(mode, "mode", "DaxMapping.scope") == MapMode.READ_WRITE;
        if (writable && !translator.isWritable()) {
            throw new ReadOnlyViewException(translator.containerPath() + ": " + translator.describe()
                    + " is read-only: a READ_WRITE scope needs a READ_WRITE view");
        }
        AccessScope scope = new AccessScope(this, sections, translator, index, length, writable);
        synchronized (openScopes) {
            if (!translator.isClosed()) {
                openScopes.add(scope);
                return scope;
            }
        }
        scope.close(); // the view was closed while the scope opened
        throw translator.closedException();
    }

    /** Called by a scope of this view when it closes. */
    void forget(AccessScope scope) {
        synchronized (openScopes) {
            openScopes.remove(scope);
        }
    }

    /**
     * Makes {@code [index, index + length)} durable on return: the analogue of {@code msync}.
     * The range is translated and flushed inside one access section that checks the view, the
     * store and the file first, so a close or delete waits for it, or refuses it.
     */
    public void persist(long index, long length) {
        translator.checkViewRange(index, length);
        AccessSections.Slot slot = sections.enter();
        try {
            translator.begin(slot);
            data.persistRange(node, fileOffset + index, length);
        } finally {
            sections.leave(slot);
        }
    }

    /**
     * A batch of ranges of this view to persist together, with one fence and as few flush calls
     * as their cache lines allow: cheaper than one {@link #persist} per small range.
     *
     * @throws ClosedException if the view or the store is closed
     * @throws NoSuchDaxFileException if the file has been deleted
     */
    public PersistBatch persistBatch() {
        translator.ensureUsable();
        return new PersistBatch(this);
    }

    /** For {@link PersistBatch#add}: refuses a closed view or store, a deleted file and a range outside the view. */
    void checkBatchRange(long index, long length) {
        translator.ensureUsable();
        translator.checkViewRange(index, length);
    }

    /** For {@link PersistBatch#persist}: as {@link #persist}, for many ranges in one section. */
    void persistRanges(long[] indexes, long[] lengths, int count, FlushPlan plan) {
        AccessSections.Slot slot = sections.enter();
        try {
            translator.begin(slot);
            data.persistRanges(node, fileOffset, indexes, lengths, count, plan);
        } finally {
            sections.leave(slot);
        }
    }

    /**
     * Refuses a bulk copy that could not complete before its first section, which checks only
     * its own range: a copy stopped halfway would leave the file or the array half-written.
     * Checked before anything sized by the copy is allocated.
     */
    private void checkWholeCopy(long index, int length) {
        translator.ensureUsable();
        translator.checkRange(index, length);
    }

    /**
     * Closes the view: accesses through it, and through its scopes that are still open, throw
     * {@link ClosedException} from then on (a scope's section ends when the scope is closed).
     * Idempotent.
     */
    @Override
    public void close() {
        synchronized (openScopes) {
            translator.close();
            for (AccessScope scope : openScopes) {
                scope.revoke();
            }
            openScopes.clear();
        }
    }

    // ---- the access protocol ----

    private long load(long index, int width) {
        AccessSections.Slot slot = sections.enter();
        try {
            long seq = translator.begin(slot);
            long address = translator.loadAddress(index, width, seq);
            if (address == 0) {
                return loadSlowly(index, width, seq);
            }
            TestingKnobs.raceWindow();
            return Memory.getBits(address, width);
        } finally {
            sections.leave(slot);
        }
    }

    private void store(long index, int width, long bits) {
        AccessSections.Slot slot = sections.enter();
        try {
            long seq = translator.begin(slot);
            long address = translator.storeAddress(index, width, seq);
            if (address == 0) {
                storeSlowly(index, width, bits, seq);
            } else {
                TestingKnobs.raceWindow();
                Memory.putBits(address, width, bits);
            }
        } finally {
            sections.leave(slot);
        }
    }

    private long loadSlowly(long index, int width, long seq) {
        if (withinOneBlock(index, width)) {
            return Memory.getBits(translator.faultForLoad(index, seq), width);
        }
        long bits = 0;
        for (int i = 0; i < width; i++) {
            bits |= (Memory.getByte(translator.faultForLoad(index + i, seq)) & 0xFFL) << (8 * i);
        }
        return bits;
    }

    private void storeSlowly(long index, int width, long bits, long seq) {
        if (withinOneBlock(index, width)) {
            Memory.putBits(translator.faultForStore(index, seq), width, bits);
            return;
        }
        for (int i = 0; i < width; i++) {
            Memory.putByte(translator.faultForStore(index + i, seq), (byte) (bits >>> (8 * i)));
        }
    }

    private enum Op { GET_VOLATILE, PUT_VOLATILE, PUT_RELEASE, COMPARE_AND_SET, GET_AND_ADD }

    private long atomic(long index, int width, Op op, long a, long b) {
        if (((fileOffset + index) & (width - 1)) != 0) {
            throw new IllegalArgumentException(translator.containerPath() + ": " + translator.describe() + ": file offset "
                    + (fileOffset + index) + " is not aligned to "
                    + width + " bytes, as ordered and atomic accesses need");
        }
        AccessSections.Slot slot = sections.enter();
        try {
            long seq = translator.begin(slot);
            boolean storing = op != Op.GET_VOLATILE;
            long address = storing ? translator.storeAddress(index, width, seq) : translator.loadAddress(index, width, seq);
            if (address == 0) {
                address = storing ? translator.faultForStore(index, seq) : translator.faultForLoad(index, seq);
            }
            return width == Long.BYTES ? atomicLong(address, op, a, b) : atomicInt(address, op, (int) a, (int) b);
        } finally {
            sections.leave(slot);
        }
    }

    private static long atomicLong(long address, Op op, long a, long b) {
        switch (op) {
            case GET_VOLATILE:
                return Memory.getLongVolatile(address);
            case PUT_VOLATILE:
                Memory.putLongVolatile(address, a);
                return 0;
            case PUT_RELEASE:
                Memory.putLongRelease(address, a);
                return 0;
            case COMPARE_AND_SET:
                return Memory.compareAndSetLong(address, a, b) ? 1 : 0;
            default:
                return Memory.getAndAddLong(address, a);
        }
    }

    private static long atomicInt(long address, Op op, int a, int b) {
        switch (op) {
            case GET_VOLATILE:
                return Memory.getIntVolatile(address);
            case PUT_VOLATILE:
                Memory.putIntVolatile(address, a);
                return 0;
            case PUT_RELEASE:
                Memory.putIntRelease(address, a);
                return 0;
            case COMPARE_AND_SET:
                return Memory.compareAndSetInt(address, a, b) ? 1 : 0;
            default:
                return Memory.getAndAddInt(address, a);
        }
    }

    /**
     * One access section of a bulk copy: copies up to {@code length} bytes, a run of pages whose
     * cached translations are adjacent in the container at a time (one translation pass and one
     * copy per run, see {@link Translator#cachedRun}). A page that misses is faulted and copied
     * on its own, and ends the section, so a section holds at most one fault (which may run a
     * metadata transaction) besides its copies. Returns how many bytes it copied.
     */
    private int copySection(long index, byte[] array, int offset, int length, boolean storing) {
        AccessSections.Slot slot = sections.enter();
        try {
            long seq = translator.begin(slot);
            translator.checkRange(index, length);
            int done = 0;
            while (done < length) {
                int run = translator.cachedRun(index + done, length - done, seq, storing);
                if (run == 0) {
                    return done + copyFaulting(index + done, array, offset + done, length - done, storing, seq);
                }
                copyAt(translator.cachedAddress(index + done, seq), array, offset + done, run, storing);
                done += run;
            }
            return done;
        } finally {
            sections.leave(slot);
        }
    }

    /** Faults the page of {@code index} (a hole reads the zero page) and copies up to its end. */
    private int copyFaulting(long index, byte[] array, int offset, int limit, boolean storing, long seq) {
        int chunk = (int) Math.min(limit, translator.bytesLeftInBlock(index));
        long address = storing ? translator.faultForStore(index, seq) : translator.faultForLoad(index, seq);
        copyAt(address, array, offset, chunk, storing);
        return chunk;
    }

    private static void copyAt(long address, byte[] array, int offset, int length, boolean storing) {
        TestingKnobs.raceWindow();
        if (storing) {
            Memory.copyFromHeap(array, offset, address, length);
        } else {
            Memory.copyToHeap(address, array, offset, length);
        }
    }

    private boolean withinOneBlock(long index, int width) {
        return translator.bytesLeftInBlock(index) >= width;
    }
}
