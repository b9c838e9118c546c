package org.daxstore;

import java.util.Locale;

/**
 * Which medium maps a store's container ({@link StoreOptions#withMedium}). The store reports the
 * one in use and why in {@link StoreInfo#medium()}.
 */
public enum MediumChoice {
    /** The pmem medium when libpmem loads, the mapped medium otherwise. */
    AUTO,
    /** libpmem: one mapping, {@code pmem_persist} on real pmem, {@code pmem_msync} elsewhere; refused if libpmem is unavailable. */
    PMEM,
    /** The JDK's {@code FileChannel.map}, with {@code MAP_SYNC} on DAX files and msync elsewhere. */
    MAPPED;

    /** The system property that sets the default choice: {@code auto}, {@code pmem} or {@code mapped}. */
    public static final String PROPERTY = "daxstore.medium";

    /**
     * The choice the {@value #PROPERTY} system property names, {@link #AUTO} if it is unset.
     *
     * @return the choice, read from the property now
     * @throws IllegalArgumentException if it names no choice
     */
    public static MediumChoice fromSystemProperty() {
        String value = System.getProperty(PROPERTY, "auto").trim();
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + " names no medium: use auto, pmem or mapped", e);
        }
    }
}
