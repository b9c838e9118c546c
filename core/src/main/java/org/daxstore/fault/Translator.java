package org.daxstore.fault;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.daxstore.ClosedException;
import org.daxstore.DaxStoreException;
import org.daxstore.NoSuchDaxFileException;
import org.daxstore.ReadOnlyViewException;
import org.daxstore.format.Layout;
import org.daxstore.fs.BlockMap;
import org.daxstore.fs.FileNames;
import org.daxstore.fs.FileNode;
import org.daxstore.fs.HeapBudget;
import org.daxstore.fs.Volume;
import org.daxstore.media.Medium;
import org.daxstore.sync.AccessSections;
import org.daxstore.sync.Seqtex;

/**
 * The fault path of one view, in one place: its translation cache (the "TLB") and what fills
 * it. A view page's entry holds the address of the container block that backs it (bit 0 set if
 * stores may use it) and the file's seqtex sequence when it was filled; it is valid while the
 * file's sequence still equals that tag.
 *
 * <p>Every access runs inside an access section (see {@link AccessSections}) opened by
 * {@link #begin}, which also waits out a running truncate or punch and returns the sequence the
 * section may trust: removers wait for running sections before they unlink blocks, so within
 * a section that began at an even sequence no cached translation can go stale.
 *
 * <p>Faults:
 * <ul>
 *   <li>a load from a hole reads the shared zero page; nothing is allocated and nothing is
 *       cached (so the first store to the page, from any view, is seen at once);</li>
 *   <li>a store to a hole allocates a zeroed block and links it in a metadata transaction,
 *       once, whichever of the threads faulting on the page gets there first;</li>
 *   <li>a fault that finds the sequence changed after its lookup installs nothing and tries
 *       again (the seed's race: a fault must never install a block that a punch removed).</li>
 * </ul>
 */
public final class Translator {
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final long WRITABLE = 1;
    private static final long NO_TAG = -1;
    /** Heap a view takes per page of its range, allocated when it is made: an entry and a tag. */
    private static final long BYTES_PER_PAGE = 2 * Long.BYTES;

    /** Test-only: see {@link FaultHook}. */
    public static volatile FaultHook hookForTesting;

    private final Volume volume;
    private final FileNode node;
    private final Seqtex seqtex;
    private final AccessSections sections;
    private final Medium medium;
    private final BlockMap map;
    private final long zeroPage;
    private final long viewOffset;
    private final long viewLength;
    private final boolean writable;
    private final int shift;
    private final long mask;
    private final long firstPage;
    private final long[] entries;
    private final long[] tags;
    private volatile boolean closed;
    /** The heap this view took from the store's budget, given back once at {@link #close}. */
    private final long heapBytes;
    private final java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();

    public Translator(Volume volume, FileNode node, long viewOffset, long viewLength, boolean writable, long zeroPage) {
        Layout layout = volume.layout();
        this.volume = volume;
        this.node = node;
        this.seqtex = node.seqtex;
        this.sections = volume.sections();
        this.medium = volume.medium();
        this.map = volume.blockMap();
        this.zeroPage = zeroPage;
        this.viewOffset = viewOffset;
        this.viewLength = viewLength;
        this.writable = writable;
        this.shift = layout.blockShift();
        this.mask = layout.blockSize() - 1;
        this.firstPage = viewOffset >>> shift;
        long pages = viewLength == 0 ? 0 : ((viewOffset + viewLength - 1) >>> shift) - firstPage + 1;
        this.heapBytes = reserveHeap(pages);
        try {
            this.entries = new long[(int) pages];
            this.tags = new long[(int) pages];
        } catch (OutOfMemoryError e) {
            volume.heapBudget().releaseView(heapBytes);
            throw volume.heapBudget().ranOut(volume.path() + ": a view of [" + viewOffset + ", +" + viewLength
                    + ") of file " + FileNames.quote(node.name()) + " (" + (heapBytes >> 20) + " MiB of translation)", e);
        }
        java.util.Arrays.fill(tags, NO_TAG);
    }

    /**
     * Takes the heap of the translation arrays from the store's budget before they are
     * allocated, when the view is made ({@value #BYTES_PER_PAGE} bytes a page; lazy translation,
     * which would make any length cheap, is not built yet): one view may take at most the share
     * of the heap the store's views may take together (a quarter), refused with
     * {@link IllegalArgumentException}, and together with the store's other open views at most
     * that share, refused with {@link org.daxstore.NotEnoughHeapException}. {@link #close} gives
     * it back.
     */
    private long reserveHeap(long pages) {
        HeapBudget budget = volume.heapBudget();
        long share = budget.viewShare();
        long mostPages = Math.min(Integer.MAX_VALUE - 8, share / BYTES_PER_PAGE);
        if (pages > mostPages) {
            throw new IllegalArgumentException(volume.path() + ": cannot map [" + viewOffset + ", +" + viewLength
                    + ") of file " + FileNames.quote(node.name()) + ": a view takes " + BYTES_PER_PAGE + " bytes of heap a page of "
                    + (mask + 1) + " bytes, allocated when it is made, so " + pages + " pages need "
                    + (pages * BYTES_PER_PAGE >> 20) + " MiB, more than the quarter of the store's heap budget ("
                    + (budget.bytes() >> 20) + " MiB, this JVM's heap unless StoreOptions.withHeapBudget says less)"
                    + " that its views may take: map at most " + (mostPages << shift)
                    + " bytes at a time (the range you use), or give the JVM more heap (-Xmx)");
        }
        long bytes = pages * BYTES_PER_PAGE;
        budget.reserveView(bytes, () -> volume.path() + ": a view of [" + viewOffset + ", +" + viewLength
                + ") of file " + FileNames.quote(node.name()));
        return bytes;
    }

    public long viewLength() {
        return viewLength;
    }

    public boolean isWritable() {
        return writable;
    }

    /**
     * Opens the access section of one access (or one scope) and returns the sequence it may
     * trust. If a remover is running, waits (parked) for it first, outside any section.
     */
    public long begin(AccessSections.Slot slot) {
        long seq = seqtex.sequence();
        if ((seq & 1) == 0 && !closed) {
            return seq;
        }
        return beginSlowly(slot);
    }

    private long beginSlowly(AccessSections.Slot slot) {
        while (true) {
            checkUsable();
            long seq = seqtex.sequence();
            if ((seq & 1) == 0) {
                return seq;
            }
            if (slot.depth() > 1) {
                throw new DaxStoreException(volume.path() + ": file " + FileNames.quote(node.name()) + " is being truncated or punched and that operation"
                        + " waits for this thread's open access scope: end the scope first");
            }
            sections.leave(slot);
            try {
                seqtex.readLock();
            } catch (IllegalStateException closedWhileWaiting) {
                sections.enter();
                checkUsable();
                throw closedWhileWaiting;
            }
            sections.enter();
        }
    }

    /**
     * The address for a load of {@code width} bytes at view index {@code index}, or 0 if the slow
     * path must serve it. Callers have called {@link #begin}, which refuses a closed view.
     */
    public long loadAddress(long index, int width, long seq) {
        long position = checkedPosition(index, width);
        int slot = (int) ((position >>> shift) - firstPage);
        if ((long) LONGS.getAcquire(tags, slot) == seq && (position & mask) + width <= mask + 1) {
            return (entries[slot] & ~WRITABLE) + (position & mask);
        }
        return 0;
    }

    /** The address for a store of {@code width} bytes at view index {@code index}, or 0 if the slow path must serve it. */
    public long storeAddress(long index, int width, long seq) {
        long position = checkedPosition(index, width);
        int slot = (int) ((position >>> shift) - firstPage);
        if ((long) LONGS.getAcquire(tags, slot) == seq && (position & mask) + width <= mask + 1) {
            long entry = entries[slot];
            if ((entry & WRITABLE) != 0) {
                return (entry & ~WRITABLE) + (position & mask);
            }
        }
        return 0;
    }

    /**
     * How many bytes from view index {@code index}, at most {@code limit}, one bulk copy may move
     * through the cached translations: the page of {@code index} and the pages after it, as long
     * as each entry is valid for {@code seq} (and writable, for a store) and its block follows
     * the previous one in the container. 0 if the page of {@code index} itself misses: the caller
     * then faults it. The caller has checked {@code [index, index + limit)} ({@link #checkRange})
     * in the access section that {@code seq} came from; {@link #cachedAddress} gives the run's
     * address. Reads two arrays, allocates nothing.
     */
    public int cachedRun(long index, int limit, long seq, boolean storing) {
        long position = viewOffset + index;
        int slot = (int) ((position >>> shift) - firstPage);
        long needed = storing ? WRITABLE : 0;
        long entry = validEntry(slot, seq);
        if (entry == 0 || (entry & needed) != needed) {
            return 0;
        }
        long blockSize = mask + 1;
        long run = blockSize - (position & mask);
        for (long next = (entry & ~WRITABLE) + blockSize; run < limit; next += blockSize) {
            entry = validEntry(++slot, seq);
            if ((entry & ~WRITABLE) != next || (entry & needed) != needed) {
                break;
            }
            run += blockSize;
        }
        return (int) Math.min(run, limit);
    }

    /**
     * The address of view index {@code index} through its page's cached translation if that is
     * valid for {@code seq}, else 0. Within the section that {@code seq} came from, a valid entry
     * stays valid (removers wait for the section), so after {@link #cachedRun} has measured a
     * run from {@code index} this is the run's address.
     */
    public long cachedAddress(long index, long seq) {
        long position = viewOffset + index;
        long entry = validEntry((int) ((position >>> shift) - firstPage), seq);
        return entry == 0 ? 0 : (entry & ~WRITABLE) + (position & mask);
    }

    /** The entry of view page slot {@code slot} if its tag is {@code seq}, else 0 (no block is at address 0). */
    private long validEntry(int slot, long seq) {
        return (long) LONGS.getAcquire(tags, slot) == seq ? entries[slot] : 0;
    }

    /**
     * The slow path of a load: the address of the byte at view index {@code index} (its block,
     * or the zero page for a hole), filling the cache if it can. The caller reads at most to the
     * end of the block.
     */
    public long faultForLoad(long index, long seq) {
        checkUsable();
        long position = viewOffset + index;
        long page = position >>> shift;
        long block = map.lookup(node, page);
        if (block == 0) {
            return zeroPage + (position & mask);
        }
        long address = medium.address(volume.layout().blockOffset(block));
        install(page, block, address, seq);
        return address + (position & mask);
    }

    /** The slow path of a store: the address of the byte at view index {@code index}, allocating its block if needed. */
    public long faultForStore(long index, long seq) {
        checkUsable();
        if (!writable) {
            throw readOnlyException(index);
        }
        long position = viewOffset + index;
        long page = position >>> shift;
        long block = map.lookup(node, page);
        if (block == 0) {
            block = volume.update(node, w -> volume.blockMap().lookupOrAllocate(w, page));
        }
        long address = medium.address(volume.layout().blockOffset(block));
        install(page, block, address | WRITABLE, seq);
        return address + (position & mask);
    }

    private void install(long page, long block, long entry, long seq) {
        FaultHook hook = hookForTesting;
        if (hook != null) {
            hook.lookedUp(page, block);
        }
        if (seqtex.readUnlock(seq)) {
            return;
        }
        int slot = (int) (page - firstPage);
        entries[slot] = entry;
        LONGS.setRelease(tags, slot, seq);
    }

    /** Bytes from view index {@code index} to the end of its block. */
    public long bytesLeftInBlock(long index) {
        return mask + 1 - ((viewOffset + index) & mask);
    }

    /** The cached translation of view page {@code index >> blockShift}: for tests of the fault path. */
    public long cachedBlockAddressForTesting(long index, long seq) {
        int slot = (int) (((viewOffset + index) >>> shift) - firstPage);
        return (long) LONGS.getAcquire(tags, slot) == seq ? entries[slot] & ~WRITABLE : 0;
    }

    public int blockShift() {
        return shift;
    }

    /** The file offset of view index 0. */
    public long fileOffset() {
        return viewOffset;
    }

    /** Checks that {@code [index, index + length)} lies within the view and the file; returns its file offset. */
    public long checkRange(long index, long length) {
        return checkedPosition(index, length);
    }

    /**
     * Checks that {@code [index, index + length)} lies within the view, not the file (whose size
     * only a section can trust): what a caller checks before allocating anything sized by it.
     */
    public void checkViewRange(long index, long length) {
        if (index < 0 || length < 0 || index > viewLength - length) {
            throw outsideTheView(index, length);
        }
    }

    private IndexOutOfBoundsException outsideTheView(long index, long length) {
        return new IndexOutOfBoundsException(volume.path() + ": index " + index + " +" + length + " is outside the view [0, "
                + viewLength + ") of file " + FileNames.quote(node.name()));
    }

    private long checkedPosition(long index, long width) {
        checkViewRange(index, width);
        long position = viewOffset + index;
        long size = node.size();
        if (position + width > size) {
            throw new IndexOutOfBoundsException(volume.path() + ": file offset " + position + " +" + width
                    + " is beyond the end of file " + FileNames.quote(node.name()) + " (size " + size + ")");
        }
        return position;
    }

    /** Throws the typed exception of a closed view, a closed store or a deleted file. */
    public void ensureUsable() {
        checkUsable();
    }

    private void checkUsable() {
        if (closed) {
            throw closedException();
        }
        if (volume.isClosed()) {
            throw new ClosedException(volume.path() + ": the store is closed: " + describe() + " can no longer be used");
        }
        if (node.isDeleted()) {
            throw new NoSuchDaxFileException(volume.path() + ": file " + FileNames.quote(node.name()) + " has been deleted: "
                    + describe() + " can no longer be used");
        }
    }

    /** The exception of a store at view index {@code index} if the view is read-only. */
    public ReadOnlyViewException readOnlyException(long index) {
        return new ReadOnlyViewException(volume.path() + ": " + describe() + " is read-only: a store at index " + index
                + " needs a READ_WRITE view");
    }

    /** The exception of an access through this view once it is closed. */
    public ClosedException closedException() {
        return new ClosedException(volume.path() + ": " + describe() + " is closed");
    }

    /** "the view [offset, +length) of file 'name'", for messages; the container's path is not in it. */
    public String describe() {
        return "the view [" + viewOffset + ", +" + viewLength + ") of file " + FileNames.quote(node.name());
    }

    /** The container's path, for messages. */
    public String containerPath() {
        return volume.path().toString();
    }

    public boolean isClosed() {
        return closed;
    }

    public void close() {
        closed = true;
        if (released.compareAndSet(false, true)) {
            volume.heapBudget().releaseView(heapBytes);
        }
    }

}
