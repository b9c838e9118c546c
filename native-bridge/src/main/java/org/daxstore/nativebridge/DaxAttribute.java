package org.daxstore.nativebridge;

/**
 * The kernel's answer to "is this file in DAX state" ({@code STATX_ATTR_DAX}). Three-valued,
 * because kernels before 5.8 do not answer, and "no answer" must not read as "no".
 */
public enum DaxAttribute {
    /** The kernel says loads and stores on a mapping of the file reach the media directly. */
    YES,
    /** The kernel says the file goes through the page cache. */
    NO,
    /** The kernel does not report the attribute. */
    UNKNOWN
}
