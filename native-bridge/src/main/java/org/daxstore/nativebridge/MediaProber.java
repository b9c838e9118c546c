package org.daxstore.nativebridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Does the probing for {@link MediaProbe#of}. The mount table file and the sysfs root are fields so
 * that tests can feed in a device DAX that this machine does not have.
 *
 * <p>It reads metadata only: {@code statx} on the path, the mount table, and sysfs attributes of a
 * device. It never opens the path, so it cannot resize, allocate, map or otherwise change it.
 */
final class MediaProber {
    static final MediaProber SYSTEM = new MediaProber(MountTable.MOUNTINFO, Path.of("/sys"));

    private final Path mountinfo;
    private final Path sysfs;

    MediaProber(Path mountinfo, Path sysfs) {
        this.mountinfo = mountinfo;
        this.sysfs = sysfs;
    }

    MediaProbe probe(Path path) {
        Statx statx = LibC.statx(path.toString());
        StringBuilder reason = new StringBuilder();

        Mount mount = null;
        try {
            MountTable table = MountTable.read(mountinfo);
            Optional<Mount> found = statx.mountId() >= 0 ? table.byId(statx.mountId()) : Optional.empty();
            if (found.isEmpty()) { // kernel before 5.8, or a mount id the table lacks
                found = table.containing(path.toRealPath());
            }
            mount = found.orElse(null);
        } catch (IOException | RuntimeException e) {
            reason.append("mount table ").append(mountinfo).append(" unreadable (").append(e).append("); ");
        }
        DaxMountOption option = mount == null ? DaxMountOption.NONE : mount.daxOption();
        String where = mount == null ? "an unknown file system"
                : mount.fileSystemType() + " at " + mount.mountPoint()
                        + (option == DaxMountOption.NONE ? "" : " mounted " + optionWord(option));

        boolean devDax = false;
        long align = 0;
        long size = 0;
        if (statx.isCharacterDevice()) {
            Path device = sysfs.resolve("dev/char/" + statx.rdevMajor() + ":" + statx.rdevMinor());
            String subsystem = subsystem(device);
            devDax = "dax".equals(subsystem);
            String name = statx.rdevMajor() + ":" + statx.rdevMinor();
            if (devDax) {
                // the device's own attribute since Linux 5.10; its region's before
                align = readNumber(device.resolve("align")).or(() -> readNumber(device.resolve("device/align"))).orElse(0L);
                size = readNumber(device.resolve("size")).orElse(0L);
                reason.append("device DAX ").append(deviceName(device).orElse(name)).append(" (character device ")
                        .append(name).append(", align ").append(align == 0 ? "unknown" : align).append(", size ")
                        .append(size == 0 ? "unknown" : size).append("): loads and stores reach the media directly");
            } else {
                reason.append("character device ").append(name).append(" is not device DAX (its sysfs subsystem is ")
                        .append(subsystem == null ? "unknown" : subsystem).append(")");
            }
        } else {
            reason.append(where).append(": ").append(switch (statx.dax()) {
                case YES -> "the kernel reports the file in DAX state (STATX_ATTR_DAX)";
                case NO -> "the kernel reports the file not in DAX state (STATX_ATTR_DAX clear)"
                        + (option == DaxMountOption.ALWAYS ? " although the mount says dax=always" : "");
                case UNKNOWN -> "the kernel does not report STATX_ATTR_DAX; "
                        + (option == DaxMountOption.ALWAYS ? "the mount option says DAX"
                                : "without dax=always on the mount, taken as not DAX");
            });
        }
        return new MediaProbe(path, mount == null ? null : mount.fileSystemType(),
                mount == null ? null : mount.mountPoint(), mount == null ? null : mount.source(), statx.dax(),
                option, statx.isCharacterDevice(), devDax, align, size, reason.toString());
    }

    private static String optionWord(DaxMountOption option) {
        return "dax=" + option.name().toLowerCase(Locale.ROOT);
    }

    /** The name of the sysfs class or bus the device belongs to: {@code dax} for device DAX. */
    private static String subsystem(Path device) {
        try {
            return Files.readSymbolicLink(device.resolve("subsystem")).getFileName().toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** {@code dax0.0}: the directory {@code /sys/dev/char/M:m} links to. */
    private static Optional<String> deviceName(Path device) {
        try {
            return Optional.of(device.toRealPath().getFileName().toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> readNumber(Path attribute) {
        try {
            return Optional.of(Long.parseLong(new String(Files.readAllBytes(attribute), StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
