package org.daxstore.fault;

import org.daxstore.ClosedException;
import org.daxstore.NoSuchDaxFileException;
import org.daxstore.ReadOnlyViewException;
import org.daxstore.events.FaultEvent;
import org.daxstore.fs.BlockMap;
import org.daxstore.fs.FileNames;
import org.daxstore.fs.FileNode;
import org.daxstore.fs.MappedViews;
import org.daxstore.fs.StableSequence;
import org.daxstore.fs.Volume;
import org.daxstore.media.Medium;
import org.daxstore.sync.AccessSections;
import org.daxstore.sync.Seqtex;

/**
 * One view's translations and the faults that fill them: the user-space page table of a view
 * and its page-fault handler. {@link ViewAccess} runs the access protocol over it, and serves
 * the hits.
 *
 * <h2>Hits</h2>
 * A hit reads the view's {@link TranslationTable} and nothing of the file: no seqtex, no size,
 * no generation. That is safe because every access runs inside an access section
 * ({@link AccessSections}) and a remover, before it unlinks anything, drops the translations
 * of exactly the pages it removes from every live view ({@link MappedViews}), then waits for
 * the sections that were running. Dekker's condition, between the accessor (entering store,
 * then load of the entry) and the remover (store of 0 to the entry, then load of the section
 * counters), says that either the accessor sees no translation and faults, or the remover sees
 * its section and waits for it to end. The size needs no check on a hit because a view
 * translates only pages that lie wholly within the size, and a truncate shoots down from the
 * page its new end falls in: an access at or past the end always faults, and the fault checks.
 *
 * <h2>Faults</h2>
 * A fault runs inside the access's section and first takes an even seqtex sequence
 * ({@link #stableSequence}): if a remover is running, it leaves the section, parks until the
 * remover ends, and enters again. A section that has read an even sequence is one the remover
 * either waits for (it saw the section) or is invisible to (then the section's loads see the
 * odd sequence, by the same Dekker argument): so every block the fault looks up stays linked
 * until the section ends, and the access may use it. Then:
 * <ul>
 *   <li>a load from a hole reads the shared zero page; nothing is allocated and nothing is
 *       installed, so the first store to the page, from any view, is seen at once;</li>
 *   <li>a store to a hole allocates a zeroed block and links it in a metadata transaction,
 *       once, whichever of the threads faulting on the page gets there first;</li>
 *   <li>the translation is installed only if the sequence is still the one the fault read,
 *       checked under the table's monitor, which the remover's shootdown takes after making the
 *       sequence odd. The seed's race, in its new form: a fault that looked a block up as a
 *       remover began either installs before the shootdown, which then drops it, or after it,
 *       and then sees the odd sequence and installs nothing. Checking the sequence before the
 *       install, without the monitor, would let a shootdown pass between the check and the
 *       install; installing first and checking after would let another thread hit the stale
 *       entry, unseen by a grace period that had already scanned it.</li>
 *   <li>a page that is not wholly within the file's size is served but never installed.</li>
 * </ul>
 */
public final class Translator implements MappedViews.View, TranslationTable.Validity, StableSequence.Usability {
    private final Volume volume;
    private final FileNode node;
    private final Seqtex seqtex;
    private final Medium medium;
    private final BlockMap map;
    private final FaultHook hook;
    private final long zeroPage;
    private final long viewOffset;
    private final long viewLength;
    private final boolean writable;
    private final int shift;
    private final long mask;
    private final long firstPage;
    private final TranslationTable table;
    private volatile boolean closed;

    /** A view of {@code [viewOffset, viewOffset + viewLength)} of {@code node}, registered with its file. */
    public Translator(Volume volume, FileNode node, long viewOffset, long viewLength, boolean writable, FaultHook hook) {
        this.volume = volume;
        this.node = node;
        this.seqtex = node.seqtex;
        this.medium = volume.medium();
        this.map = volume.blockMap();
        this.hook = hook;
        this.zeroPage = volume.zeroPageAddress();
        this.viewOffset = viewOffset;
        this.viewLength = viewLength;
        this.writable = writable;
        this.shift = volume.layout().blockShift();
        this.mask = volume.layout().blockSize() - 1;
        this.firstPage = viewOffset >>> shift;
        long pages = viewLength == 0 ? 0 : ((viewOffset + viewLength - 1) >>> shift) - firstPage + 1;
        this.table = new TranslationTable(pages, shift, volume.heapBudget());
        TranslationTable ownTable = table; // not this: the registration must not keep the view alive
        node.views.add(this, ownTable::clear);
    }

    // ---- faults ----

    /**
     * Returns an even sequence of the file's seqtex that the section of {@code slot} may trust,
     * parking first, outside the section, while a remover runs; refuses a closed view or store
     * or a deleted file. If it had to park, the section is a new one: whatever the caller
     * translated before this call is stale. The check is {@link StableSequence#await}, which
     * positional I/O shares.
     */
    long stableSequence(AccessSections.Slot slot) {
        return stableSequence(slot, false);
    }

    /**
     * As {@link #stableSequence(AccessSections.Slot)}, for the section of a single access or, if
     * {@code scope}, of a scope that is opening (whose section is the slot's scope section).
     */
    long stableSequence(AccessSections.Slot slot, boolean scope) {
        return StableSequence.await(volume, node, slot, scope ? StableSequence.Section.SCOPE : StableSequence.Section.ACCESS, this);
    }

    /**
     * The slow path of an access at view index {@code index}: the address of its byte in the
     * page's block (for a load from a hole, in the zero page), allocating the block for a store
     * to a hole, and installing the translation if it may. Runs in the section that
     * {@code seq} came from ({@link #stableSequence}), on {@code slot}; the caller accesses at
     * most to the end of the block, and has checked the access against the view and the file
     * ({@link #checkRange}).
     */
    long fault(AccessSections.Slot slot, long index, boolean storing, long seq) {
        if (storing && !writable) {
            throw readOnlyException(index);
        }
        FaultEvent event = FaultEvent.begun();
        long position = viewOffset + index;
        long page = position >>> shift;
        long block = map.lookup(node, page);
        boolean allocated = false;
        if (block == 0) {
            if (!storing) {
                faulted(event, slot, page, "hole", false, false);
                return zeroPage + (position & mask);
            }
            block = volume.update(node, w -> volume.blockMap().lookupOrAllocate(w, page));
            allocated = true;
        }
        long address = medium.address(volume.layout().blockOffset(block));
        if (hook != null) {
            hook.lookedUp(page, block);
        }
        boolean installing = (page + 1) << shift <= node.size();
        if (installing) {
            table.install(page - firstPage, address, this, seq);
        }
        faulted(event, slot, page, allocated ? "allocated" : "block", allocated, installing);
        return address + (position & mask);
    }

    /**
     * Counts a fault of {@code page} in the store's counters and ends its event, if it has one,
     * with the parks of the section's check as its retries.
     */
    private void faulted(FaultEvent event, AccessSections.Slot slot, long page, String kind, boolean allocated, boolean installed) {
        volume.counters().fault(allocated);
        if (event != null) {
            FaultEvent.end(event, node.name(), page, kind, installed, mask + 1, slot.takeCheckParks());
        }
    }

    /** Under the table's monitor: the view is open and no remover has begun since {@code seq} was read. */
    @Override
    public boolean stillValid(long seq) {
        return !closed && seqtex.sequence() == seq;
    }

    /** Bytes from view index {@code index} to the end of its block. */
    long bytesLeftInBlock(long index) {
        return mask + 1 - ((viewOffset + index) & mask);
    }

    // ---- shootdown ----

    /** Drops the translations of file pages {@code [fromPage, toPage)} (see {@link MappedViews.View}). */
    @Override
    public void shootDown(long fromPage, long toPage) {
        long from = Math.max(fromPage, firstPage) - firstPage;
        long to = toPage - firstPage; // the table clamps to its own pages
        if (toPage > firstPage && from < to) {
            table.shootDown(from, to);
        }
    }

    /** The heap the translations of the store's views may take together, in bytes. */
    long translationShare() {
        return volume.heapBudget().viewShare();
    }

    /** The view's table, for {@link ViewAccess}'s hits. */
    TranslationTable table() {
        return table;
    }

    // ---- checks and messages ----

    long viewLength() {
        return viewLength;
    }

    boolean isWritable() {
        return writable;
    }

    int blockShift() {
        return shift;
    }

    /** The file offset of view index 0. */
    long fileOffset() {
        return viewOffset;
    }

    /**
     * Checks that {@code [index, index + length)} lies within the view and the file; in a
     * section that has taken a stable sequence, the file's size cannot shrink under it.
     */
    void checkRange(long index, long length) {
        checkViewRange(index, length);
        long position = viewOffset + index;
        long size = node.size();
        if (position + length > size) {
            throw new IndexOutOfBoundsException(volume.path() + ": file offset " + position + " +" + length
                    + " is beyond the end of file " + FileNames.quote(node.name()) + " (size " + size + ")");
        }
    }

    /**
     * Checks that {@code [index, index + length)} lies within the view, not the file (whose size
     * only a section can trust): what a caller checks before allocating anything sized by it.
     */
    void checkViewRange(long index, long length) {
        if (index < 0 || length < 0 || index > viewLength - length) {
            throw new IndexOutOfBoundsException(volume.path() + ": index " + index + " +" + length + " is outside the view [0, "
                    + viewLength + ") of file " + FileNames.quote(node.name()));
        }
    }

    /** Throws the typed exception of a closed view, a closed store or a deleted file. */
    @Override
    public void checkUsable() {
        if (closed) {
            throw closedException();
        }
        if (volume.isClosed()) {
            throw new ClosedException(volume.path() + ": the store is closed: " + describe() + " can no longer be used");
        }
        if (node.isDeleted() || seqtex.isClosed()) {
            throw new NoSuchDaxFileException(volume.path() + ": file " + FileNames.quote(node.name()) + " has been deleted: "
                    + describe() + " can no longer be used");
        }
    }

    /** The exception of a store at view index {@code index} if the view is read-only. */
    ReadOnlyViewException readOnlyException(long index) {
        return new ReadOnlyViewException(volume.path() + ": " + describe() + " is read-only: a store at index " + index
                + " needs a READ_WRITE view");
    }

    ClosedException closedException() {
        return new ClosedException(volume.path() + ": " + describe() + " is closed");
    }

    /** "the view [offset, +length) of file 'name'", for messages; the container's path is not in it. */
    String describe() {
        return "the view [" + viewOffset + ", +" + viewLength + ") of file " + FileNames.quote(node.name());
    }

    String containerPath() {
        return volume.path().toString();
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Closes the view: every access that begins after this faults (its translations are gone)
     * and the fault refuses. Gives the translations' heap back. Idempotent.
     */
    void close() {
        closed = true;
        node.views.remove(this);
        table.clear();
    }
}
