package org.daxstore.fs;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * The live views of one file, for removers to shoot down: the user-space analogue of the
 * kernel's {@code i_mmap} tree, which {@code unmap_mapping_range} walks to zap the page-table
 * entries of a truncated or punched range in every mapping of the file.
 *
 * <p>A view registers before it can install any translation and leaves when it closes. A view
 * that is dropped without being closed cannot be used any more either, so it is held weakly: the
 * garbage collector may take it, and the next registration or shootdown of the file forgets it
 * and runs the action it registered with (which gives its translations' heap back to the
 * store's budget: a dropped view must not keep its share for ever).
 *
 * <p>Ordering: a remover makes the file's seqtex odd, then calls {@link #shootDown}; a view
 * registered after the shootdown took its snapshot registered under this object's lock, after
 * the remover's volatile store, so every fault of that view reads the odd (or a later)
 * sequence and installs nothing that the removal takes away. Thread-safe.
 */
public final class MappedViews {
    /** What a view does when a range of its file is removed. */
    public interface View {
        /**
         * Drops the view's translations of file pages {@code [fromPage, toPage)}, so that an
         * access to one of them that begins after this returns faults. Called by the remover
         * inside the file's seqtex write section, before the grace period; must not block on
         * anything but the view's own brief lock.
         */
        void shootDown(long fromPage, long toPage);
    }

    /** A view held weakly, with what to do once the garbage collector has taken it. */
    private static final class Registration extends WeakReference<View> {
        final Runnable whenCollected;

        Registration(View view, Runnable whenCollected) {
            super(view);
            this.whenCollected = whenCollected;
        }
    }

    private final List<Registration> views = new ArrayList<>();

    /**
     * Adds {@code view}; it is shot down by every removal from now until {@link #remove}. If it is
     * collected without being removed, {@code whenCollected} runs (on a thread of a later
     * registration or removal); it must not refer to the view, or the view is never collected.
     */
    public void add(View view, Runnable whenCollected) {
        List<Runnable> collected;
        synchronized (this) {
            collected = forgetCollected(null);
            views.add(new Registration(view, whenCollected));
        }
        collected.forEach(Runnable::run);
    }

    public synchronized void remove(View view) {
        views.removeIf(registration -> registration.get() == view);
    }

    /** Shoots down file pages {@code [fromPage, toPage)} in every live view. */
    public void shootDown(long fromPage, long toPage) {
        List<View> live = new ArrayList<>();
        List<Runnable> collected;
        synchronized (this) {
            collected = forgetCollected(live);
        }
        collected.forEach(Runnable::run);
        for (View view : live) {
            view.shootDown(fromPage, toPage);
        }
    }

    /** Drops the registrations of collected views, returning their actions; adds the others' views to {@code live}. */
    private List<Runnable> forgetCollected(List<View> live) {
        List<Runnable> collected = new ArrayList<>(0);
        views.removeIf(registration -> {
            View view = registration.get();
            if (view == null) {
                collected.add(registration.whenCollected);
                return true;
            }
            if (live != null) {
                live.add(view);
            }
            return false;
        });
        return collected;
    }
}
