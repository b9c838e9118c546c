package org.daxstore.sync;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A seqtex: a sequence counter whose readers park, instead of spinning, while a writer is
 * active. One guards each file's block map against the operations that remove blocks from it
 * (truncate, punch, delete).
 *
 * <h2>Protocol</h2>
 * The sequence is even while no writer is active and odd while one is.
 * <ul>
 *   <li>{@link #readLock()} returns the current sequence if it is even. If it is odd, the reader
 *       spins for a few hundred nanoseconds (a write section is short), then pushes itself on a
 *       wait list and parks until the writer leaves. It never spins for long.</li>
 *   <li>{@link #readUnlock(long)} tells the reader whether its section overlapped a write
 *       section, in which case whatever it read may be stale and it must retry.</li>
 *   <li>{@link #writeLock()} makes the sequence odd; {@link #writeUnlock()} makes it even again
 *       and wakes every parked reader. Writers are serialised by the caller (the file's
 *       structure lock), so the sequence is only ever written by one thread at a time and needs
 *       no compare-and-set. Readers never hold up a writer: writers cannot be starved.</li>
 * </ul>
 * A reader's hot path is one volatile load in {@code readLock} and a load fence plus a volatile
 * load in {@code readUnlock}: no store, no read-modify-write, no allocation.
 *
 * <h2>Memory ordering</h2>
 * <ul>
 *   <li>Writer: the volatile store that makes the sequence odd comes before the writer's data
 *       stores (a volatile store is followed by a full fence), and the volatile store that makes
 *       it even comes after them (release). A reader that loads an even sequence {@code s} with
 *       acquire semantics and, after a load fence, loads {@code s} again has seen no data store
 *       of a write section that began after its first load; if the second load differs, it
 *       retries. This is the validation of {@link java.util.concurrent.locks.StampedLock}'s
 *       optimistic reads.</li>
 *   <li>No lost wake-up: a parking reader pushes its node (a CAS, sequentially consistent) and
 *       then re-reads the sequence (volatile); the writer stores the sequence (volatile) and then
 *       swaps the wait list out (sequentially consistent). In any interleaving either the
 *       reader sees the new sequence and does not park, or the writer sees the reader's node
 *       and unparks it; an unpark that comes before the park is kept as the thread's permit.</li>
 * </ul>
 *
 * <h2>Closing</h2>
 * {@link #close()} leaves the sequence odd for good and wakes every reader; readers then see
 * {@link #isClosed()} and give up. The store uses it for deleted files and on close.
 */
public final class Seqtex {
    private static final VarHandle SEQUENCE;
    private static final VarHandle WAITERS;
    /** How long a reader spins on an odd sequence before it parks. */
    private static final int SPINS = 256;
    private static final long CLOSED = Long.MIN_VALUE | 1;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SEQUENCE = lookup.findVarHandle(Seqtex.class, "sequence", long.class);
            WAITERS = lookup.findVarHandle(Seqtex.class, "waiters", Waiter.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through SEQUENCE
    private volatile long sequence;
    @SuppressWarnings("unused") // accessed through WAITERS
    private volatile Waiter waiters;

    /** A parked reader. */
    private static final class Waiter {
        final Thread thread = Thread.currentThread();
        volatile boolean released;
        Waiter next;
    }

    /** The current sequence, for tagging and checking cached translations. One volatile load. */
    public long sequence() {
        return (long) SEQUENCE.getVolatile(this);
    }

    /**
     * Starts a read section: returns an even sequence, parking first while a writer is active.
     *
     * @throws IllegalStateException if the seqtex is closed
     */
    public long readLock() {
        long s = (long) SEQUENCE.getAcquire(this);
        return (s & 1) == 0 ? s : awaitEven(s);
    }

    /** Ends a read section begun at sequence {@code s}; true if a write overlapped it and the reader must retry. */
    public boolean readUnlock(long s) {
        VarHandle.acquireFence();
        return (long) SEQUENCE.getVolatile(this) != s;
    }

    /** True while a writer is active, or once closed. */
    public boolean isWriteLocked() {
        return (sequence() & 1) != 0;
    }

    public boolean isClosed() {
        return sequence() == CLOSED;
    }

    /** Starts a write section. The caller serialises writers. */
    public void writeLock() {
        long s = (long) SEQUENCE.getVolatile(this);
        if ((s & 1) != 0) {
            throw new IllegalStateException(s == CLOSED ? "the seqtex is closed" : "a write section is already active");
        }
        SEQUENCE.setVolatile(this, s + 1);
    }

    /** Ends the write section and wakes every parked reader. */
    public void writeUnlock() {
        long s = (long) SEQUENCE.getVolatile(this);
        if ((s & 1) == 0 || s == CLOSED) {
            throw new IllegalStateException("no write section is active");
        }
        SEQUENCE.setVolatile(this, s + 1);
        wakeAll();
    }

    /** Leaves the sequence odd for good and wakes every reader, which then sees {@link #isClosed()}. */
    public void close() {
        SEQUENCE.setVolatile(this, CLOSED);
        wakeAll();
    }

    private void wakeAll() {
        for (Waiter w = (Waiter) WAITERS.getAndSet(this, (Waiter) null); w != null; w = w.next) {
            w.released = true;
            LockSupport.unpark(w.thread);
        }
    }

    private long awaitEven(long odd) {
        for (int i = 0; i < SPINS; i++) {
            Thread.onSpinWait();
            long s = (long) SEQUENCE.getAcquire(this);
            if ((s & 1) == 0) {
                return s;
            }
        }
        while (true) {
            long s = (long) SEQUENCE.getVolatile(this);
            if ((s & 1) == 0) {
                return s;
            }
            if (s == CLOSED) {
                throw new IllegalStateException("the seqtex is closed");
            }
            Waiter waiter = new Waiter();
            Waiter head;
            do {
                head = (Waiter) WAITERS.getVolatile(this);
                waiter.next = head;
            } while (!WAITERS.compareAndSet(this, head, waiter));
            while (!waiter.released && (long) SEQUENCE.getVolatile(this) == s) {
                LockSupport.park(this);
            }
        }
    }
}
