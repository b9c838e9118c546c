package org.daxstore.fs;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.daxstore.NotEnoughHeapException;
import org.daxstore.format.Layout;

/**
 * The heap one store may plan with, checked before it allocates anything sized by the
 * container or by a view, so that a large container or many large views are refused with
 * {@link NotEnoughHeapException} rather than failing with {@link OutOfMemoryError} part-way.
 *
 * <p>The budget is {@code Runtime.maxMemory()}, or less where the options ask
 * ({@code StoreOptions.withHeapBudget}): a budget can only tighten the check, never turn it off.
 * An open must fit in the whole budget; the translations of the store's views together may
 * take a quarter of it, the rest being the application's (a view whose translation would not
 * fit caches nothing more, and serves its accesses uncached). Per store, not per JVM: two stores each plan with the
 * whole heap. Thread-safe.
 */
public final class HeapBudget {
    /** The share of the budget all views of a store may take together: 1 / this. */
    private static final int VIEW_SHARE_DIVISOR = 4;
    /** Heap of an open that no layout parameter sizes: buffers, the warm pool's list, objects. */
    private static final long FIXED_OPEN_BYTES = 1 << 20;
    /**
     * Long arrays of one bit per block alive at once at an open: the allocator's three (in use,
     * backed, zeroed), and before them, collectable once the check ends, the check's own (blocks
     * claimed) and the journal replay's two: three either way.
     */
    private static final int BLOCK_BITMAPS = 3;

    private final long bytes;
    private final AtomicLong views = new AtomicLong();

    /** A budget of {@code requested} bytes, or of the JVM's heap if that is smaller. */
    public HeapBudget(long requested) {
        this.bytes = Math.min(requested, Runtime.getRuntime().maxMemory());
    }

    /** The budget of the whole heap. */
    public static HeapBudget wholeHeap() {
        return new HeapBudget(Long.MAX_VALUE);
    }

    public long bytes() {
        return bytes;
    }

    /** About the most heap an open of a store of {@code layout} allocates at once (docs/DESIGN.md, section 1: no OOM). */
    public static long openBytes(Layout layout) {
        long bitmap = ((layout.blockCount() + 63) >>> 6) * Long.BYTES;
        long inodeSlots = (long) layout.inodeCount() * Long.BYTES;
        long nodeBuffers = (long) (Layout.maxMapHeight(layout.blockShift()) + 1) * layout.blockSize() * 2;
        return BLOCK_BITMAPS * bitmap + inodeSlots + nodeBuffers + FIXED_OPEN_BYTES;
    }

    /**
     * Refuses to open (or format) a store of {@code layout} at {@code path} if it would not fit.
     *
     * @throws NotEnoughHeapException saying what is needed, the budget and what to do
     */
    public void checkOpen(Path path, Layout layout) {
        long needed = openBytes(layout);
        if (needed > bytes) {
            throw new NotEnoughHeapException(path + ": a store of " + layout.blockCount() + " blocks of "
                    + layout.blockSize() + " bytes needs about " + mib(needed) + " of heap to open (its allocation"
                    + " bitmaps, " + BLOCK_BITMAPS + " bits a block, and the check at open), more than the "
                    + mib(bytes) + " it may use (Runtime.maxMemory() " + mib(Runtime.getRuntime().maxMemory())
                    + ", or StoreOptions.withHeapBudget): give the JVM more heap (-Xmx), or format the container"
                    + " with larger blocks (StoreOptions.withBlockSize), which need fewer bits");
        }
    }

    /**
     * Takes {@code size} bytes for a view's translations if the views of the store stay within
     * their share, and says whether it did: a fault whose translation does not fit caches
     * nothing, and serves its access uncached.
     */
    public boolean tryReserveView(long size) {
        long share = bytes / VIEW_SHARE_DIVISOR;
        while (true) {
            long taken = views.get();
            if (size > share - taken) {
                return false;
            }
            if (views.compareAndSet(taken, taken + size)) {
                return true;
            }
        }
    }

    /** Takes {@code size} bytes for a view even past the share: for the few bytes every view needs. */
    public void forceReserveView(long size) {
        views.addAndGet(size);
    }

    public void releaseView(long size) {
        views.addAndGet(-size);
    }

    /** The most the translations of the store's views (and its scopes' page tables) may take. */
    public long viewShare() {
        return bytes / VIEW_SHARE_DIVISOR;
    }

    /** The heap the translations of the store's open views take now. */
    public long viewBytes() {
        return views.get();
    }

    /**
     * The typed failure for {@code failure}, an {@link OutOfMemoryError} the store's own
     * allocation met while {@code what} although the plan fitted the budget: the heap was
     * already taken by other objects. The caller has given back what it took.
     */
    public NotEnoughHeapException ranOut(String what, OutOfMemoryError failure) {
        Runtime runtime = Runtime.getRuntime();
        return new NotEnoughHeapException(what + ": the heap ran out (Runtime.maxMemory() " + mib(runtime.maxMemory())
                + ", " + mib(runtime.maxMemory() - runtime.totalMemory() + runtime.freeMemory()) + " not in use now; the"
                + " store's budget " + mib(bytes) + "), nothing was kept: give the JVM more heap (-Xmx), map smaller"
                + " ranges, or format with larger blocks (StoreOptions.withBlockSize)", failure);
    }

    private static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }
}
