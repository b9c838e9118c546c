package org.daxstore.nativebridge;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One line of {@code /proc/self/mountinfo} (see proc(5)): a file system mounted somewhere.
 *
 * @param id             the mount id, as {@link Statx#mountId()} reports it for files on this mount
 * @param parentId       the id of the mount this one is mounted on
 * @param device         {@code major:minor} of the file system's device ({@code 0:N} for virtual ones)
 * @param root           the directory of the file system mounted here ({@code /} unless a bind mount)
 * @param mountPoint     where it is mounted
 * @param mountOptions   per-mount options, e.g. {@code rw,relatime}
 * @param fileSystemType e.g. {@code tmpfs}, {@code ext4}, {@code xfs}
 * @param source         e.g. {@code /dev/pmem0}, or {@code tmpfs}
 * @param superOptions   the file system's own options, where {@code dax=always} appears
 */
public record Mount(long id, long parentId, String device, String root, Path mountPoint, String mountOptions,
        String fileSystemType, String source, String superOptions) {
    /** Both option lists, per-mount first. */
    public List<String> options() {
        List<String> options = new ArrayList<>(Arrays.asList(mountOptions.split(",")));
        options.addAll(Arrays.asList(superOptions.split(",")));
        return options;
    }

    /** What the options say about DAX. */
    public DaxMountOption daxOption() {
        return DaxMountOption.of(options());
    }
}
