package org.daxstore;

import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.daxstore.fault.ViewAccess;
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
 * store, wait for them, for at most {@link DaxStore#SCOPE_WAIT_LIMIT}; then they give up with
 * {@link OpenScopesException}, changing nothing. A scope belongs to the thread that opened it;
 * close it on that thread (try-with-resources). If that thread ends with the scope still open,
 * the next operation that waits for scopes revokes it and goes on: every later access through it
 * throws {@link ClosedException} (on another thread: once it has synchronized with that operation,
 * as for a view closed elsewhere).
 * On that thread, while the scope is open, no operation of a {@link DaxFile} or a
 * {@link DaxStore} of this store runs (each throws {@link IllegalStateException}): truncate,
 * punch, delete and close would wait for the scope, so for themselves, and the others take
 * locks that those hold while they wait. Views, their batches and other scopes work.
 * Indexes are relative to the start of the scope.
 *
 * <p>Closing the scope's view, or the scope, makes every access through it throw
 * {@link ClosedException}; the scope's section ends only when the scope itself is closed.
 * (A view closed on another thread is seen once the two threads synchronize.)
 */
public final class AccessScope implements PrimitiveAccess, AutoCloseable {
    /**
     * Chronicle warns once, through java.util.logging, that one of its optional buffer
     * cleaners needs JDK internals; daxstore never asks Chronicle to clean a buffer. The logger
     * is held here because java.util.logging keeps only weak references to loggers.
     */
    private static final Logger CHRONICLE_CLEANER_LOGGER = quietChronicleCleaner();
    /** What the bounds are set to once the scope refuses every access: no index passes 0 - width. */
    private static final long REFUSED = 0;
    /** The system property the JVM sets from {@code --sun-misc-unsafe-memory-access} (JDK 23 and later). */
    private static final String UNSAFE_OPTION_PROPERTY = "sun.misc.unsafe.memory.access";
    private static final String UNSAFE_DENIED = "deny";

    private final DaxMapping view;
    private final ViewAccess access;
    private final AccessSections.Slot slot;
    private final Thread owner = Thread.currentThread();
    private final long base;
    private final long length;
    private final boolean writable;
    private final int shift;
    private final long mask;
    private final long firstPage;
    private final long[] pages;
    /**
     * Pages whose blocks follow each other in the container can be addressed as one range:
     * {@code origin + index}, where the origin is where index 0 would be. {@code start} is that
     * origin if the whole scope is one such range (any single-block scope is), else 0. Otherwise
     * {@code runs} holds it for each aligned run of pages that one block-map node maps (512 for
     * 4 KiB blocks): a file allocated in order has adjacent blocks there, so a large scope
     * reads this small table, not its page table, which would not stay in the cache. 0 where
     * the run's blocks are not adjacent.
     */
    private final long start;
    private final int runShift;
    private final long runMask;
    private final long firstRun;
    private final long[] runs;
    /**
     * The bounds the accessors check, with the scope's state folded in so that one compare
     * refuses a closed scope, or a store to a read-only one, as well as a bad index: the
     * length while the scope allows the access, {@link #REFUSED} once it does not.
     * {@link #refusal} then says which it was. Closing the view sets them from the view's
     * thread ({@link #revoke}): plain stores, because a stale bound is still safe (the scope's
     * section keeps its blocks), and REFUSED is 0 so that even a torn store of a long (which the
     * JLS allows) leaves a bound no larger than the length.
     */
    private long loadLimit;
    private long storeLimit;
    private boolean closed;
    /** Set by a remover when the owner ended with the scope open ({@link #abandon}). */
    private volatile boolean abandoned;
    /** What the scope registers with its slot, kept private so that no user can revoke a scope. */
    private final AccessSections.Holder holder = this::abandon;

    /**
     * Opens the scope on the calling thread: checks the range against the view before
     * allocating anything sized by it, then, inside the scope's section, against the file, and
     * translates (for a writable scope, allocates) every page.
     */
    AccessScope(DaxMapping view, ViewAccess access, long index, long length, boolean writable) {
        access.checkViewRange(index, length);
        this.view = view;
        this.access = access;
        this.base = access.fileOffset() + index;
        this.length = length;
        this.writable = writable;
        this.shift = access.blockShift();
        this.mask = (1L << shift) - 1;
        long position = base;
        this.firstPage = position >>> shift;
        int pageCount = access.scopePages(index, length);
        this.pages = new long[pageCount];
        this.slot = access.openScope(index, length, writable, pages);
        this.runShift = shift + (shift - 3); // a map node holds blockSize / 8 pointers
        this.runMask = (1L << runShift) - 1;
        this.firstRun = position >>> runShift;
        this.runs = new long[length == 0 ? 0 : (int) (((position + length - 1) >>> runShift) - firstRun + 1)];
        for (int r = 0; r < runs.length; r++) {
            runs[r] = commonOrigin(pageOf((firstRun + r) << runShift), pageOf(((firstRun + r + 1) << runShift) - 1));
        }
        this.start = commonOrigin(0, pageCount - 1);
        this.loadLimit = length;
        this.storeLimit = writable ? length : REFUSED;
        access.holdScope(slot, holder);
    }

    /** The scope page (clamped to the scope) of file offset {@code position}. */
    private int pageOf(long position) {
        return (int) Math.max(0, Math.min(pages.length - 1, (position >>> shift) - firstPage));
    }

    /** Where index 0 would be if page {@code p} and its block were part of one range. */
    private long origin(int p) {
        return pages[p] + base - ((firstPage + p) << shift);
    }

    /** The origin of pages {@code from..to} if their blocks follow each other in the container, else 0. */
    private long commonOrigin(int from, int to) {
        if (to < from) {
            return 0;
        }
        for (int p = from + 1; p <= to; p++) {
            if (origin(p) != origin(from)) {
                return 0;
            }
        }
        return origin(from);
    }

    /**
     * The scope's length in bytes. Fixed when it opened: works after close too.
     *
     * @return the length given to {@link DaxMapping#scope}
     */
    public long length() {
        return length;
    }

    /**
     * Loads one byte: no translation, no fault (the scope translated its range when it opened).
     *
     * @param index where, from the start of the scope
     * @return the value there; 0 in a hole (of a READ_ONLY scope, which allocates nothing)
     * @throws IndexOutOfBoundsException if a byte of it is outside the scope
     * @throws ClosedException if the scope or its view is closed, or the scope was revoked
     *     because its thread ended without closing it
     */
    @Override
    public byte getByte(long index) {
        return (byte) load(index, Byte.BYTES);
    }

    /**
     * Stores one byte into the block the scope gave its page when it opened.
     *
     * @param index where, from the start of the scope
     * @param value the value
     * @throws IndexOutOfBoundsException if a byte of it is outside the scope
     * @throws ReadOnlyViewException if the scope is {@link MapMode#READ_ONLY}
     * @throws ClosedException if the scope or its view is closed, or the scope was revoked
     *     because its thread ended without closing it
     */
    @Override
    public void putByte(long index, byte value) {
        store(index, Byte.BYTES, value);
    }

    /**
     * Loads a little-endian short: no translation, no fault (the scope translated its range when it
     * opened).
     *
     * @param index where, from the start of the scope
     * @return the value there; 0 in a hole (of a READ_ONLY scope, which allocates nothing)
     * @throws IndexOutOfBoundsException as {@link #getByte}, for any of its bytes
     * @throws ClosedException as {@link #getByte}
     */
    @Override
    public short getShort(long index) {
        return (short) load(index, Short.BYTES);
    }

    /**
     * Stores a little-endian short into the block the scope gave its page when it opened.
     *
     * @param index where, from the start of the scope
     * @param value the value
     * @throws IndexOutOfBoundsException as {@link #putByte}, for any of its bytes
     * @throws ReadOnlyViewException as {@link #putByte}
     * @throws ClosedException as {@link #putByte}
     */
    @Override
    public void putShort(long index, short value) {
        store(index, Short.BYTES, value);
    }

    /**
     * Loads a little-endian int: no translation, no fault (the scope translated its range when it
     * opened).
     *
     * @param index where, from the start of the scope
     * @return the value there; 0 in a hole (of a READ_ONLY scope, which allocates nothing)
     * @throws IndexOutOfBoundsException as {@link #getByte}, for any of its bytes
     * @throws ClosedException as {@link #getByte}
     */
    @Override
    public int getInt(long index) {
        return (int) load(index, Integer.BYTES);
    }

    /**
     * Stores a little-endian int into the block the scope gave its page when it opened.
     *
     * @param index where, from the start of the scope
     * @param value the value
     * @throws IndexOutOfBoundsException as {@link #putByte}, for any of its bytes
     * @throws ReadOnlyViewException as {@link #putByte}
     * @throws ClosedException as {@link #putByte}
     */
    @Override
    public void putInt(long index, int value) {
        store(index, Integer.BYTES, value);
    }

    /**
     * Loads a little-endian long: no translation, no fault (the scope translated its range when it
     * opened).
     *
     * @param index where, from the start of the scope
     * @return the value there; 0 in a hole (of a READ_ONLY scope, which allocates nothing)
     * @throws IndexOutOfBoundsException as {@link #getByte}, for any of its bytes
     * @throws ClosedException as {@link #getByte}
     */
    @Override
    public long getLong(long index) {
        return load(index, Long.BYTES);
    }

    /**
     * Stores a little-endian long into the block the scope gave its page when it opened.
     *
     * @param index where, from the start of the scope
     * @param value the value
     * @throws IndexOutOfBoundsException as {@link #putByte}, for any of its bytes
     * @throws ReadOnlyViewException as {@link #putByte}
     * @throws ClosedException as {@link #putByte}
     */
    @Override
    public void putLong(long index, long value) {
        store(index, Long.BYTES, value);
    }

    /**
     * A Chronicle {@link BytesStore} over the whole scope, valid until the scope closes. Blocks
     * are contiguous only within themselves, so the scope must lie within one block; a
     * {@link BytesStore} is writable, so the scope must be {@link MapMode#READ_WRITE}.
     *
     * <p>The BytesStore addresses the block directly, so nothing checks its use: used after the
     * scope closes it may reach a block that has left the file, and after the store closes,
     * memory that is no longer mapped (a crash). Drop it when the scope closes.
     *
     * <p>This is the one type of the public API that is not daxstore's: Chronicle Bytes
     * ({@code net.openhft:chronicle-bytes}, a dependency of core) is where Chronicle users meet
     * the store, and the return type is kept for them.
     *
     * <p>Chronicle Bytes reaches memory through {@code sun.misc.Unsafe}, on every JDK (the rest
     * of the store needs no Unsafe on JDK 22 and later). So where the JVM denies Unsafe's memory
     * access ({@code --sun-misc-unsafe-memory-access=deny}, JDK 23 and later) this method throws
     * {@link UnsupportedOperationException}: use the scope's own accessors instead, which work
     * under {@code deny}. On JDK 24 and later without that flag the JVM prints its own warning
     * naming Chronicle at the first use.
     *
     * @return a Chronicle {@code BytesStore} over the scope's bytes, index 0 at the scope's start
     * @throws ReadOnlyViewException if the scope is {@link MapMode#READ_ONLY}
     * @throws ClosedException if the scope or its view is closed, or the scope was revoked
     * @throws IllegalStateException if the scope spans more than one block
     * @throws UnsupportedOperationException if the JVM denies {@code sun.misc.Unsafe} memory access
     *         ({@code --sun-misc-unsafe-memory-access=deny}), which Chronicle Bytes needs
     */
    public BytesStore<?, Void> bytesStore() {
        if (!writable) {
            throw readOnly("a BytesStore is writable, so it needs a READ_WRITE scope");
        }
        checkOpen();
        if (pages.length != 1) {
            throw new IllegalStateException(access.containerPath() + ": " + describe()
                    + ": a BytesStore needs contiguous memory: this scope spans " + pages.length
                    + " blocks; open one within a single block");
        }
        if (Runtime.version().feature() >= 23 && UNSAFE_DENIED.equals(System.getProperty(UNSAFE_OPTION_PROPERTY))) {
            throw unsafeDenied(null);
        }
        try {
            return BytesStore.wrap(pageAddress(base), length);
        } catch (ExceptionInInitializerError | NoClassDefFoundError | UnsupportedOperationException e) {
            // Chronicle's own static initializers fail when Unsafe is denied some other way
            throw unsafeDenied(e);
        }
    }

    /** Why {@link #bytesStore()} cannot work here, and what works instead. */
    private UnsupportedOperationException unsafeDenied(Throwable cause) {
        UnsupportedOperationException refusal = new UnsupportedOperationException(access.containerPath() + ": "
                + describe() + ": a Chronicle BytesStore needs sun.misc.Unsafe, and this JVM denies its memory access"
                + " (--sun-misc-unsafe-memory-access=deny): use the scope's own get/put methods, which need no Unsafe,"
                + " or run with --sun-misc-unsafe-memory-access=warn or allow");
        if (cause != null) {
            refusal.initCause(cause);
        }
        return refusal;
    }

    /**
     * Ends the scope's access section. Idempotent, and works after the view or the store is
     * closed (it is what ends a scope whose view was closed); must run on the thread that
     * opened the scope, except once the scope has been revoked because that thread ended
     * (then it does nothing, on any thread).
     *
     * @throws IllegalStateException on a thread other than the one that opened the scope (the
     *     scope stays open)
     */
    @Override
    public void close() {
        if (closed || abandoned) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException(access.containerPath() + ": " + describe()
                    + " must be closed by the thread that opened it ('" + owner.getName() + "')");
        }
        closed = true;
        loadLimit = REFUSED;
        storeLimit = REFUSED;
        access.closeScope(slot, holder);
        view.forget(this);
    }

    /**
     * Revokes the scope because its thread ended without closing it: called by a remover,
     * which then treats the scope's section as ended (see {@link AccessSections}).
     */
    private void abandon() {
        abandoned = true;
        revoke();
        view.forget(this);
    }

    /** Makes every later access refuse, because the view was closed; called by the view, on any thread. */
    void revoke() {
        loadLimit = REFUSED;
        storeLimit = REFUSED;
    }

    // The accessors check the bound (and with it the scope's state), then address index i as
    // origin + i: the scope's one origin when all its blocks are adjacent, else its run's or its
    // block's. The rare access that straddles two blocks that are not adjacent goes byte by byte,
    // out of line, so that the hot path stays small enough for the JIT to inline whole.

    private long load(long index, int width) {
        if (index < 0 || index > loadLimit - width) {
            throw refusal(index, width, false);
        }
        long origin = start != 0 ? start : origin(index, width);
        return origin != 0 ? Memory.getBits(origin + index, width) : loadBytes(index, width);
    }

    private void store(long index, int width, long bits) {
        if (index < 0 || index > storeLimit - width) {
            throw refusal(index, width, true);
        }
        long origin = start != 0 ? start : origin(index, width);
        if (origin != 0) {
            Memory.putBits(origin + index, width, bits);
        } else {
            storeBytes(index, width, bits);
        }
    }

    /**
     * Where index 0 would be for {@code [index, index + width)}, which the caller has checked
     * lies in the scope: its run's origin if the run is one range, else its block's; 0 if it
     * straddles two blocks that are not adjacent.
     */
    private long origin(long index, int width) {
        long position = base + index;
        long origin = runs[(int) ((position >>> runShift) - firstRun)];
        if (origin != 0 && (position & runMask) + width <= runMask + 1) {
            return origin;
        }
        if ((position & mask) + width > mask + 1) {
            return 0;
        }
        return pageAddress(position) - index;
    }

    private long loadBytes(long index, int width) {
        long bits = 0;
        for (int i = 0; i < width; i++) {
            bits |= (Memory.getByte(pageAddress(base + index + i)) & 0xFFL) << (8 * i);
        }
        return bits;
    }

    private void storeBytes(long index, int width, long bits) {
        for (int i = 0; i < width; i++) {
            Memory.putByte(pageAddress(base + index + i), (byte) (bits >>> (8 * i)));
        }
    }

    /** The address of file offset {@code position}, which the caller has checked lies in the scope. */
    /**
     * The address of the scope's byte {@code index}, for the store's own tests (which locate a
     * file byte in the container without a BytesStore, so that they run under {@code deny} too).
     */
    long addressOf(long index) {
        checkOpen();
        return pageAddress(base + Objects.checkIndex(index, length));
    }

    private long pageAddress(long position) {
        return pages[(int) ((position >>> shift) - firstPage)] + (position & mask);
    }

    /** Why an access failed the bound: a store to a read-only scope, a closed scope or view, or the index. */
    private RuntimeException refusal(long index, int width, boolean storing) {
        if (storing && !writable) {
            return readOnly("a store at index " + index + " needs a READ_WRITE scope");
        }
        if (closed) {
            return new ClosedException(access.containerPath() + ": " + describe() + " is closed");
        }
        if (abandoned) {
            return new ClosedException(access.containerPath() + ": " + describe() + " is closed: its thread '"
                    + owner.getName() + "' ended without closing it, so the store revoked it");
        }
        if (access.isClosed()) {
            return access.closedException();
        }
        return new IndexOutOfBoundsException(access.containerPath() + ": index " + index + " +" + width
                + " is outside [0, " + length + ") of " + describe());
    }

    private void checkOpen() {
        if (closed || abandoned || access.isClosed()) {
            throw refusal(0, 0, false);
        }
    }

    private ReadOnlyViewException readOnly(String what) {
        return new ReadOnlyViewException(access.containerPath() + ": " + describe() + " is read-only: " + what);
    }

    /** "the scope of N bytes at index I of the view [...] of file 'name'", for messages. */
    private String describe() {
        return "the scope of " + length + " bytes at index " + (base - access.fileOffset()) + " of "
                + access.describe();
    }

    private static Logger quietChronicleCleaner() {
        Logger logger = Logger.getLogger("net.openhft.chronicle.core.internal.cleaner.ReflectionBasedByteBufferCleanerService");
        logger.setLevel(Level.SEVERE);
        return logger;
    }
}
