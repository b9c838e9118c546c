package org.daxstore;

/** Whether a view ({@link DaxFile#map(long, long, MapMode)}) or a scope ({@link DaxMapping#scope}) may store. */
public enum MapMode {
    /** Loads only: a store throws {@link ReadOnlyViewException}, and a load from a hole allocates nothing. */
    READ_ONLY,
    /** Loads and stores: a store into a hole gives it a zeroed block. */
    READ_WRITE
}
