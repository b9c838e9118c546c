package org.daxstore.nativebridge;

import java.util.List;

/**
 * What a mount's options say about DAX. ext4 and xfs take {@code dax} (the old spelling of
 * {@code dax=always}), {@code dax=always}, {@code dax=inode} (each file's {@code FS_XFLAG_DAX}
 * attribute decides, the default since Linux 5.8) and {@code dax=never}; virtiofs and erofs the same
 * words. The kernel prints them among the file system's own ("super") options.
 */
public enum DaxMountOption {
    /** No dax option is shown: on ext4 and xfs since 5.8 that behaves as {@link #INODE}. */
    NONE,
    /** {@code dax} or {@code dax=always}: every regular file is accessed directly. */
    ALWAYS,
    /** {@code dax=inode}: files whose DAX attribute is set are accessed directly. */
    INODE,
    /** {@code dax=never}: no file is. */
    NEVER;

    /** The last dax option among {@code options} (as in the kernel, the last one given wins). */
    static DaxMountOption of(List<String> options) {
        DaxMountOption found = NONE;
        for (String option : options) {
            switch (option) {
                case "dax", "dax=always" -> found = ALWAYS;
                case "dax=inode" -> found = INODE;
                case "dax=never" -> found = NEVER;
                default -> {
                    // not about DAX
                }
            }
        }
        return found;
    }
}
