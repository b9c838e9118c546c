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
 * garbage collector may take it, and the next shootdown forgets it.
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

    private final List<WeakReference<View>> views = new ArrayList<>();

    /** Adds {@code view}; it is shot down by every removal from now until {@link #remove}. */
    public synchronized void add(View view) {
        views.removeIf(reference -> reference.get() == null);
        views.add(new WeakReference<>(view));
    }

    public synchronized void remove(View view) {
        views.removeIf(reference -> {
            View registered = reference.get();
            return registered == null || registered == view;
        });
    }

    /** Shoots down file pages {@code [fromPage, toPage)} in every live view. */
    public void shootDown(long fromPage, long toPage) {
        for (View view : snapshot()) {
            view.shootDown(fromPage, toPage);
        }
    }

    private synchronized List<View> snapshot() {
        List<View> live = new ArrayList<>(views.size());
        views.removeIf(reference -> {
            View view = reference.get();
            if (view != null) {
                live.add(view);
            }
            return view == null;
        });
        return live;
    }

    /** How many views are registered and not yet collected: for tests. */
    public synchronized int countForTesting() {
        return (int) views.stream().filter(reference -> reference.get() != null).count();
    }
}
