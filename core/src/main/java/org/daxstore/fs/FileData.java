package org.daxstore.fs;

import java.util.Arrays;
import java.util.concurrent.locks.Lock;

import org.daxstore.ClosedException;
import org.daxstore.NoSuchDaxFileException;
import org.daxstore.StoreFullException;
import org.daxstore.StoreIOException;
import org.daxstore.format.InodeFormat;
import org.daxstore.format.Layout;
import org.daxstore.media.FlushPlan;
import org.daxstore.media.FlushTally;
import org.daxstore.media.Medium;
import org.daxstore.media.Memory;
import org.daxstore.sync.AccessSections;

/**
 * The contents of files: positional reads and writes (copies, like {@code FileChannel}),
 * truncate, punch-hole, allocate and zero-range.
 *
 * <p>Rules kept here:
 * <ul>
 *   <li>No block maps a page at or beyond {@code ceil(size / blockSize)}; bytes past the size in
 *       the last block are undefined on media and are zeroed whenever the size grows over
 *       them, before the new size commits. So shrinking needs no zeroing, and a file that grows
 *       again reads zeros there.</li>
 *   <li>Operations that remove blocks hold the file's structure lock exclusively, and run as
 *       writers of the file's seqtex after the views' running accesses have ended
 *       ({@link Volume#removeBlocks}); the others hold the structure lock shared, except
 *       positional reads and overwrites of mapped pages ({@link #read}, {@link #overwrite}),
 *       which take no lock at all: they run in access sections, as a view's accesses do, and
 *       removers wait for them the same way (docs/FAULT-PATH.md, "Positional I/O").</li>
 *   <li>Blocks are allocated and linked in transactions of at most
 *       {@value #PAGES_PER_TRANSACTION} pages, so a large write commits in steps, each one
 *       atomic, each one growing the size over the pages it filled. A failed operation leaves
 *       the file as it was: every block is given before any byte is copied or zeroed, and if a
 *       step fails the ones before it are undone ({@code giveBlocks}); an operation of several
 *       steps that needs blocks holds the structure lock exclusively, since the undo removes
 *       blocks (an overwrite of mapped pages needs none and holds it shared).</li>
 * </ul>
 */
public final class FileData {
    static final int PAGES_PER_TRANSACTION = 256;
    /**
     * The most a positional read or overwrite copies in one access section: what a view's bulk
     * copy moves in one ({@code fault.ViewAccess}), for the same reason (removers wait for it).
     */
    static final int SECTION_BYTES = 256 << 10;

    private final Volume volume;
    private final Layout layout;
    private final Medium medium;
    private final BlockMap map;
    private final int shift;
    private final long pageMask;
    /** The store's race-window hook ({@link StoreHooks#raceWindowNanos}; 0 outside tests). */
    private final long raceWindowNanos;

    public FileData(Volume volume) {
        this.volume = volume;
        this.layout = volume.layout();
        this.medium = volume.medium();
        this.map = volume.blockMap();
        this.shift = layout.blockShift();
        this.pageMask = layout.blockSize() - 1;
        this.raceWindowNanos = volume.hooks().raceWindowNanos();
    }

    /**
     * Reads up to {@code length} bytes at {@code position}; -1 at or past the end of the file.
     * Takes no lock: it copies in fenced access sections ({@link AccessSections#enterFenced}, so
     * that a thread idle after its positional I/O keeps no removal on the barrier) of at most
     * {@value #SECTION_BYTES} bytes, each checked against the file's seqtex ({@link StableSequence}),
     * so a removal or close that begins meanwhile waits for the section, and one that is running
     * holds the read until it ends. Within a section the size and blocks are those of one instant; a read of more than
     * one section may see a truncate or punch between two of them (bytes then read as zeros, or
     * the read ends early at the new size), as a read of a file racing its truncate may anywhere.
     * Refused ({@code usability}, or {@link Volume#insideAScope}) inside each section.
     */
    public int read(FileNode node, long position, byte[] dst, int offset, int length, StableSequence.Usability usability) {
        checkRange(node, position, length);
        AccessSections sections = volume.sections();
        int done = 0;
        while (true) {
            AccessSections.Slot slot = sections.enterFenced();
            try {
                check(node, slot, usability);
                long at = position + done;
                long size = node.size;
                if (at >= size || length == 0) {
                    return done > 0 || length == 0 ? done : -1;
                }
                int chunk = (int) Math.min(Math.min(length - done, SECTION_BYTES), size - at);
                copyOut(node, at, dst, offset + done, chunk);
                done += chunk;
                if (done == length) {
                    return done;
                }
            } finally {
                sections.leave(slot);
            }
        }
    }

    /**
     * As {@link #read(FileNode, long, byte[], int, int, StableSequence.Usability)}, refused with
     * this class's own messages: for the store's tools and tests, which hold no handle.
     */
    public int read(FileNode node, long position, byte[] dst, int offset, int length) {
        return read(node, position, dst, offset, length, () -> {
            if (volume.isClosed()) {
                throw new ClosedException(volume.path() + ": the store is closed");
            }
            if (node.deleted || node.seqtex.isClosed()) {
                ensureLive(node);
                throw new ClosedException(volume.path() + ": the store is closed");
            }
        });
    }

    /**
     * Overwrites {@code [position, position + length)} with {@code src[offset..]} if every page
     * of it is within the size and has a block, in one access section checked as a
     * {@link #read} is, with no lock; false, having written nothing, if the range is longer than
     * a section, or reaches past the size or into a hole: then {@link #write} must do it (it
     * allocates, under the structure lock). A removal waits for the section, so every block it
     * writes is the file's until the section ends; an operation of several steps that is giving
     * the file blocks and then fails takes them back after this wrote there, as it would after a
     * view stored there ({@link #giveBlocks}).
     */
    public boolean overwrite(FileNode node, long position, byte[] src, int offset, int length,
                             StableSequence.Usability usability) {
        checkRange(node, position, length);
        if (length == 0 || length > SECTION_BYTES) {
            return false;
        }
        long end = position + length;
        long now = volume.clock().millis(); // the clock is the user's: not read inside a section
        AccessSections sections = volume.sections();
        AccessSections.Slot slot = sections.enterFenced();
        try {
            check(node, slot, usability);
            if (end > node.size || !allMapped(node, position, end)) {
                return false;
            }
            int at = offset;
            for (long pos = position; pos < end; ) {
                int chunk = (int) Math.min(layout.blockSize() - (pos & pageMask), end - pos);
                long address = addressOf(map.lookup(node, pos >>> shift), pos);
                raceWindow();
                Memory.copyFromHeap(src, at, address, chunk);
                pos += chunk;
                at += chunk;
            }
            touch(node, now);
            return true;
        } finally {
            sections.leave(slot);
        }
    }

    /** The checks of a positional section: no scope open on this thread, and a stable sequence ({@link StableSequence}). */
    private void check(FileNode node, AccessSections.Slot slot, StableSequence.Usability usability) {
        if (slot.holdsScope()) {
            throw volume.insideAScope();
        }
        StableSequence.await(volume, node, slot, StableSequence.Section.POSITIONAL, usability);
    }

    /** Copies file bytes {@code [position, position + length)}, within the size, into {@code dst}; holes read as zeros. */
    private void copyOut(FileNode node, long position, byte[] dst, int offset, int length) {
        long pos = position;
        int at = offset;
        for (long end = position + length; pos < end; ) {
            int chunk = (int) Math.min(layout.blockSize() - (pos & pageMask), end - pos);
            long block = map.lookup(node, pos >>> shift);
            if (block == 0) {
                Arrays.fill(dst, at, at + chunk, (byte) 0);
            } else {
                raceWindow();
                Memory.copyToHeap(addressOf(block, pos), dst, at, chunk);
            }
            pos += chunk;
            at += chunk;
        }
    }

    /** Pauses for the store's race window, if its hooks set one (tests only). */
    private void raceWindow() {
        if (raceWindowNanos > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(raceWindowNanos);
        }
    }

    /**
     * Sets the modification time to {@code now} unless it already is: a write per millisecond at
     * most, not per call, since the node's line is read by every positional call and view fault
     * of the file (two threads writing it on every call would pass it between their cores).
     */
    private static void touch(FileNode node, long now) {
        if (node.modifiedMillis != now) {
            node.modifiedMillis = now;
        }
    }

    /**
     * Writes all of {@code src[offset, offset + length)} at {@code position}, growing the file as
     * needed: all or nothing, see {@link #giveBlocks}.
     */
    public void write(FileNode node, long position, byte[] src, int offset, int length) {
        checkRange(node, position, length);
        long end = position + length;
        Lock lock = lockForGrowth(node, position, end);
        try {
            ensureLive(node);
            giveBlocks(node, position, end, true);
            int at = offset;
            for (long pos = position; pos < end; ) {
                int chunk = (int) Math.min(layout.blockSize() - (pos & pageMask), end - pos);
                Memory.copyFromHeap(src, at, addressOf(map.lookup(node, pos >>> shift), pos), chunk);
                pos += chunk;
                at += chunk;
            }
            touch(node, volume.clock().millis());
        } finally {
            lock.unlock();
        }
    }

    /** Sets the size: shrinking frees every block past the new end; growing leaves a hole. */
    public void truncate(FileNode node, long newSize) {
        if (newSize < 0 || newSize > InodeFormat.MAX_FILE_SIZE) {
            throw new IllegalArgumentException(where(node) + "cannot truncate to " + newSize + ": outside [0, "
                    + InodeFormat.MAX_FILE_SIZE + "]");
        }
        node.structure.writeLock().lock();
        try {
            ensureLive(node);
            if (newSize < node.size) {
                // From the page the new end falls in: views translate only pages that lie
                // wholly within the size, so that a hit needs no size check.
                volume.removeBlocks(node, newSize >>> shift, Long.MAX_VALUE, w -> {
                    map.free(w, pagesFor(newSize), Long.MAX_VALUE);
                    w.size = newSize;
                    w.modifiedMillis = volume.clock().millis();
                    return null;
                }, () -> { });
            } else {
                volume.update(node, w -> {
                    growSize(w, newSize);
                    w.modifiedMillis = volume.clock().millis();
                    return null;
                });
            }
        } finally {
            node.structure.writeLock().unlock();
        }
    }

    /**
     * Makes {@code [offset, offset + length)} read as zeros without changing the size: whole
     * blocks inside the range are freed, partial blocks at its ends are zeroed in place.
     */
    public void punchHole(FileNode node, long offset, long length) {
        checkRange(node, offset, length);
        node.structure.writeLock().lock();
        try {
            ensureLive(node);
            // The size cannot change under the structure lock, so the pages whose blocks go are
            // known before the removal starts; the partial pages at the ends keep their blocks.
            long end = Math.min(offset + length, node.size);
            long firstWhole = pagesFor(offset);
            long endWhole = end == node.size ? pagesFor(end) : end >>> shift;
            volume.removeBlocks(node, firstWhole, Math.max(firstWhole, endWhole), w -> {
                if (offset >= end) {
                    return null;
                }
                if (firstWhole < endWhole) {
                    map.free(w, firstWhole, endWhole);
                }
                zeroInPlace(w, offset, Math.min(end, firstWhole << shift));
                zeroInPlace(w, Math.max(offset, endWhole << shift), end);
                w.modifiedMillis = volume.clock().millis();
                return null;
            }, () -> { });
        } finally {
            node.structure.writeLock().unlock();
        }
    }

    /**
     * Gives every page of the range a zeroed block (like {@code fallocate} mode 0), growing the
     * size to cover it; later writes there cannot fail for lack of space.
     */
    public void allocate(FileNode node, long offset, long length) {
        fill(node, offset, length, false);
    }

    /** Makes the range read as zeros and gives it blocks, growing the size to cover it. */
    public void zeroRange(FileNode node, long offset, long length) {
        fill(node, offset, length, true);
    }

    private void fill(FileNode node, long offset, long length, boolean zero) {
        checkRange(node, offset, length);
        long end = offset + length;
        Lock lock = lockForGrowth(node, offset, end);
        try {
            ensureLive(node);
            // An allocate only reserves (as fallocate mode 0 does): its blocks are backed but
            // not mapped ahead, which for a large range is most of the cost; a zero-range
            // writes them at once.
            giveBlocks(node, offset, end, zero);
            if (zero) {
                prefaultBlocks(node, offset, end);
                for (long pos = offset; pos < end; ) {
                    int chunk = (int) Math.min(layout.blockSize() - (pos & pageMask), end - pos);
                    Memory.fill(addressOf(map.lookup(node, pos >>> shift), pos), chunk, (byte) 0);
                    pos += chunk;
                }
                if (length > 0) {
                    node.modifiedMillis = volume.clock().millis();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Maps the blocks under file bytes {@code [from, to)} ahead of a write of all of them, a run
     * of consecutive blocks per call ({@link Medium#prefault}): blocks an allocate reserved are
     * backed but not mapped, and a zero-range over them would otherwise pay a page fault for
     * each page of the range.
     */
    private void prefaultBlocks(FileNode node, long from, long to) {
        long runStart = 0;
        long runEnd = 0;
        for (long page = from >>> shift, last = (to - 1) >>> shift; from < to && page <= last; page++) {
            long block = map.lookup(node, page);
            if (block != runEnd) {
                prefaultRun(runStart, runEnd);
                runStart = block;
            }
            runEnd = block + 1;
        }
        prefaultRun(runStart, runEnd);
    }

    private void prefaultRun(long fromBlock, long toBlock) {
        if (fromBlock != 0 && toBlock > fromBlock) {
            medium.prefault(layout.blockOffset(fromBlock), layout.blockOffset(toBlock - fromBlock));
        }
    }

    /**
     * Takes and returns the structure lock an operation giving {@code [from, to)} blocks needs:
     * shared if it takes one transaction (which is atomic by itself) or none (every page mapped
     * within the size, as for an overwrite: nothing can fail for space, and holding the lock
     * shared keeps removers out), exclusive otherwise, since undoing the steps that committed
     * before one failed removes blocks ({@link #giveBlocks}).
     */
    private Lock lockForGrowth(FileNode node, long from, long to) {
        Lock shared = node.structure.readLock();
        shared.lock();
        if (stepEnd(from, to) >= to || !node.deleted && to <= node.size && allMapped(node, from, to)) {
            return shared;
        }
        shared.unlock();
        Lock exclusive = node.structure.writeLock();
        exclusive.lock();
        return exclusive;
    }

    /**
     * Gives every page of {@code [from, to)} a block and grows the size to {@code to}, all or
     * nothing: in transactions of at most {@value #PAGES_PER_TRANSACTION} pages (the journal's
     * limit), and if one fails (the store or the file system is full), the steps that committed
     * before it are undone (the blocks they gave holes freed, the size put back) before the
     * failure is thrown. Nothing is copied before every block is there, so a failed write or
     * zero-range leaves the file's bytes as they were too. The caller holds the structure lock
     * that {@link #lockForGrowth} took; {@code touched} says it writes the blocks at once
     * ({@link BlockMap#lookupOrAllocate(FileNode, long, boolean)}). A view storing into a hole of the range while this runs
     * may see its block given back with the rest if the operation fails; a crash between the
     * steps leaves the ones that committed, each atomic.
     */
    private void giveBlocks(FileNode node, long from, long to, boolean touched) {
        Growth growth = new Growth(node.size, BlockMap.height(node.map));
        try {
            for (long pos = from; pos < to; ) {
                long stepEnd = stepEnd(pos, to);
                ensureBlocks(node, pos, stepEnd, growth, touched);
                pos = stepEnd;
            }
        } catch (RuntimeException | Error e) {
            if (growth.anythingCommitted()) {
                RuntimeException undoFailure = undo(node, growth);
                if (undoFailure != null) {
                    StoreIOException kept = new StoreIOException("cannot give bytes [" + from + ", " + to + ") their"
                            + " blocks: " + volume.withoutLocation(e.getMessage(), node) + "; giving back what the steps"
                            + " before took failed too (" + volume.withoutLocation(undoFailure.getMessage(), node)
                            + "), so the file is not as it was: its size is " + node.size
                            + " bytes (it was " + growth.oldSize + "), and the pages it gained read as zeros", e);
                    kept.addSuppressed(undoFailure);
                    throw volume.located(kept, node);
                }
            }
            if (e instanceof StoreFullException) {
                // The allocator ran out with none free; the step it was in (and the undo, for
                // earlier steps) gave back what it took, so say what is free now.
                StoreFullException full = new StoreFullException("cannot give bytes [" + from + ", " + to + ") their"
                        + " blocks: it ran out of space part-way (" + volume.withoutLocation(e.getMessage(), node)
                        + "); what the operation took is given back, so "
                        + (volume.allocator().freeBlocks() + volume.allocator().storagePendingBlocks()) + " of "
                        + volume.layout().dataBlockCount() + " data blocks are free again", e);
                java.util.Arrays.stream(e.getSuppressed()).forEach(full::addSuppressed);
                throw volume.located(full, node);
            }
            throw e;
        }
    }

    /**
     * Takes back what the committed steps of {@code growth} gave: first the blocks of holes below
     * the old size, a step's worth at a time (each a removal the journal holds), then the size,
     * as a truncate does, and the roots by which the map grew taller. Returns the failure that
     * stopped it, or null if the file is as it was.
     */
    private RuntimeException undo(FileNode node, Growth growth) {
        try {
            for (int from = 0; from < growth.count(); from += PAGES_PER_TRANSACTION) {
                int first = from;
                int last = Math.min(growth.count(), from + PAGES_PER_TRANSACTION);
                volume.removeBlocks(node, growth.page(first), growth.page(last - 1) + 1, w -> {
                    for (int i = first; i < last; i++) {
                        map.free(w, growth.page(i), growth.page(i) + 1);
                    }
                    return null;
                }, () -> { });
            }
            if (node.size > growth.oldSize || BlockMap.height(node.map) > growth.oldHeight) {
                volume.removeBlocks(node, growth.oldSize >>> shift, Long.MAX_VALUE, w -> {
                    map.free(w, pagesFor(growth.oldSize), Long.MAX_VALUE);
                    map.lower(w, growth.oldHeight);
                    w.size = growth.oldSize;
                    return null;
                }, () -> { });
            }
        } catch (RuntimeException e) {
            return e;
        }
        return null;
    }

    /**
     * Makes the file's data and inode durable: the analogue of {@code fsync}. The blocks are
     * flushed in runs of consecutive blocks; the transaction that writes the inode back fences
     * them (its first step), so the whole call costs one fence per transaction step.
     */
    public void force(FileNode node) {
        node.structure.readLock().lock();
        try {
            ensureLive(node);
            long[] run = {-1, -1};
            map.forEachBlock(node, (block, level, firstPage) -> {
                if (block != run[1]) {
                    flushBlocks(run[0], run[1]);
                    run[0] = block;
                }
                run[1] = block + 1;
            });
            flushBlocks(run[0], run[1]);
            volume.update(node, w -> null);
        } finally {
            node.structure.readLock().unlock();
        }
    }

    /**
     * Writes back the file bytes {@code [offset, offset + length)}, up to the file's size: one
     * flush per run of consecutive blocks; holes have nothing to write back. They are durable
     * after the next {@link #drain}.
     *
     * <p>The caller is inside an access section that has checked the store and the file
     * ({@code Translator.stableSequence}): removers and close wait for it, so the block map it
     * reads and the blocks it flushes stay the file's, and mapped, until it ends. It keeps the
     * range short (a view persists in sections of a bounded length), because they wait. Each
     * flush is counted in {@code tally} if it is not null.
     */
    public void flushRange(FileNode node, long offset, long length, FlushTally tally) {
        long runStart = -1;
        long runEnd = -1;
        for (long pos = offset, end = Math.min(offset + length, node.size); pos < end; ) {
            int chunk = (int) Math.min(layout.blockSize() - (pos & pageMask), end - pos);
            long block = map.lookup(node, pos >>> shift);
            long at = layout.blockOffset(block) + (pos & pageMask);
            if (block != 0 && at == runEnd) {
                runEnd += chunk;
            } else {
                if (runStart >= 0) {
                    flushRun(runStart, runEnd, tally);
                }
                runStart = block == 0 ? -1 : at;
                runEnd = block == 0 ? -1 : at + chunk;
            }
            pos += chunk;
        }
        if (runStart >= 0) {
            flushRun(runStart, runEnd, tally);
        }
    }

    private void flushRun(long start, long end, FlushTally tally) {
        medium.flush(start, end - start);
        if (tally != null) {
            tally.flushed(start, end - start);
        }
    }

    /** Waits until what {@link #flushRange} wrote back is durable: the fence that ends a persist. */
    public void drain() {
        medium.drain();
    }

    /**
     * Adds to {@code plan} the container ranges that hold the file bytes
     * {@code [offset, offset + length)}; holes add nothing. The caller is inside a checked
     * access section, keeps the range short and flushes the plan ({@link #flush(FlushPlan, FlushTally)})
     * before the section ends, as for {@link #flushRange}: a block it names is the file's, and
     * mapped, only until then.
     */
    public void planFlush(FileNode node, long offset, long length, FlushPlan plan) {
        for (long pos = offset, end = offset + length; pos < end; ) {
            int chunk = (int) Math.min(layout.blockSize() - (pos & pageMask), end - pos);
            long block = map.lookup(node, pos >>> shift);
            if (block != 0) {
                plan.add(layout.blockOffset(block) + (pos & pageMask), chunk);
            }
            pos += chunk;
        }
    }

    /**
     * Writes back what {@code plan} holds, in as few flush calls as its ranges allow, and empties
     * it; no fence. Each call is counted in {@code tally} if it is not null.
     */
    public void flush(FlushPlan plan, FlushTally tally) {
        plan.flush(medium, tally);
    }

    private void flushBlocks(long from, long to) {
        if (from >= 0) {
            medium.flush(layout.blockOffset(from), layout.blockOffset(to - from));
        }
    }

    /**
     * Makes sure pages {@code [from, to)} have blocks and the size reaches {@code to}, in one
     * transaction, recording in {@code growth} the holes below its old size it fills;
     * {@code touched} as for {@link #giveBlocks}.
     */
    private void ensureBlocks(FileNode node, long from, long to, Growth growth, boolean touched) {
        if (to <= node.size && allMapped(node, from, to)) {
            return;
        }
        long oldPages = pagesFor(growth.oldSize);
        int recorded = growth.count();
        try {
            volume.update(node, w -> {
                growSize(w, to);
                map.reach(w, (to - 1) >>> shift);
                for (long page = from >>> shift, last = (to - 1) >>> shift; page <= last; page++) {
                    if (page < oldPages && map.lookupInTransaction(w, page) == 0) {
                        growth.filled(page);
                    }
                    map.lookupOrAllocate(w, page, touched);
                }
                return null;
            });
        } catch (RuntimeException | Error e) {
            growth.stepRolledBack(recorded);
            throw e;
        }
        growth.stepCommitted();
    }

    private boolean allMapped(FileNode node, long from, long to) {
        for (long page = from >>> shift, last = (to - 1) >>> shift; page <= last; page++) {
            if (map.lookup(node, page) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Grows the working size to {@code newSize}, zeroing the stale bytes past the old end of its last block. */
    private void growSize(FileNode w, long newSize) {
        if (newSize <= w.size) {
            return;
        }
        zeroInPlace(w, w.size, Math.min(newSize, pagesFor(w.size) << shift));
        w.size = newSize;
    }

    /** Zeroes {@code [from, to)} (within one block) if a block backs it, durably before the transaction commits. */
    private void zeroInPlace(FileNode w, long from, long to) {
        if (from >= to) {
            return;
        }
        long block = map.lookupInTransaction(w, from >>> shift);
        if (block != 0) {
            long containerOffset = layout.blockOffset(block) + (from & pageMask);
            Memory.fill(medium.address(containerOffset), to - from, (byte) 0);
            volume.transaction().persistBeforeCommit(containerOffset, to - from);
        }
    }

    private long stepEnd(long pos, long end) {
        return Math.min(end, ((pos >>> shift) + PAGES_PER_TRANSACTION) << shift);
    }

    private long pagesFor(long bytes) {
        return (bytes + pageMask) >>> shift;
    }

    private long addressOf(long block, long filePosition) {
        return medium.address(layout.blockOffset(block) + (filePosition & pageMask));
    }

    private void checkRange(FileNode node, long position, long length) {
        if (position < 0 || length < 0 || position > InodeFormat.MAX_FILE_SIZE - length) {
            throw new IllegalArgumentException(where(node) + "range [" + position + ", +" + length + ") is outside [0, "
                    + InodeFormat.MAX_FILE_SIZE + "]");
        }
    }

    private void ensureLive(FileNode node) {
        if (node.deleted) {
            throw new NoSuchDaxFileException(where(node) + "it has been deleted (inode " + node.inode + ")");
        }
    }

    /** "container: file 'name': ", the start of a message. */
    private String where(FileNode node) {
        return volume.path() + ": file " + FileNames.quote(node.name) + ": ";
    }
}
