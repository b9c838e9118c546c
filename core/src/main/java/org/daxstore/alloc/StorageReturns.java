package org.daxstore.alloc;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The hand-over between threads that punch freed blocks outside the metadata lock
 * ({@link StoragePunch}) and the allocator, which runs under it. It has a lock of its own so that
 * a puncher can return its blocks, and wake an allocation waiting for them, while that allocation
 * holds the metadata lock in the middle of a transaction: the puncher never needs the metadata
 * lock to finish, so the wait cannot deadlock.
 */
final class StorageReturns {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition returned = lock.newCondition();
    /** Blocks taken for punching and not returned yet. Guarded by {@code lock}. */
    private int inFlight;
    /** Returned blocks that the punch made holes (they read as zeros). Guarded by {@code lock}. */
    private LongList holes = new LongList();
    /** Returned blocks the punch left alone: their storage is still there. Guarded by {@code lock}. */
    private LongList kept = new LongList();
    /** Returned blocks whose storage and contents are unknown. Guarded by {@code lock}. */
    private LongList unknown = new LongList();

    /** {@code blocks} more are being punched. */
    void taken(int blocks) {
        lock.lock();
        try {
            inFlight += blocks;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A punch has dealt with these blocks: they wait for {@link #drain}. Wakes waiting allocations.
     * {@code madeHoles}: punched; {@code keptStorage}: the punch did nothing (the file system
     * cannot punch), so they still have storage; {@code unknownStorage}: the punch failed.
     */
    void returned(LongList madeHoles, LongList keptStorage, LongList unknownStorage) {
        lock.lock();
        try {
            holes.addAll(madeHoles);
            kept.addAll(keptStorage);
            unknown.addAll(unknownStorage);
            inFlight -= madeHoles.size() + keptStorage.size() + unknownStorage.size();
            returned.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Receives the returned blocks, as {@link #returned} sorts them. */
    interface Receiver {
        void receive(LongList holes, LongList kept, LongList unknown);
    }

    /** Hands the returned blocks to {@code receiver}, and forgets them; true if there were any. */
    boolean drain(Receiver receiver) {
        LongList h;
        LongList k;
        LongList u;
        lock.lock();
        try {
            if (!anyReturned()) {
                return false;
            }
            h = holes;
            k = kept;
            u = unknown;
            holes = new LongList();
            kept = new LongList();
            unknown = new LongList();
        } finally {
            lock.unlock();
        }
        receiver.receive(h, k, u);
        return true;
    }

    /** True if returned blocks wait for {@link #drain}. Guarded by {@code lock}. */
    private boolean anyReturned() {
        return holes.size() > 0 || kept.size() > 0 || unknown.size() > 0;
    }

    /** Blocks being punched or returned and not drained yet. */
    long outstanding() {
        lock.lock();
        try {
            return inFlight + holes.size() + kept.size() + unknown.size();
        } finally {
            lock.unlock();
        }
    }

    /** Blocks being punched now, by threads that will return them without the metadata lock. */
    int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until some block has been returned, none is being punched any more, or
     * {@code deadline} ({@link System#nanoTime}) has passed; true if a block was returned. An
     * interrupt does not cut the wait short (the wait is bounded, and a spurious
     * {@link org.daxstore.StoreFullException} would be worse); it is kept for the caller.
     */
    boolean awaitReturn(long deadline) {
        boolean interrupted = false;
        lock.lock();
        try {
            while (!anyReturned() && inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    returned.awaitNanos(left);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return anyReturned();
        } finally {
            lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
