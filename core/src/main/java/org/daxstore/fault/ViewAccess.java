package org.daxstore.fault;

import java.util.concurrent.locks.LockSupport;

import org.daxstore.events.PersistEvent;
import org.daxstore.fs.FileData;
import org.daxstore.fs.FileNode;
import org.daxstore.fs.StoreCounters;
import org.daxstore.fs.Volume;
import org.daxstore.media.FlushPlan;
import org.daxstore.media.FlushTally;
import org.daxstore.media.Memory;
import org.daxstore.sync.AccessSections;

/**
 * The access protocol of one view, written once: every load, store, atomic, copy and persist
 * of {@code DaxMapping}, and the opening of an {@code AccessScope}, is
 * <pre>
 *   slot = sections.enter()                 one plain store to this thread's slot
 *   address = hitAddress(...)    the view's table only (see Translator)
 *   if address == 0:                        a miss: the slow path
 *       seq = translator.stableSequence()   parks outside the section while a remover runs
 *       check the range against the file
 *       address = translator.fault(...)     look up or allocate; install if still valid
 *   access memory at address
 *   sections.leave(slot)                    one release store
 * </pre>
 * {@link Translator} says why a hit may skip every check of the file, and why a fault's
 * install cannot outlive the block it names; {@link AccessSections} why a remover's grace
 * period sees every section that could still use a translation it has shot down.
 *
 * <p>Multi-byte values are little-endian; an access that straddles two blocks goes byte by
 * byte, on the slow path. Thread-safe: any number of threads may share one view.
 */
public final class ViewAccess {
    /**
     * The most a bulk copy moves in one access section. Removers wait for running sections, so
     * a section must stay short: 256 KiB take 15 to 30 us to copy at the 8 to 20 GB/s of
     * memory here, about what a punch's own system calls cost, while the section's entry (a few
     * ns) is then a vanishing share of the copy.
     */
    private static final int SECTION_BYTES = 256 << 10;
    /** What a range of a persist batch costs of a section at least: one cache line. */
    private static final int RANGE_MIN_COST = 64;

    /** The operations of {@link #atomic}. */
    public enum Op { GET_VOLATILE, PUT_VOLATILE, PUT_RELEASE, COMPARE_AND_SET, GET_AND_ADD }

    private final Translator translator;
    private final AccessSections sections;
    /** The store's counters, which a persist adds to. */
    private final StoreCounters counters;
    private final FileData data;
    private final FileNode node;
    // The view's geometry and its table's top array and single directory, copied here so that a
    // hit loads nothing but this object's fields on its way to the table's leaves.
    private final long viewOffset;
    private final long viewLength;
    private final boolean writable;
    private final int shift;
    private final long mask;
    private final long firstPage;
    private final TranslationTable table;
    private final long[][][] top;
    private final long[][] single;
    /**
     * The store's race-window hook (fs.StoreHooks; 0 outside tests): how long each access pauses
     * between translating and touching memory. A final field of this view, which the hit path
     * loads anyway, so that without the hook it costs a load and a branch never taken.
     */
    private final long raceWindowNanos;

    /**
     * The access of a view of {@code [offset, offset + length)} of {@code node}. {@code hook},
     * null outside tests, is called by each fault between its look-up and its install.
     */
    public ViewAccess(Volume volume, FileData data, FileNode node, long offset, long length, boolean writable, FaultHook hook) {
        this.translator = new Translator(volume, node, offset, length, writable, hook);
        this.sections = volume.sections();
        this.counters = volume.counters();
        this.data = data;
        this.node = node;
        this.viewOffset = offset;
        this.viewLength = length;
        this.writable = writable;
        this.shift = translator.blockShift();
        this.mask = (1L << shift) - 1;
        this.firstPage = offset >>> shift;
        this.table = translator.table();
        this.top = table.top();
        this.single = table.single();
        this.raceWindowNanos = volume.hooks().raceWindowNanos();
    }

    /** The view's translations and faults: for the tests of this package. */
    Translator translator() {
        return translator;
    }

    // ---- hits ----

    /**
     * The address for an access of {@code width} bytes at view index {@code index} through its
     * installed translation, or 0 if the fault path must serve it (no translation, a store to a
     * read-only view, an access that straddles two blocks, or an index outside the view, which
     * the fault path refuses). Reads nothing but this view and its table: see {@link Translator}.
     */
    long hitAddress(long index, int width, boolean storing) {
        if (index < 0 || index > viewLength - width || storing && !writable) {
            return 0;
        }
        long position = viewOffset + index;
        long inBlock = position & mask;
        if (inBlock + width > mask + 1) {
            return 0;
        }
        long block = TranslationTable.entry(single, top, (position >>> shift) - firstPage, shift);
        return block == 0 ? 0 : block + inBlock;
    }

    /**
     * How many bytes from view index {@code index}, at most {@code limit}, one copy may move
     * from {@code address}, the hit address of {@code index}: to the end of its block and on
     * through the pages after it whose installed translations follow on in the container.
     * Takes the first page's address from the caller rather than reading it again: within a
     * section an entry may be shot down (the remover then waits for the section), and the copy
     * must use the translation it read.
     */
    int hitRun(long index, long address, int limit) {
        long position = viewOffset + index;
        long inBlock = position & mask;
        long mostPages = (inBlock + limit + mask) >>> shift;
        long pages = table.adjacentPages((position >>> shift) - firstPage, address - inBlock, mostPages);
        return (int) Math.min(limit, (pages << shift) - inBlock);
    }

    // ---- plain loads and stores ----

    public long load(long index, int width) {
        AccessSections.Slot slot = sections.enter();
        try {
            long address = hitAddress(index, width, false);
            if (address == 0) {
                return loadMissed(slot, index, width);
            }
            raceWindow();
            return Memory.getBits(address, width);
        } finally {
            sections.leave(slot);
        }
    }

    public void store(long index, int width, long bits) {
        AccessSections.Slot slot = sections.enter();
        try {
            long address = hitAddress(index, width, true);
            if (address == 0) {
                storeMissed(slot, index, width, bits);
            } else {
                raceWindow();
                Memory.putBits(address, width, bits);
            }
        } finally {
            sections.leave(slot);
        }
    }

    private long loadMissed(AccessSections.Slot slot, long index, int width) {
        long seq = missed(slot, index, width);
        if (translator.bytesLeftInBlock(index) >= width) {
            return Memory.getBits(translator.fault(slot, index, false, seq), width);
        }
        long bits = 0;
        for (int i = 0; i < width; i++) {
            bits |= (Memory.getByte(translator.fault(slot, index + i, false, seq)) & 0xFFL) << (8 * i);
        }
        return bits;
    }

    private void storeMissed(AccessSections.Slot slot, long index, int width, long bits) {
        long seq = missed(slot, index, width);
        if (translator.bytesLeftInBlock(index) >= width) {
            Memory.putBits(translator.fault(slot, index, true, seq), width, bits);
            return;
        }
        for (int i = 0; i < width; i++) {
            Memory.putByte(translator.fault(slot, index + i, true, seq), (byte) (bits >>> (8 * i)));
        }
    }

    /** The start of every miss: a stable sequence for the section, and the access checked against the file under it. */
    private long missed(AccessSections.Slot slot, long index, long length) {
        translator.checkViewRange(index, length);
        long seq = translator.stableSequence(slot);
        translator.checkRange(index, length);
        return seq;
    }

    // ---- ordered and atomic accesses (aligned) ----

    /** An ordered or atomic access of {@code width} (4 or 8) bytes at a naturally aligned file offset. */
    public long atomic(long index, int width, Op op, long a, long b) {
        if (((translator.fileOffset() + index) & (width - 1)) != 0) {
            throw new IllegalArgumentException(translator.containerPath() + ": " + translator.describe() + ": file offset "
                    + (translator.fileOffset() + index) + " is not aligned to " + width + " bytes, as ordered and atomic"
                    + " accesses need");
        }
        boolean storing = op != Op.GET_VOLATILE;
        AccessSections.Slot slot = sections.enter();
        try {
            long address = hitAddress(index, width, storing);
            if (address == 0) {
                address = translator.fault(slot, index, storing, missed(slot, index, width));
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

    // ---- bulk copies ----

    /**
     * Copies {@code length} bytes between the view at {@code index} and {@code array[offset..]}
     * (into the view if {@code storing}), in sections of at most {@value #SECTION_BYTES} bytes.
     * The caller has checked the array range; the whole copy is checked against the view and
     * the file first, so that one refused part-way is refused before any byte moved. A copy that
     * one section's translations cover whole skips those checks, as a single access does
     * ({@link #copyOnHits}).
     */
    public void copy(long index, byte[] array, int offset, int length, boolean storing) {
        if (copyOnHits(index, array, offset, length, storing)) {
            return;
        }
        checkWhole(index, length);
        if (storing && !translator.isWritable()) {
            throw translator.readOnlyException(index);
        }
        for (int done = 0; done < length; ) {
            done += copySection(index + done, array, offset + done, Math.min(length - done, SECTION_BYTES), storing);
        }
    }

    /**
     * The hit path of a copy: if the range lies within the view, fits one section, and installed
     * translations of adjacent blocks cover all of it, copies it in one section and returns true;
     * otherwise copies nothing and returns false, for {@link #copy} to check and fault. Like a
     * single access's hit it checks neither the handle nor the file ({@link Translator}, "Hits"):
     * a closed view, a deleted file and a closed store have no translations left, and a view
     * translates only pages wholly within the file's size, which a truncate shoots down from the
     * page its new end falls in. So a range the translations cover is usable and within the size
     * for the whole section. What a small copy saves is {@link #checkWhole}: the closed flags of
     * the view, the store, the file and its seqtex, and the file's size, lines other objects own.
     */
    private boolean copyOnHits(long index, byte[] array, int offset, int length, boolean storing) {
        if (index < 0 || length <= 0 || length > SECTION_BYTES || index > viewLength - length) {
            return false;
        }
        AccessSections.Slot slot = sections.enter();
        try {
            long address = hitAddress(index, 1, storing);
            if (address == 0 || !endsInItsFirstBlock(index, length) && hitRun(index, address, length) < length) {
                return false;
            }
            copyAt(address, array, offset, length, storing);
            return true;
        } finally {
            sections.leave(slot);
        }
    }

    /** True if {@code [index, index + length)} of the view lies in one block: its first page's hit covers it. */
    private boolean endsInItsFirstBlock(long index, int length) {
        return ((viewOffset + index) & mask) + length <= mask + 1;
    }

    /**
     * One section of a copy: runs of pages with installed translations of adjacent blocks are
     * copied whole; a page that misses is faulted and copied on its own, and ends the section,
     * so that a section holds at most one fault (which may run a metadata transaction).
     */
    private int copySection(long index, byte[] array, int offset, int length, boolean storing) {
        AccessSections.Slot slot = sections.enter();
        try {
            int done = 0;
            while (done < length) {
                long address = hitAddress(index + done, 1, storing);
                if (address == 0) {
                    long seq = missed(slot, index + done, length - done);
                    int chunk = (int) Math.min(length - done, translator.bytesLeftInBlock(index + done));
                    copyAt(translator.fault(slot, index + done, storing, seq), array, offset + done, chunk, storing);
                    return done + chunk;
                }
                int run = hitRun(index + done, address, length - done);
                copyAt(address, array, offset + done, run, storing);
                done += run;
            }
            return done;
        } finally {
            sections.leave(slot);
        }
    }

    private void copyAt(long address, byte[] array, int offset, int length, boolean storing) {
        raceWindow();
        if (storing) {
            Memory.copyFromHeap(array, offset, address, length);
        } else {
            Memory.copyToHeap(address, array, offset, length);
        }
    }

    /** Pauses for the store's race window, if its hooks set one (tests only). */
    private void raceWindow() {
        if (raceWindowNanos > 0) {
            LockSupport.parkNanos(raceWindowNanos);
        }
    }

    /** Refuses an operation on a closed view, store or deleted file, or outside the view or the file. */
    public void checkWhole(long index, long length) {
        translator.checkUsable();
        translator.checkRange(index, length);
    }

    // ---- persistence ----

    /**
     * Flushes {@code [index, index + length)} and waits until it is durable: in sections of at
     * most {@value #SECTION_BYTES} bytes, as a copy, so that a persist of a long (or long and
     * sparse) range holds no remover up for longer than one of them, then one fence. A section
     * that finds the range past the file's end stops: nothing is there to persist.
     */
    public void persist(long index, long length) {
        translator.checkViewRange(index, length);
        PersistEvent event = PersistEvent.begun();
        FlushTally tally = event == null ? null : new FlushTally();
        for (long done = 0; done < length; done += SECTION_BYTES) {
            AccessSections.Slot slot = sections.enter();
            try {
                translator.stableSequence(slot);
                long at = translator.fileOffset() + index + done;
                if (at >= node.size()) {
                    break;
                }
                data.flushRange(node, at, Math.min(SECTION_BYTES, length - done), tally);
            } finally {
                sections.leave(slot);
            }
        }
        drain();
        counters.persist(length);
        if (event != null) {
            PersistEvent.end(event, node.name(), length, 1, tally.lines(), tally.calls());
        }
    }

    /**
     * As {@link #persist}, for {@code count} ranges with one plan of flushes and one fence: the
     * ranges are walked in sections of at most {@value #SECTION_BYTES} bytes of them, each range
     * clipped to the file's end (a range shorter than {@value #RANGE_MIN_COST} bytes, or past the
     * end, counts as that many, so that a batch of many tiny ranges is cut into sections too),
     * and each section flushes what it planned before it ends.
     */
    public void persistRanges(long[] indexes, long[] lengths, int count, FlushPlan plan) {
        PersistEvent event = PersistEvent.begun();
        FlushTally tally = event == null ? null : new FlushTally();
        int range = 0;
        long done = 0; // bytes of ranges[range] planned so far
        while (range < count) {
            AccessSections.Slot slot = sections.enter();
            try {
                translator.stableSequence(slot);
                long end = node.size();
                for (long budget = SECTION_BYTES; range < count && budget > 0; ) {
                    long at = translator.fileOffset() + indexes[range] + done;
                    long step = Math.min(Math.min(lengths[range] - done, end - at), budget);
                    if (step > 0) {
                        data.planFlush(node, at, step, plan);
                        done += step;
                    }
                    budget -= Math.max(step, RANGE_MIN_COST);
                    if (step <= 0 || done == lengths[range] || at + step >= end) {
                        range++;
                        done = 0;
                    }
                }
                data.flush(plan, tally);
            } finally {
                plan.clear();
                sections.leave(slot);
            }
        }
        drain();
        long bytes = sum(lengths, count);
        counters.persist(bytes);
        if (event != null) {
            PersistEvent.end(event, node.name(), bytes, count, tally.lines(), tally.calls());
        }
    }

    private static long sum(long[] values, int count) {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += values[i];
        }
        return sum;
    }

    /** The fence that ends a persist, in a checked section of its own. */
    private void drain() {
        AccessSections.Slot slot = sections.enter();
        try {
            translator.stableSequence(slot);
            data.drain();
        } finally {
            sections.leave(slot);
        }
    }

    // ---- scopes ----

    /**
     * Opens the section of an access scope over {@code [index, index + length)} and fills
     * {@code pages} with the address of each page's block minus the page's offset in it (so
     * that page {@code p} of the scope holds file offset {@code x} at {@code pages[p] + (x & mask)}),
     * allocating the holes of a writable scope. The section stays open, for {@link #closeScope};
     * if this throws, it is closed.
     */
    public AccessSections.Slot openScope(long index, long length, boolean writable, long[] pages) {
        AccessSections.Slot slot = sections.enterScope();
        try {
            long seq = translator.stableSequence(slot, true);
            translator.checkRange(index, length);
            long firstPage = (translator.fileOffset() + index) >>> translator.blockShift();
            long mask = (1L << translator.blockShift()) - 1;
            for (int p = 0; p < pages.length; p++) {
                long pageIndex = Math.max(index, ((firstPage + p) << translator.blockShift()) - translator.fileOffset());
                long address = hitAddress(pageIndex, 1, writable);
                if (address == 0) {
                    address = translator.fault(slot, pageIndex, writable, seq);
                }
                pages[p] = address - ((translator.fileOffset() + pageIndex) & mask);
            }
            return slot;
        } catch (RuntimeException | Error e) {
            sections.leaveScope(slot);
            throw e;
        }
    }

    /**
     * The number of pages a scope over {@code [index, index + length)} (within the view) spans,
     * refused before anything is allocated if its page table, which a scope allocates whole
     * (8 bytes a page, and 8 per 512 pages), would not fit in the share of the heap budget that
     * translations may take, or in an array.
     *
     * @throws IllegalArgumentException saying how much the scope may span and what to do
     */
    public int scopePages(long index, long length) {
        long position = viewOffset + index;
        long pages = length == 0 ? 0 : ((position + length - 1) >>> shift) - (position >>> shift) + 1;
        long most = Math.min(Integer.MAX_VALUE - 8, translator.translationShare() / (Long.BYTES + 1));
        if (pages > most) {
            throw new IllegalArgumentException(translator.containerPath() + ": cannot open a scope of " + length
                    + " bytes at index " + index + " of " + translator.describe() + ": a scope translates every page"
                    + " when it opens (8 bytes of heap a page of " + (mask + 1) + " bytes), and " + pages + " pages are"
                    + " more than the " + most + " that fit in the views' share of the store's heap budget: open"
                    + " scopes over the range a loop uses, at most " + (most << shift) + " bytes, or give the JVM"
                    + " more heap (-Xmx)");
        }
        return (int) pages;
    }

    /** Ends the section of a scope opened by {@link #openScope}, which held it through {@code holder}. */
    public void closeScope(AccessSections.Slot slot, AccessSections.Holder holder) {
        sections.release(slot, holder);
        sections.leaveScope(slot);
    }

    /** Records that {@code holder} keeps the scope's section open (see {@link AccessSections#hold}). */
    public void holdScope(AccessSections.Slot slot, AccessSections.Holder holder) {
        sections.hold(slot, holder);
    }

    // ---- the view ----

    public long length() {
        return translator.viewLength();
    }

    public long fileOffset() {
        return translator.fileOffset();
    }

    public boolean isWritable() {
        return translator.isWritable();
    }

    public int blockShift() {
        return translator.blockShift();
    }

    public boolean isClosed() {
        return translator.isClosed();
    }

    /** Refuses a closed view or store or a deleted file. */
    public void ensureUsable() {
        translator.checkUsable();
    }

    /** Refuses a range outside the view (not the file): before anything sized by it is allocated. */
    public void checkViewRange(long index, long length) {
        translator.checkViewRange(index, length);
    }

    /** The heap the view's translations take now, in bytes. */
    public long translationBytes() {
        return table.bytes();
    }

    public org.daxstore.ReadOnlyViewException readOnlyException(long index) {
        return translator.readOnlyException(index);
    }

    public org.daxstore.ClosedException closedException() {
        return translator.closedException();
    }

    public String describe() {
        return translator.describe();
    }

    public String containerPath() {
        return translator.containerPath();
    }

    /** Closes the view: see {@link Translator#close}. */
    public void close() {
        translator.close();
    }
}
