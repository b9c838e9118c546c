package org.daxstore.sync;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * The grace period: every access through a view runs inside an access section, and an
 * operation that removes blocks waits, after its seqtex write section has begun and before it
 * unlinks anything, until every section that was running has ended. Together with the
 * {@link Seqtex} this is daxstore's user-space TLB shootdown.
 *
 * <h2>Protocol</h2>
 * Each thread owns a slot holding a counter: odd while the thread is inside a section, even
 * outside. Only the owner writes it, so entering and leaving are plain volatile/release stores,
 * never a read-modify-write.
 * <pre>
 *   accessor                              remover (truncate, punch, delete)
 *   slot.counter = odd       (volatile)   seqtex.writeLock(): sequence = odd  (volatile)
 *   s = seqtex.sequence()    (volatile)   awaitQuiescence(): for each slot that is odd,
 *   if s is odd: leave, park, retry           wait until its counter changes
 *   use the translation tagged s          unlink the blocks (metadata transaction)
 *   slot.counter = even      (release)    seqtex.writeUnlock(): sequence = even; wake readers
 *                                         free the blocks: they may be reused at once
 * </pre>
 * Why it is safe: the accessor's store to its slot and load of the sequence, and the remover's
 * store to the sequence and loads of the slots, are volatile, hence sequentially consistent.
 * So either the accessor sees the odd sequence (and backs off before touching anything), or the
 * remover sees the accessor's odd counter (and waits for that section to end). A section that
 * began before the write section therefore ends before the blocks are unlinked, and every
 * access in it, load or store, happens before the removal: no access can land in a block after
 * it has left its file, let alone after another file got it. A section that begins later sees
 * the new sequence, finds its cached translations stale, and faults. Blocks can thus be freed
 * the moment the transaction that unlinks them commits; no deferred reclamation is needed.
 *
 * <p>Sections are short (one access, or one scoped access); an idle view holds none, so it
 * never holds up a remover. A remover must not run inside a section of its own thread: it would
 * wait for itself. {@link #insideSection()} lets callers refuse that.
 *
 * <p>The slot of a thread lives as long as the registry; a thread that has finished leaves an
 * even counter behind, which never delays anybody.
 */
public final class AccessSections {
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
        @SuppressWarnings("unused") // accessed through COUNTER
        private volatile long counter;
        /** Nesting depth: only the outermost enter and leave touch the counter. Owner-only. */
        private int depth;
        long q01, q02, q03, q04, q05, q06, q07;

        /** How deeply the owner is nested in sections now; 0 outside. */
        public int depth() {
            return depth;
        }
    }

    private final CopyOnWriteArrayList<Slot> slots = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Slot> mine = ThreadLocal.withInitial(this::register);

    private Slot register() {
        Slot slot = new Slot();
        slots.add(slot);
        return slot;
    }

    /** Enters a section on the calling thread's slot and returns the slot for {@link #leave}. */
    public Slot enter() {
        Slot slot = mine.get();
        if (slot.depth++ == 0) {
            COUNTER.setVolatile(slot, slot.counter + 1);
        }
        return slot;
    }

    /** Leaves the section entered with {@code slot}. */
    public void leave(Slot slot) {
        if (--slot.depth == 0) {
            COUNTER.setRelease(slot, slot.counter + 1);
        }
    }

    /** True if the calling thread is inside a section. */
    public boolean insideSection() {
        return mine.get().depth > 0;
    }

    /**
     * Waits until every section that was running when it was called has ended. Call it after
     * the seqtex write section has begun, so that no new section can go on past its check.
     */
    public void awaitQuiescence() {
        if (TestingKnobs.GRACE_PERIOD_OFF) {
            return;
        }
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
}
