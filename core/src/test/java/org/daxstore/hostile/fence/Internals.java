package org.daxstore.hostile.fence;

import java.lang.reflect.Field;
import java.util.List;

import org.daxstore.DaxStore;
import org.daxstore.fs.Volume;
import org.daxstore.nativebridge.Membarrier;
import org.daxstore.sync.AccessSections;

/**
 * What these tests look at below the public API, by reflection, to check that a run exercised
 * what it was meant to (barriers skipped, threads fenced and unfenced, slots dropped). Nothing
 * here changes the store's behaviour.
 */
final class Internals {
    private Internals() {
    }

    /** The access sections of {@code store}'s views. */
    static AccessSections sections(DaxStore store) {
        try {
            Field field = DaxStore.class.getDeclaredField("volume");
            field.setAccessible(true);
            return ((Volume) field.get(store)).sections();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("DaxStore no longer keeps its Volume in the field 'volume': update this helper", e);
        }
    }

    /** How many threads' slots {@code sections} keeps. */
    static int slotCount(AccessSections sections) {
        try {
            Field field = AccessSections.class.getDeclaredField("slots");
            field.setAccessible(true);
            return ((List<?>) field.get(sections)).size();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("AccessSections no longer keeps its slots in the list 'slots': update this helper", e);
        }
    }

    /** True if removers issue membarrier and entries can be fenced on request (the mode under test). */
    static boolean asymmetric() {
        return Membarrier.isAvailable();
    }

    static String whyNotAsymmetric() {
        return "fenced entries exist only in the asymmetric mode, and membarrier is unavailable here: "
                + Membarrier.unavailableReason();
    }
}
