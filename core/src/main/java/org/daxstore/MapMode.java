package org.daxstore;

/** Whether a view may store. */
public enum MapMode {
    READ_ONLY,
    READ_WRITE
}
