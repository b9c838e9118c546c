package org.daxstore.sync;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import org.daxstore.nativebridge.Membarrier;

/**
 * The grace period: every access through a view runs inside an access section, and an
 * operation that removes blocks waits, after its seqtex write section has begun and before it
 * unlinks anything, until every section that was running has ended. Together with the
 * {@link Seqtex} this is daxstore's user-space TLB shootdown.
 *
 * <h2>Protocol</h2>
 * Each thread owns a slot that says whether the thread is inside a section (for a single
 * access, INSIDE or IDLE; for its scopes, an odd or even counter: see "Two kinds of section").
 * Only the owner enters and leaves (a remover marks an access it waits for, and ends the scope
 * section of an owner that has died, below), so entering and leaving are plain stores.
 * <pre>
 *   accessor                              remover (truncate, punch, delete, close)
 *   slot.access = INSIDE                  seqtex.writeLock(): sequence = odd  (volatile)
 *   e = translation of the page           shoot down: translation of each removed page = 0
 *   if e == 0 (a fault):                  awaitQuiescence(): [membarrier]; for each slot inside,
 *       s = seqtex.sequence()  (volatile)     mark it and wait until the mark is replaced
 *       if s is odd: leave, park, retry   unlink the blocks (metadata transaction)
 *       look the block up, install it     seqtex.writeUnlock(): sequence = even; wake faults
 *   use the block                         return the blocks' storage to the file system
 *   slot.access = IDLE       (release)
 * </pre>
 * What must hold is Dekker's condition, twice: either the accessor sees the remover's store
 * (the translation gone, or, in a fault, the odd sequence) and backs off before touching
 * anything, or the remover sees the accessor's slot inside and waits for that section to end.
 * Then a section that could still use a removed block ends before the blocks are unlinked, and
 * every access in it, load or store, happens before the removal: no access can land in a block
 * after it has left its file, let alone after another file got it. Blocks can thus be reused the
 * moment the transaction that unlinks them commits; no deferred reclamation is needed for
 * safety. Only the return of their storage to the file system is deferred, past the write
 * section and the metadata lock, so that nobody waits for its system calls; a block is handed
 * out again only once its storage has been dealt with ({@code alloc.BlockAllocator}, "Storage
 * returned off the critical path"). ({@code fault.Translator} gives the fault's side, and why
 * its install cannot outlive the block it names.)
 *
 * <h2>Memory ordering: who pays for the StoreLoad fence</h2>
 * Each side stores one variable and then loads the other's, so each needs its store ordered
 * before its load (StoreLoad), the one reordering x86 allows. Two ways are built; the class
 * picks one when it loads and never mixes them.
 * <ul>
 *   <li><b>Asymmetric</b> (where {@link Membarrier#isAvailable()}, so on Linux 4.14+ with the
 *       native bridge): the accessor's entering store is opaque, with no fence, and the remover
 *       calls {@link Membarrier#barrier()} between its stores (the sequence, the shootdown) and
 *       loading the slots. That forces a full barrier on every CPU running a thread of the
 *       process, so for each accessor either its barrier came after its entering store, which
 *       is then visible to the remover's loads, or before it, so its loads (of the translation,
 *       of the sequence) come after the barrier, hence after the remover's stores, and see
 *       them. A thread that is not running passes a
 *       full barrier when it is scheduled again. The compiler must not move the accessor's load
 *       above its store either: HotSpot's C2 brackets an opaque VarHandle access with CPU-order
 *       barriers (compiler-only, no instruction), and C1 and the interpreter keep program order.
 *       This is the userspace-RCU pattern; it takes about 7 ns off every access on x86 (a locked
 *       instruction) and adds a system call and an interrupt per running CPU to each removal.
 *       The jcstress test {@code GracePeriodTest} runs in both modes, and fails in this one when
 *       the barrier is left out.</li>
 *   <li><b>Symmetric</b> (anywhere else, or with {@code -Ddaxstore.membarrier.disable=true}):
 *       the entering store, the accessor's loads, the remover's stores and its loads are all
 *       volatile, so they are sequentially consistent and Dekker's condition follows from the
 *       Java memory model alone.</li>
 * </ul>
 * A new slot is published through a {@link CopyOnWriteArrayList} (a lock and a volatile store)
 * before its first entering store, so a remover that does not see the slot at all is in the
 * second case for it.
 *
 * <h2>Fenced on request: when removals are frequent</h2>
 * The barrier interrupts every CPU that runs a thread of the process, and an interrupted access
 * stalls for the interrupt: 5 us and more on a virtual machine (this one), where an
 * inter-processor interrupt leaves the guest. A file punched 50,000 times a second then costs
 * each of its busy accessors a 5 us stall every 20 us, and each removal two thirds of its time.
 * So in the asymmetric mode a thread's entries can be <em>fenced</em> for a while: volatile
 * stores, as in the symmetric mode, which a remover needs no barrier for. A remover issues the
 * barrier unless every other live slot says that it is fenced ({@code Slot.fenced}, which only
 * the owner writes); a remover that issued one less than {@value #FREQUENT_NANOS} ns after the
 * last asks each slot that was not fenced to be ({@code Slot.fenceRequested}). The owner sees
 * the request at its next entry (the hot path's one extra load, of its own slot's line), says
 * it is fenced, and fences its next {@value #FENCED_ENTRIES} entries; at the entry after those
 * it says it is not, and enters with plain stores again until asked anew. So sustained removals
 * pay one barrier per that many entries of each accessor instead of one per removal, and a
 * store that removes rarely never asks for anything. A remover asks nobody while another live
 * thread has left an earlier request unanswered (it has made no entry since: an idle thread,
 * which keeps every removal on the barrier meanwhile), because fencing the busy threads would
 * then only add a fence to each of their entries to the barrier's interrupt; once that thread
 * enters again, or ends, the requests resume.
 * <p>Why a remover that skips the barrier still sees every section, by the Java memory model
 * alone (the flag, the entering stores of fenced entries and the loads on both sides are
 * volatile, so they are in the synchronization order): the remover's stores (the sequence, the
 * shootdown) come before its read of {@code fenced}, which came before its scan.
 * <ul>
 *   <li>If it read {@code true}, the owner's write of {@code true} synchronizes-with that read:
 *       every store the owner made before saying it was fenced (the end of its last plain
 *       section, the counter of a scope opened before) happens-before the scan, which sees it;
 *       entries after it are volatile, so Dekker's condition holds as in the symmetric mode.</li>
 *   <li>The owner's write of {@code false} that ends the fenced entries is then later in the
 *       synchronization order than the remover's read (a volatile read sees the last write
 *       before it), hence than the remover's stores; the owner's loads after its write of
 *       {@code false} come later still and see those stores: the translation shot down, the
 *       sequence odd. An access after the switch back therefore backs off, seen or not.</li>
 *   <li>If it read {@code false}, it issues the barrier: the asymmetric argument above.</li>
 * </ul>
 * The jcstress tests {@code FencedEntryOrderingTest} and {@code UnfencedAgainOrderingTest}
 * check the switch each way (the first fails when a fenced entry's store is made plain).
 *
 * <h2>Fenced sections: positional I/O</h2>
 * A thread that once entered a plain section and then idles (a main thread that read a file at
 * start-up, say) keeps every removal on the barrier for as long as it lives, and, since it never
 * answers a request, keeps the busy threads from being asked. Positional I/O ({@code DaxFile}'s
 * read and write) is what most threads like that do, and it costs a call, a check of the
 * file's sequence and a copy, against which one fence is small: so its sections are entered
 * with {@link #enterFenced}, a volatile store, which first says the slot is fenced if it was not,
 * with one fenced entry left, the next plain entry's (which says it is not, and enters plainly).
 * A thread whose last section was positional therefore never holds a removal on the barrier,
 * and the argument for skipping it is the one above: saying it is fenced, then volatile entries
 * until the next plain entry says otherwise. {@code FencedSectionOrderingTest} (jcstress) fails
 * when the fenced section's store is made opaque.
 *
 * <p>Sections are short (one access, or one scoped access); an idle view holds none, so it
 * never holds up a remover. A remover must not run inside a section of its own thread: it would
 * wait for itself; nor may a thread inside a section wait for a lock that a remover holds while
 * it waits. {@link #insideSection()} lets callers refuse both.
 *
 * <h2>Two kinds of section</h2>
 * A single access (one load, store, atomic, copy section or persist section) never nests, and
 * is the hot path, so its section is a constant: the owner stores INSIDE on entry and IDLE on
 * exit, and never reads the state (a read-modify-write would make each access wait for the
 * store of the last one's exit: about 1 ns of a 5 ns access here). A remover that finds INSIDE
 * marks it MARKED with a compare-and-set and waits until the state is no longer MARKED: the
 * owner's exit (IDLE) or next entry (INSIDE) replaces the mark, so a remover waits for at most
 * the access that was running and perhaps the next, however fast the owner re-enters, where one
 * that waited to see IDLE could miss every short idle moment. An access scope holds a section
 * across calls and scopes nest, so the scopes of a thread share a generation counter instead:
 * odd while any is open, moved by the outermost only; a remover waits until it changes, and it
 * is what a thread that ended with a scope open leaves behind (below). Both states are in the
 * thread's slot, and Dekker's argument above holds for each: the store that enters either, then
 * the load of the translation or sequence.
 *
 * <h2>Sections left open by threads that ended</h2>
 * A thread can end inside a section only by leaving a {@link Holder} (an access scope) open: it
 * returned or died without closing it. Its counter then stays odd for good, and a remover that
 * only watched the counter would wait for ever. So a remover that has spun on an odd counter for
 * a while parks in steps of at most {@value #MOST_PARK_NANOS} ns and asks, at each step, whether
 * the slot's owner is still alive. A dead owner's section is quiescent: by the Java memory model
 * (JLS 17.4.4) a thread's last action synchronizes-with another thread's {@link Thread#isAlive()}
 * returning false, so every access the dead thread made happens-before the remover's unlink, and
 * it makes no more. What a dead thread can leave behind is the holder, which another thread may
 * still reach: so before the remover counts the section as ended it {@linkplain
 * Holder#abandon() revokes} every holder the owner left open (read from the slot, which the
 * owner alone wrote, and which the same synchronizes-with edge makes visible), then makes the
 * counter even, under the slot's lock so that two removers finding it together revoke once and
 * both wait until that is done. A holder revoked this way refuses every use that happens-after
 * the remover returns, as a closed view does.
 *
 * <p>A live owner is waited for, but for at most the limit the caller gives
 * ({@link #awaitQuiescence(long)}): a scope leaked by a thread that lives on would otherwise hold
 * every remover up for good. The caller then gives up before it changes anything.
 *
 * <p>A slot lives while its owner does. A thread that has finished leaves an even counter
 * behind, which never delays anybody, and its slot is dropped when the next thread registers.
 */
public final class AccessSections {
    /** True if removers issue the barrier and entering a section needs no fence (see the header). */
    private static final boolean ASYMMETRIC = Membarrier.isAvailable();
    private static final VarHandle COUNTER;
    private static final VarHandle ACCESS;
    private static final VarHandle FENCED;
    private static final VarHandle FENCE_REQUESTED;

    /** {@link Slot#access}: outside any single access. */
    private static final long IDLE = 0;
    /** {@link Slot#access}: inside a single access. */
    private static final long INSIDE = 1;
    /** {@link Slot#access}: inside a single access that a remover is waiting for. */
    private static final long MARKED = 3;

    /** How many entries of a thread are fenced after a remover asked (see the header). */
    static final int FENCED_ENTRIES = 1 << 20;
    /** A remover that issues the barrier this soon after the last one asks for fenced entries. */
    static final long FREQUENT_NANOS = 1_000_000;

    static {
        try {
            COUNTER = MethodHandles.lookup().findVarHandle(SlotFields.class, "counter", long.class);
            ACCESS = MethodHandles.lookup().findVarHandle(SlotFields.class, "access", long.class);
            FENCED = MethodHandles.lookup().findVarHandle(SlotFields.class, "fenced", boolean.class);
            FENCE_REQUESTED = MethodHandles.lookup().findVarHandle(SlotFields.class, "fenceRequested", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The padding in front of a slot's fields. HotSpot lays out a superclass's fields before a
     * subclass's, and groups a class's own fields by size (longs first, ints, booleans and
     * references after), so padding declared among the fields of one class, as it was, left the
     * ints, the boolean and the references past the trailing padding, on a line that the next
     * object in the heap shares: after a collection has copied two threads' slots side by side,
     * one owner's count of fenced entries (written on every fenced entry) and the other's
     * request flag and scope count (read on every entry) were on one line. A class for each
     * side of the padding is what fixes the order. The int fills the header's last word, where
     * a field of a subclass would go otherwise.
     */
    abstract static class SlotPaddingBefore {
        int p00;
        long p01, p02, p03, p04, p05, p06, p07;
    }

    /** A slot's fields, between its paddings (see {@link SlotPaddingBefore}). */
    abstract static class SlotFields extends SlotPaddingBefore {
        /** The owner's {@link Thread#getId()}: unique for the life of the JVM, never reused. */
        final long ownerId;
        /**
         * The section of a single access: {@link #INSIDE} or {@link #IDLE}, stored (never read)
         * by the owner; {@link #MARKED} by a remover that waits for it (see "Two kinds of
         * section" in the header).
         */
        volatile long access;
        /**
         * The owner's entries left to fence (see "Fenced on request" in the header), counting
         * down; 0 while its entries are plain. Owner-only.
         */
        int fencedEntries;
        /** Non-zero once a remover has asked the owner to fence its entries; the owner clears it. */
        int fenceRequested;
        /** True while the owner fences its entries: written by the owner only, read by removers. */
        volatile boolean fenced;
        /** The sections of the owner's scopes: odd while at least one is open (a generation). */
        volatile long counter;
        /** How many scopes the owner has open: only the outermost touches the counter. Owner-only. */
        int scopes;
        /**
         * How many times the owner's latest stable-sequence check parked behind a removal before
         * it could trust the file (a fault's retries, for its JFR event). Owner-only.
         */
        int checkParks;
        /** The thread that owns the slot, for removers to ask whether it still lives. */
        final Thread owner;
        /**
         * The holders the owner has open, in the order it opened them. Written by the owner
         * alone; read by a remover only once the owner is dead (see the header), under
         * {@code this} lock, which serialises the removers that find it dead.
         */
        final List<Holder> holders = new ArrayList<>(2);

        SlotFields(Thread owner) {
            this.owner = owner;
            this.ownerId = owner.getId();
        }
    }

    /**
     * A thread's section state, padded on both sides so that no other object's fields, another
     * thread's slot's least of all, share a cache line with its fields (see
     * {@link SlotPaddingBefore}; {@code AccessSectionsTest} checks the layout).
     */
    public static final class Slot extends SlotFields {
        long q01, q02, q03, q04, q05, q06, q07, q08;

        Slot(Thread owner) {
            super(owner);
        }

        /** True while the owner has an access scope open. Owner-only. */
        public boolean holdsScope() {
            return scopes > 0;
        }

        /** How many access scopes the owner has open. Owner-only. */
        public int scopesOpen() {
            return scopes;
        }

        /**
         * How many times the owner's latest stable-sequence check parked (see {@link #checked}),
         * and forgets them: a section's first fault reports its check's parks as its retries, and
         * the later faults of that section (of a scope opening over many pages) report none.
         * Owner-only.
         */
        public int takeCheckParks() {
            int parks = checkParks;
            checkParks = 0;
            return parks;
        }

        /** Records that the owner's stable-sequence check trusted the file after parking {@code parks} times. Owner-only. */
        public void checked(int parks) {
            checkParks = parks;
        }
    }

    /**
     * What holds a section open beyond one call, an access scope: revoked by a remover if its
     * thread ends without closing it (see the header).
     */
    public interface Holder {
        /**
         * Makes every later use refuse, because the owner ended without closing it. Called on a
         * remover's thread, once, after the owner has ended; must not wait for anything.
         */
        void abandon();
    }

    /** How long a remover spins on an odd counter before it parks, in {@link Thread#onSpinWait} calls. */
    private static final int SPINS = 1_000;
    /** The first park of a remover waiting for a section, in ns; each later one is twice as long. */
    private static final long FIRST_PARK_NANOS = 10_000;
    /**
     * The longest park between two looks at a section and its owner, in ns. A section that
     * outlasts the spin is mostly one whose thread was preempted inside it, which ends within
     * nanoseconds of being scheduled again; a remover that slept 1 ms per look (as before issue
     * 12) waited that long past it, which cut the stress's removals to a sixth. 100 us costs a
     * remover that waits out a leaked scope 10,000 wake-ups a second.
     */
    private static final long MOST_PARK_NANOS = 100_000;

    /** Size of {@link #byThreadId}: a power of two. */
    private static final int DIRECT_SLOTS = 256;

    private final CopyOnWriteArrayList<Slot> slots = new CopyOnWriteArrayList<>();
    /**
     * The clock that tells frequent removals from rare ones: {@link System#nanoTime()}, or a
     * test's own, so that a test of the switch does not depend on how soon the scheduler runs
     * its second removal after the first.
     */
    private final LongSupplier barrierClock;
    /**
     * {@link #barrierClock} at the last barrier a remover issued, to tell frequent removals
     * from rare ones (see "Fenced on request"). Racy on purpose: removers of different files
     * may overwrite each other's times, which only ever makes the guess a little stale.
     */
    private volatile long lastBarrier;
    /** How many barriers removers have issued, for {@link #barriersIssued()}. */
    private final LongAdder barriers = new LongAdder();
    /** The calling thread's slot, once it has entered a section; null before. */
    private final ThreadLocal<Slot> mine = new ThreadLocal<>();
    /**
     * A cache in front of {@link #mine}, indexed by thread id: a hit is two dependent loads and
     * a compare, where a ThreadLocal lookup is a hash-table probe through a weak reference,
     * which is a third of an access section's cost. Thread ids are handed out in sequence, so
     * up to {@value #DIRECT_SLOTS} live threads rarely collide; a thread whose place holds a
     * live thread's slot tries a second place, and if that is taken too it uses the ThreadLocal
     * on every call. Written only when a thread caches its slot, never on a hit, so that the
     * array's lines stay shared by every core that reads them ({@link #mySlotSlowly}). Racy on
     * purpose: an entry is only a hint, checked against the owner id, and a reference store is
     * atomic.
     */
    private final Slot[] byThreadId = new Slot[DIRECT_SLOTS];
    /**
     * The unsafe test hook: {@link #awaitQuiescence} waits for nobody. Set only by a store's
     * hooks (fs.StoreHooks, reached only from tests), so that the stress and the hostile tests
     * can show they catch an access landing in a block after it left its file.
     */
    private final boolean gracePeriodOff;

    /** Sections with the grace period: what every store has. */
    public AccessSections() {
        this(false);
    }

    /**
     * Sections whose removers wait for the running accesses, or, with {@code gracePeriodOff},
     * for nobody: unsafe, for the tests that must show they detect it.
     */
    public AccessSections(boolean gracePeriodOff) {
        this(gracePeriodOff, System::nanoTime);
    }

    /** Sections with the grace period whose removers read {@code barrierClock} (ns) to tell frequent removals. */
    AccessSections(LongSupplier barrierClock) {
        this(false, barrierClock);
    }

    private AccessSections(boolean gracePeriodOff, LongSupplier barrierClock) {
        this.gracePeriodOff = gracePeriodOff;
        this.barrierClock = barrierClock;
        this.lastBarrier = barrierClock.getAsLong() - 2 * FREQUENT_NANOS;
    }

    private Slot register() {
        // Slots of threads that have ended would otherwise pile up; an odd one is left for a
        // remover to revoke its holders first.
        slots.removeIf(s -> ((long) COUNTER.getVolatile(s) & 1) == 0 && (long) ACCESS.getVolatile(s) == IDLE
                && !s.owner.isAlive());
        Slot slot = new Slot(Thread.currentThread());
        slots.add(slot);
        return slot;
    }

    private Slot mySlot() {
        long id = Thread.currentThread().getId();
        Slot slot = byThreadId[firstPlace(id)];
        return slot != null && slot.ownerId == id ? slot : mySlotSlowly(id);
    }

    /**
     * The calling thread's slot, if it has one, past its first place in {@link #byThreadId}:
     * from its second place, or from {@link #mine}; null if it never entered a section.
     */
    private Slot registeredSlotPastFirstPlace(long id) {
        Slot slot = byThreadId[secondPlace(id)];
        return slot != null && slot.ownerId == id ? slot : mine.get();
    }

    /**
     * The calling thread's slot when its first place in {@link #byThreadId} holds another's:
     * from its second place, or from {@link #mine}, which it then caches where the entry is
     * free or its owner has ended, and nowhere else. A thread that took a live thread's place
     * would be taken back from at that thread's next call, and two such threads would each
     * write the shared entry on every call, passing its line between their cores.
     */
    private Slot mySlotSlowly(long id) {
        int second = secondPlace(id);
        Slot slot = registeredSlotPastFirstPlace(id);
        if (slot != null && slot == byThreadId[second]) {
            return slot; // cached in its second place already
        }
        if (slot == null) {
            slot = register();
            mine.set(slot);
        }
        int first = firstPlace(id);
        if (isFree(byThreadId[first])) {
            byThreadId[first] = slot;
        } else if (isFree(byThreadId[second])) {
            byThreadId[second] = slot;
        }
        return slot;
    }

    /** A thread's first place in {@link #byThreadId}: its id's low bits, which threads started in sequence do not share. */
    private static int firstPlace(long id) {
        return (int) id & (DIRECT_SLOTS - 1);
    }

    /** A thread's second place in {@link #byThreadId}: spread by a multiplicative hash, so that ids in sequence part. */
    private static int secondPlace(long id) {
        return (int) ((id * 0x9E3779B97F4A7C15L) >>> (Long.SIZE - Integer.numberOfTrailingZeros(DIRECT_SLOTS)));
    }

    /** True if a thread may cache its slot in the place that holds {@code cached}: empty, or an ended thread's. */
    private static boolean isFree(Slot cached) {
        return cached == null || !cached.owner.isAlive();
    }

    /**
     * Enters the section of one access on the calling thread's slot and returns the slot for
     * {@link #leave}. One store of a constant: sections of single accesses do not nest (a thread's
     * scopes have sections of their own, {@link #enterScope}).
     */
    public Slot enter() {
        Slot slot = mySlot();
        if (fenceThisEntry(slot)) {
            ACCESS.setVolatile(slot, INSIDE);
        } else {
            ACCESS.setOpaque(slot, INSIDE);
        }
        return slot;
    }

    /**
     * Enters the section of one positional access, as {@link #enter} does but with a volatile
     * store, having said the slot is fenced if it was not, with one fenced entry left: the next
     * plain entry says it is not (see "Fenced sections: positional I/O" in the header). So a
     * thread whose last section was one of these costs a remover no barrier, however long it
     * idles. A request that comes meanwhile waits for the next plain entry, as ever.
     */
    public Slot enterFenced() {
        Slot slot = mySlot();
        if (ASYMMETRIC && slot.fencedEntries == 0) {
            FENCED.setVolatile(slot, true);
            slot.fencedEntries = 1;
        }
        ACCESS.setVolatile(slot, INSIDE);
        return slot;
    }

    /**
     * Whether the entry the owner of {@code slot} is making must be a volatile store, keeping
     * the count of fenced entries: the first after a request says the slot is fenced, the one
     * after the last fenced entry says it is not, before its own plain store (see "Fenced on
     * request" in the header). Usually (plain entries, no request) two loads of the owner's own
     * slot, which every access pays: the JIT inlines it into each.
     */
    private static boolean fenceThisEntry(Slot slot) {
        if (!ASYMMETRIC) {
            return true;
        }
        int left = slot.fencedEntries;
        if (left == 0) {
            if ((int) FENCE_REQUESTED.getOpaque(slot) == 0) {
                return false;
            }
            FENCE_REQUESTED.setOpaque(slot, 0);
            FENCED.setVolatile(slot, true);
            left = FENCED_ENTRIES + 1;
        }
        if (left == 1) {
            slot.fencedEntries = 0;
            FENCED.setVolatile(slot, false);
            return false;
        }
        slot.fencedEntries = left - 1;
        return true;
    }

    /** Leaves the section of one access entered with {@code slot}: one release store of a constant. */
    public void leave(Slot slot) {
        ACCESS.setRelease(slot, IDLE);
    }

    /**
     * Enters the section of an access scope, which may nest (a thread may open scopes inside
     * scopes), and returns the slot for {@link #leaveScope}. Only the outermost moves the
     * generation.
     */
    public Slot enterScope() {
        Slot slot = mySlot();
        if (slot.scopes++ == 0) {
            long odd = (long) COUNTER.get(slot) + 1;
            if (fenceThisEntry(slot)) {
                COUNTER.setVolatile(slot, odd);
            } else {
                COUNTER.setOpaque(slot, odd);
            }
        }
        return slot;
    }

    /** Leaves the section of a scope entered with {@code slot}. */
    public void leaveScope(Slot slot) {
        if (--slot.scopes == 0) {
            COUNTER.setRelease(slot, (long) COUNTER.get(slot) + 1);
        }
    }

    /**
     * Records that {@code holder} keeps the section of {@code slot} (the calling thread's, entered)
     * open until {@link #release}: if the thread ends before that, a remover revokes it.
     */
    public void hold(Slot slot, Holder holder) {
        slot.holders.add(holder);
    }

    /** Forgets {@code holder}, which the calling thread is about to {@link #leave} the section of. */
    public void release(Slot slot, Holder holder) {
        for (int i = slot.holders.size() - 1; i >= 0; i--) {
            if (slot.holders.get(i) == holder) {
                slot.holders.remove(i);
                return;
            }
        }
    }

    /**
     * How many barriers the removers of these sections have issued (see "Fenced on request": a
     * removal that finds every other thread fenced issues none), for diagnostics and tests.
     */
    public long barriersIssued() {
        return barriers.sum();
    }

    /** How entering a section is ordered against removers in this process, for diagnostics. */
    public static String ordering() {
        return ASYMMETRIC
                ? "asymmetric: removers issue membarrier(PRIVATE_EXPEDITED), entering a section is a plain store (a volatile one for a while when removals are frequent)"
                : "symmetric: entering a section is a volatile store (a full fence), because membarrier is unavailable: "
                        + Membarrier.unavailableReason();
    }

    /**
     * True if the calling thread is inside a section. Registers no slot: a thread that never
     * entered one (one doing only metadata operations, say) costs removers nothing.
     */
    public boolean insideSection() {
        long id = Thread.currentThread().getId();
        Slot slot = byThreadId[firstPlace(id)];
        if (slot == null || slot.ownerId != id) {
            slot = registeredSlotPastFirstPlace(id);
        }
        return slot != null && (slot.scopes > 0 || (long) ACCESS.get(slot) != IDLE);
    }

    /**
     * Waits until every section that was running when it was called has ended, or its thread
     * has (see the header). Call it after the seqtex write section has begun, so that no new
     * section can go on past its check.
     */
    public void awaitQuiescence() {
        awaitQuiescence(Long.MAX_VALUE);
    }

    /**
     * As {@link #awaitQuiescence()}, but waits at most about {@code limitNanos} for sections of
     * live threads, and returns those threads if some are still inside one then; empty once
     * every section that was running has ended.
     */
    public List<Thread> awaitQuiescence(long limitNanos) {
        if (gracePeriodOff) {
            return List.of();
        }
        orderEntriesBeforeScan();
        long started = System.nanoTime();
        List<Thread> stillInside = List.of();
        for (Slot slot : slots) {
            long seen = (long) COUNTER.getVolatile(slot);
            boolean ended = awaitAccessEnd(slot, started, limitNanos)
                    && ((seen & 1) == 0 || awaitSectionEnd(slot, seen, started, limitNanos));
            if (!ended) {
                if (stillInside.isEmpty()) {
                    stillInside = new ArrayList<>();
                }
                stillInside.add(slot.owner);
            }
        }
        return stillInside;
    }

    /**
     * Waits until the single access of {@code slot} that is running, if one is, ends: marks it
     * (a compare-and-set from INSIDE to MARKED) and waits for the owner's next store, which
     * replaces the mark whatever it is, so that no re-entry can hide the end (the states are
     * constants: a remover that waited for IDLE could miss every one of an owner's short idle
     * moments). False if the owner still lives and is still in it {@code limitNanos} after
     * {@code started}. An owner that re-enters between the look and the mark makes the remover
     * wait for that access too: longer, never wrong, and for at most one more access.
     */
    private boolean awaitAccessEnd(Slot slot, long started, long limitNanos) {
        long park = FIRST_PARK_NANOS;
        boolean marked = false;
        for (int spins = 0; ; spins++) {
            long state = (long) ACCESS.getVolatile(slot);
            if (state == IDLE || marked && state != MARKED) {
                return true; // no access, or the marked one has ended (whatever began since)
            }
            if (state == INSIDE) {
                marked = ACCESS.compareAndSet(slot, INSIDE, MARKED);
                continue; // look again: the owner may have left, or re-entered, meanwhile
            }
            marked = true; // MARKED, by this remover or another: its end is a change
            if (spins < SPINS) {
                Thread.onSpinWait();
                continue;
            }
            if (!slot.owner.isAlive()) {
                return true; // a dead thread makes no more accesses (JLS 17.4.4: see the header)
            }
            if (System.nanoTime() - started >= limitNanos) {
                return false;
            }
            LockSupport.parkNanos(this, park);
            park = Math.min(2 * park, MOST_PARK_NANOS);
        }
    }

    /**
     * Waits until the scope section of {@code slot} that was running at counter {@code seen} ends, or
     * its owner ends (then revokes its holders); false if the owner still lives and is still in
     * it {@code limitNanos} after {@code started}.
     */
    private boolean awaitSectionEnd(Slot slot, long seen, long started, long limitNanos) {
        long park = FIRST_PARK_NANOS;
        for (int spins = 0; (long) COUNTER.getVolatile(slot) == seen; spins++) {
            if (spins < SPINS) {
                Thread.onSpinWait();
                continue;
            }
            if (!slot.owner.isAlive()) {
                abandon(slot, seen);
                return true;
            }
            if (System.nanoTime() - started >= limitNanos) {
                return false;
            }
            LockSupport.parkNanos(this, park);
            park = Math.min(2 * park, MOST_PARK_NANOS);
        }
        return true;
    }

    /**
     * Ends the section that the dead owner of {@code slot} left open at {@code seen}: revokes
     * what holds it, then makes the counter even, unless another remover did so first.
     */
    private static void abandon(Slot slot, long seen) {
        synchronized (slot) {
            if ((long) COUNTER.getVolatile(slot) != seen) {
                return;
            }
            for (Holder holder : slot.holders) {
                holder.abandon();
            }
            slot.holders.clear();
            COUNTER.setVolatile(slot, seen + 1);
        }
    }

    /**
     * The remover's half of the asymmetric fence: after it, every entering store that an
     * accessor made before loading an older sequence is visible to the scan. Needs no barrier
     * when every other live slot is fenced; asks for fenced entries when barriers are frequent
     * (see "Fenced on request" in the header).
     */
    private void orderEntriesBeforeScan() {
        if (!ASYMMETRIC || everyOtherSlotFenced()) {
            return;
        }
        Membarrier.barrier();
        barriers.increment();
        long now = barrierClock.getAsLong();
        if (now - lastBarrier < FREQUENT_NANOS && !anotherSlotIgnoresItsRequest()) {
            for (Slot slot : slots) {
                if (!(boolean) FENCED.getVolatile(slot)) {
                    FENCE_REQUESTED.setOpaque(slot, 1);
                }
            }
        }
        lastBarrier = now;
    }

    /**
     * True if a live thread other than the caller was asked to fence and has made no entry
     * since, so is not fenced: an idle thread, which keeps every removal on the barrier until it
     * enters again. Fencing the others would then only add a fence to each of their entries to
     * the barrier's interrupt (see "Fenced on request" in the header).
     */
    private boolean anotherSlotIgnoresItsRequest() {
        Thread self = Thread.currentThread();
        for (Slot slot : slots) {
            if (slot.owner != self && (int) FENCE_REQUESTED.getOpaque(slot) != 0 && !(boolean) FENCED.getVolatile(slot)
                    && slot.owner.isAlive()) {
                return true;
            }
        }
        return false;
    }

    /**
     * True if each slot but the caller's says it is fenced or belongs to a thread that has ended
     * (whose accesses all happen-before this, JLS 17.4.4). The caller's own entries are ordered
     * before its removal by program order; it is in no section (see the class comment).
     */
    private boolean everyOtherSlotFenced() {
        Thread self = Thread.currentThread();
        for (Slot slot : slots) {
            if (slot.owner != self && !(boolean) FENCED.getVolatile(slot) && slot.owner.isAlive()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Says the calling thread's slot is fenced and fences its next {@code entries} entries, as
     * if a remover had asked and all but {@code entries} of the fenced ones had been made since:
     * with 0, the next entry is the one that says the slot is fenced no more. Only for the
     * jcstress tests of the switch (either way is safe: see "Fenced on request").
     */
    public void fenceEntriesForTesting(int entries) {
        if (entries < 0 || entries > FENCED_ENTRIES) {
            throw new IllegalArgumentException("entries must be 0 to " + FENCED_ENTRIES + ": " + entries);
        }
        Slot slot = mySlot();
        FENCED.setVolatile(slot, true);
        slot.fencedEntries = entries + 1;
    }

    /** Asks the calling thread's slot to fence its entries, as a remover does. Only for tests. */
    public void requestFenceForTesting() {
        FENCE_REQUESTED.setOpaque(mySlot(), 1);
    }

    /** True while the calling thread's entries are fenced (see "Fenced on request"). Only for tests. */
    public boolean fencedForTesting() {
        return (boolean) FENCED.getVolatile(mySlot());
    }

    /**
     * Whether a remover that has just made its sequence odd would find a section running: the
     * first pass of {@link #awaitQuiescence}, without the waiting. Only for the jcstress test of
     * the ordering argument, which needs the section to stay open while it looks.
     */
    public boolean anySectionRunningForTesting() {
        orderEntriesBeforeScan();
        for (Slot slot : slots) {
            if ((long) ACCESS.getVolatile(slot) != IDLE || ((long) COUNTER.getVolatile(slot) & 1) != 0) {
                return true;
            }
        }
        return false;
    }
}
