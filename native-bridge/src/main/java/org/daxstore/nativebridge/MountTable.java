package org.daxstore.nativebridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mounts this process sees, from {@code /proc/self/mountinfo}: which file system holds a path,
 * of what type, mounted with which options. Pure Java; needs no native bridge.
 */
public final class MountTable {
    public static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    /** The fields before the optional ones: id, parent, major:minor, root, mount point, mount options. */
    private static final int FIXED_FIELDS = 6;

    private final List<Mount> mounts;

    private MountTable(List<Mount> mounts) {
        this.mounts = List.copyOf(mounts);
    }

    /** This process's mounts. */
    public static MountTable read() throws IOException {
        return read(MOUNTINFO);
    }

    /**
     * Mounts from a file in mountinfo format.
     *
     * @throws IllegalArgumentException naming the file, line number and line, if a line is not in that format
     */
    public static MountTable read(Path mountinfo) throws IOException {
        // not readAllLines: that throws on a mount point that is not valid UTF-8, this replaces the bytes
        List<String> lines = new String(Files.readAllBytes(mountinfo), StandardCharsets.UTF_8).lines().toList();
        List<Mount> mounts = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                mounts.add(parse(lines.get(i), mountinfo, i + 1));
            }
        }
        return new MountTable(mounts);
    }

    /** In the order listed: a mount comes after the one it is mounted on or over. */
    public List<Mount> mounts() {
        return mounts;
    }

    /** The mount with this id ({@link Statx#mountId()}): exact, whatever bind mounts and symlinks there are. */
    public Optional<Mount> byId(long id) {
        return mounts.stream().filter(m -> m.id() == id).findFirst();
    }

    /**
     * The mount holding {@code path}, by the longest mount point that is a prefix of it, component by
     * component; of mounts on the same point, the last listed, which hides the others. Give a real
     * path ({@link Path#toRealPath}): symlinks are not followed here. {@link #byId} is exact where the
     * kernel reports mount ids.
     */
    public Optional<Mount> containing(Path path) {
        Mount best = null;
        for (Mount mount : mounts) {
            if (path.startsWith(mount.mountPoint())
                    && (best == null || mount.mountPoint().getNameCount() >= best.mountPoint().getNameCount())) {
                best = mount;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue} */
    static Mount parse(String line, Path file, int lineNumber) {
        String[] fields = line.split(" ");
        int separator = -1;
        for (int i = FIXED_FIELDS; i < fields.length; i++) {
            if (fields[i].equals("-")) {
                separator = i;
                break;
            }
        }
        if (separator < 0 || fields.length < separator + 4) {
            throw malformed(line, file, lineNumber, "expected 6 fields, optional ones, '-' and 3 more");
        }
        try {
            return new Mount(Long.parseLong(fields[0]), Long.parseLong(fields[1]), fields[2], unescape(fields[3]),
                    Path.of(unescape(fields[4])), fields[5], fields[separator + 1], unescape(fields[separator + 2]),
                    fields[separator + 3]);
        } catch (RuntimeException e) { // NumberFormatException, InvalidPathException
            throw malformed(line, file, lineNumber, e.toString());
        }
    }

    /** The kernel writes space, tab, newline and backslash in paths as octal escapes, e.g. {@code \040}. */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder text = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                text.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }

    private static boolean isOctal(String field, int from) {
        if (from + 3 > field.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (field.charAt(i) < '0' || field.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }

    private static IllegalArgumentException malformed(String line, Path file, int lineNumber, String why) {
        return new IllegalArgumentException("line " + lineNumber + " of " + file + " is not a mountinfo line ("
                + why + "): " + line);
    }
}
