package org.daxstore.sync;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

import org.daxstore.nativebridge.Membarrier;

/**
 * The grace period: every access through a view runs inside an access section, and an
 * operation that removes blocks waits, after its seqtex write section has begun and before it
 * unlinks anything, until every section that was running has ended. Together with the
 * {@link Seqtex} this is daxstore's user-space TLB shootdown.
 *
 * <h2>Protocol</h2>
 * Each thread owns a slot holding a counter: odd while the thread is inside a section, even
 * outside. Only the owner writes it, so entering and leaving are plain stores, never a
 * read-modify-write.
 * <pre>
 *   accessor                              remover (truncate, punch, delete, close)
 *   slot.counter = odd                    seqtex.writeLock(): sequence = odd  (volatile)
 *   s = seqtex.sequence()    (volatile)   awaitQuiescence(): [membarrier]; for each odd slot,
 *   if s is odd: leave, park, retry           wait until its counter changes
 *   use the translation tagged s          unlink the blocks (metadata transaction)
 *   slot.counter = even      (release)    seqtex.writeUnlock(): sequence = even; wake readers
 *                                         free the blocks: they may be reused at once
 * </pre>
 * What must hold is Dekker's condition: either the accessor sees the odd sequence (and backs
 * off before touching anything), or the remover sees the accessor's odd counter (and waits for
 * that section to end). Then a section that began before the write section ends before the
 * blocks are unlinked, and every access in it, load or store, happens before the removal: no
 * access can land in a block after it has left its file, let alone after another file got it.
 * A section that begins later sees the new sequence, finds its cached translations stale, and
 * faults. Blocks can thus be freed the moment the transaction that unlinks them commits; no
 * deferred reclamation is needed.
 *
 * <h2>Memory ordering: who pays for the StoreLoad fence</h2>
 * Each side stores one variable and then loads the other's, so each needs its store ordered
 * before its load (StoreLoad), the one reordering x86 allows. Two ways are built; the class
 * picks one when it loads and never mixes them.
 * <ul>
 *   <li><b>Asymmetric</b> (where {@link Membarrier#isAvailable()}, so on Linux 4.14+ with the
 *       native bridge): the accessor's entering store is opaque, with no fence, and the remover
 *       calls {@link Membarrier#barrier()} between storing the sequence and loading the slots.
 *       That forces a full barrier on every CPU running a thread of the process, so for each
 *       accessor either its barrier came after its entering store, which is then visible to the
 *       remover's loads, or before it, so its load of the sequence comes after the barrier, hence
 *       after the remover's volatile store, and sees it. A thread that is not running passes a
 *       full barrier when it is scheduled again. The compiler must not move the accessor's load
 *       above its store either: HotSpot's C2 brackets an opaque VarHandle access with CPU-order
 *       barriers (compiler-only, no instruction), and C1 and the interpreter keep program order.
 *       This is the userspace-RCU pattern; it takes about 7 ns off every access on x86 (a locked
 *       instruction) and adds a system call and an interrupt per running CPU to each removal.
 *       The jcstress test {@code GracePeriodTest} runs in both modes, and fails in this one when
 *       the barrier is left out.</li>
 *   <li><b>Symmetric</b> (anywhere else, or with {@code -Ddaxstore.membarrier.disable=true}):
 *       the entering store and the remover's loads are volatile, so the four accesses are
 *       sequentially consistent and Dekker's condition follows from the Java memory model
 *       alone.</li>
 * </ul>
 * A new slot is published through a {@link CopyOnWriteArrayList} (a lock and a volatile store)
 * before its first entering store, so a remover that does not see the slot at all is in the
 * second case for it.
 *
 * <p>Sections are short (one access, or one scoped access); an idle view holds none, so it
 * never holds up a remover. A remover must not run inside a section of its own thread: it would
 * wait for itself; nor may a thread inside a section wait for a lock that a remover holds while
 * it waits. {@link #insideSection()} lets callers refuse both.
 *
 * <p>The slot of a thread lives as long as the registry; a thread that has finished leaves an
 * even counter behind, which never delays anybody.
 */
public final class AccessSections {
    /** True if removers issue the barrier and entering a section needs no fence (see the header). */
    private static final boolean ASYMMETRIC = Membarrier.isAvailable();
    private static final VarHandle COUNTER;

    static {
        try {
            COUNTER = MethodHandles.lookup().findVarHandle(Slot.class, "counter", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A thread's section counter, padded so that two threads' slots never share a cache line. */
    public static final class Slot {
        long p01, p02, p03, p04, p05, p06, p07;
        /** The owner's {@link Thread#getId()}: unique for the life of the JVM, never reused. */
        private final long ownerId;
        @SuppressWarnings("unused") // accessed through COUNTER
        private volatile long counter;
        /** Nesting depth: only the outermost enter and leave touch the counter. Owner-only. */
        private int depth;
        long q01, q02, q03, q04, q05, q06, q07;

        Slot(long ownerId) {
            this.ownerId = ownerId;
        }

        /** How deeply the owner is nested in sections now; 0 outside. */
        public int depth() {
            return depth;
        }
    }

    /** Size of {@link #byThreadId}: a power of two. */
    private static final int DIRECT_SLOTS = 256;

    private final CopyOnWriteArrayList<Slot> slots = new CopyOnWriteArrayList<>();
    /** The calling thread's slot, once it has entered a section; null before. */
    private final ThreadLocal<Slot> mine = new ThreadLocal<>();
    /**
     * A cache in front of {@link #mine}, indexed by thread id: a hit is two dependent loads and
     * a compare, where a ThreadLocal lookup is a hash-table probe through a weak reference,
     * which is a third of an access section's cost. Thread ids are handed out in sequence, so
     * up to {@value #DIRECT_SLOTS} live threads rarely collide; a thread that finds another's
     * slot in its place takes the ThreadLocal and puts its own back. Racy on purpose: an entry
     * is only a hint, checked against the owner id, and a reference store is atomic.
     */
    private final Slot[] byThreadId = new Slot[DIRECT_SLOTS];

    private Slot register() {
        Slot slot = new Slot(Thread.currentThread().getId());
        slots.add(slot);
        return slot;
    }

    private Slot mySlot() {
        long id = Thread.currentThread().getId();
        Slot slot = byThreadId[(int) id & (DIRECT_SLOTS - 1)];
        return slot != null && slot.ownerId == id ? slot : mySlotSlowly(id);
    }

    private Slot mySlotSlowly(long id) {
        Slot slot = mine.get();
        if (slot == null) {
            slot = register();
            mine.set(slot);
        }
        byThreadId[(int) id & (DIRECT_SLOTS - 1)] = slot;
        return slot;
    }

    /** Enters a section on the calling thread's slot and returns the slot for {@link #leave}. */
    public Slot enter() {
        Slot slot = mySlot();
        if (slot.depth++ == 0) {
            long odd = (long) COUNTER.get(slot) + 1;
            if (ASYMMETRIC) {
                COUNTER.setOpaque(slot, odd);
            } else {
                COUNTER.setVolatile(slot, odd);
            }
        }
        return slot;
    }

    /** Leaves the section entered with {@code slot}. */
    public void leave(Slot slot) {
        if (--slot.depth == 0) {
            COUNTER.setRelease(slot, (long) COUNTER.get(slot) + 1);
        }
    }

    /** How entering a section is ordered against removers in this process, for diagnostics. */
    public static String ordering() {
        return ASYMMETRIC
                ? "asymmetric: removers issue membarrier(PRIVATE_EXPEDITED), entering a section is a plain store"
                : "symmetric: entering a section is a volatile store (a full fence), because membarrier is unavailable: "
                        + Membarrier.unavailableReason();
    }

    /**
     * True if the calling thread is inside a section. Registers no slot: a thread that never
     * entered one (one doing only positional I/O, say) costs removers nothing.
     */
    public boolean insideSection() {
        long id = Thread.currentThread().getId();
        Slot slot = byThreadId[(int) id & (DIRECT_SLOTS - 1)];
        if (slot == null || slot.ownerId != id) {
            slot = mine.get();
        }
        return slot != null && slot.depth > 0;
    }

    /**
     * Waits until every section that was running when it was called has ended. Call it after
     * the seqtex write section has begun, so that no new section can go on past its check.
     */
    public void awaitQuiescence() {
        if (TestingKnobs.GRACE_PERIOD_OFF) {
            return;
        }
        orderEntriesBeforeScan();
        for (Slot slot : slots) {
            long seen = (long) COUNTER.getVolatile(slot);
            if ((seen & 1) == 0) {
                continue;
            }
            for (int spins = 0; (long) COUNTER.getVolatile(slot) == seen; spins++) {
                if (spins < 1_000) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(this, 10_000);
                }
            }
        }
    }

    /**
     * The remover's half of the asymmetric fence: after it, every entering store that an
     * accessor made before loading an older sequence is visible to the scan.
     */
    private static void orderEntriesBeforeScan() {
        if (ASYMMETRIC) {
            Membarrier.barrier();
        }
    }

    /**
     * Whether a remover that has just made its sequence odd would find a section running: the
     * first pass of {@link #awaitQuiescence}, without the waiting. Only for the jcstress test of
     * the ordering argument, which needs the section to stay open while it looks.
     */
    public boolean anySectionRunningForTesting() {
        orderEntriesBeforeScan();
        for (Slot slot : slots) {
            if (((long) COUNTER.getVolatile(slot) & 1) != 0) {
                return true;
            }
        }
        return false;
    }
}
