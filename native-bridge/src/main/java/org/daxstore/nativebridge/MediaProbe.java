package org.daxstore.nativebridge;

import java.nio.file.Path;

/**
 * What a container path is stored on, found without opening, mapping or changing it: the file
 * system and mount, the kernel's DAX attribute, the mount's dax option, and for a character device
 * whether it is device DAX with its alignment and size. The core reads it to choose a medium; the
 * proof of DAX for a file is still {@link NativeFile#mapSync} succeeding.
 *
 * @param path           the path probed, as given
 * @param fileSystemType the mount's type ({@code tmpfs}, {@code ext4}, {@code xfs}, {@code devtmpfs}
 *                       for a device node), or null if the mount table could not tell
 * @param mountPoint     where that file system is mounted, or null
 * @param mountSource    what is mounted there ({@code /dev/pmem0}, {@code tmpfs}), or null
 * @param daxAttribute   the kernel's {@code STATX_ATTR_DAX} for the path
 * @param mountDaxOption the mount's dax option
 * @param characterDevice whether the path is a character device
 * @param devDax         whether it is a device DAX character device ({@code /dev/daxX.Y})
 * @param devDaxAlign    device DAX: the alignment of every mapping's offset and length in bytes
 *                       (often 2 MiB), or 0 when not device DAX or not reported
 * @param devDaxSize     device DAX: its whole size in bytes (it cannot be resized), or 0
 * @param reason         the conclusion in words, for logs and error messages
 */
public record MediaProbe(Path path, String fileSystemType, Path mountPoint, String mountSource,
        DaxAttribute daxAttribute, DaxMountOption mountDaxOption, boolean characterDevice, boolean devDax,
        long devDaxAlign, long devDaxSize, String reason) {
    /**
     * Probes {@code path} on this machine: {@code statx}, {@code /proc/self/mountinfo} and, for a
     * character device, {@code /sys/dev/char}. Reads only; the path is not opened.
     *
     * @throws NativeCallException        if {@code statx} fails, e.g. ENOENT for a missing path
     * @throws NativeUnavailableException if the native bridge is unavailable
     */
    public static MediaProbe of(Path path) {
        return MediaProber.SYSTEM.probe(path);
    }

    /**
     * Whether loads and stores through a mapping reach the media directly: device DAX; a file the
     * kernel reports in DAX state; or, where the kernel does not report it (before 5.8), a file on a
     * mount with {@code dax} / {@code dax=always}. A clear attribute outranks the mount option.
     */
    public boolean isDax() {
        if (devDax || daxAttribute == DaxAttribute.YES) {
            return true;
        }
        return daxAttribute == DaxAttribute.UNKNOWN && mountDaxOption == DaxMountOption.ALWAYS && !characterDevice;
    }
}
