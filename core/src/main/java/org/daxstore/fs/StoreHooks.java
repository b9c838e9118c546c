package org.daxstore.fs;

import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.daxstore.media.Medium;

/**
 * The test hooks of one store: what the harnesses and the tests that show a safety rule matters
 * change in a store's behaviour. Each store holds the hooks it was opened with, for its whole
 * life, and no other store sees them; a store opened through the public API alone has
 * {@link #NONE}. There is no system property, no static switch and no public method that sets
 * one: a store gets hooks only when it is opened inside {@link #openForTesting} on the same
 * thread (the first store opened there), and that entry point lives here, outside the public package, named for what it is.
 *
 * <ul>
 *   <li>{@link #mediumDecorator()}: wraps the medium the store maps, for format and for this
 *       open (the crash harness records every flush and fence through it; tests fail a call).
 *       The decorator must pass every call through.</li>
 *   <li>{@link #gracePeriodOff()}: removers do not wait for running access sections, so an
 *       access can land in a block after it has left its file. Exists only so that the stress
 *       and the hostile tests can show that they catch exactly that.</li>
 *   <li>{@link #raceWindowNanos()}: every view access, and every block a positional read or
 *       overwrite copies, pauses this long between translating its address (looking its block
 *       up) and touching memory, widening the window in which a removal can race it. Read on
 *       the hit path from a final field of the view (of {@code FileData}), so it costs a load of
 *       a line the access already holds and a branch that is never taken when it is 0.</li>
 * </ul>
 */
public final class StoreHooks {
    /** No hooks: what every store opened through the public API alone has. */
    public static final StoreHooks NONE = new StoreHooks(UnaryOperator.identity(), false, 0);

    /**
     * The hooks for the stores opened inside {@link #openForTesting} on this thread. Scoped to
     * that call on that thread and cleared when it returns: never JVM-wide, never left behind.
     */
    private static final ThreadLocal<StoreHooks> OPENING = new ThreadLocal<>();
    /** In {@link #OPENING} once the first store of the call has taken its hooks. */
    private static final StoreHooks TAKEN = new StoreHooks(UnaryOperator.identity(), false, 0);

    private final UnaryOperator<Medium> mediumDecorator;
    private final boolean gracePeriodOff;
    private final long raceWindowNanos;

    private StoreHooks(UnaryOperator<Medium> mediumDecorator, boolean gracePeriodOff, long raceWindowNanos) {
        this.mediumDecorator = mediumDecorator;
        this.gracePeriodOff = gracePeriodOff;
        this.raceWindowNanos = raceWindowNanos;
    }

    /** These hooks with the medium wrapped by {@code decorator} (given the medium the store chose, returns the one it uses). */
    public StoreHooks withMediumDecorator(UnaryOperator<Medium> decorator) {
        return new StoreHooks(Objects.requireNonNull(decorator, "decorator"), gracePeriodOff, raceWindowNanos);
    }

    /** These hooks with the grace period off: unsafe, for the tests that must show they catch it. */
    public StoreHooks withGracePeriodOff() {
        return new StoreHooks(mediumDecorator, true, raceWindowNanos);
    }

    /** These hooks with every view access pausing {@code nanos} between translation and access. */
    public StoreHooks withRaceWindowNanos(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("race window " + nanos + " ns is negative");
        }
        return new StoreHooks(mediumDecorator, gracePeriodOff, nanos);
    }

    public UnaryOperator<Medium> mediumDecorator() {
        return mediumDecorator;
    }

    public boolean gracePeriodOff() {
        return gracePeriodOff;
    }

    public long raceWindowNanos() {
        return raceWindowNanos;
    }

    /**
     * Runs {@code opens}, and gives the first store that it opens, formats or creates on this
     * thread (through {@code DaxStore.open}, {@code create} or {@code format}) these hooks;
     * returns what it returns. Only the first: a store opened while that one is being opened (a
     * crash harness judging an image at a fence of the format) gets none. The testing entry
     * point, and the only way a store gets hooks.
     */
    public <T> T openForTesting(Supplier<T> opens) {
        if (OPENING.get() != null) {
            throw new IllegalStateException("openForTesting inside openForTesting: give each store its own call");
        }
        OPENING.set(this);
        try {
            return opens.get();
        } finally {
            OPENING.remove();
        }
    }

    /**
     * Takes the hooks for a store being opened now on this thread: those of the enclosing
     * {@link #openForTesting}, once; {@link #NONE} outside one, or once they were taken.
     */
    public static StoreHooks forStoreOpenedNow() {
        StoreHooks hooks = OPENING.get();
        if (hooks == null || hooks == TAKEN) {
            return NONE;
        }
        OPENING.set(TAKEN);
        return hooks;
    }

    /**
     * Gives {@code hooks}, taken by {@link #forStoreOpenedNow} for an open that then failed, back
     * to the enclosing {@link #openForTesting} on this thread, for the next store it opens.
     */
    public static void giveBack(StoreHooks hooks) {
        if (hooks != NONE && OPENING.get() == TAKEN) {
            OPENING.set(hooks);
        }
    }

    @Override
    public String toString() {
        return this == NONE ? "no hooks" : "hooks (decorator " + (mediumDecorator != UnaryOperator.<Medium>identity())
                + ", grace period " + (gracePeriodOff ? "OFF" : "on") + ", race window " + raceWindowNanos + " ns)";
    }
}
