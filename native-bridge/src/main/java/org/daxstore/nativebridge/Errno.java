package org.daxstore.nativebridge;

import java.util.Map;
import java.util.StringJoiner;

/**
 * Words for errno values in messages. The symbolic name is what one searches man pages and kernel
 * sources for; {@code strerror}'s text alone does not give it.
 */
final class Errno {
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "EPERM"), Map.entry(2, "ENOENT"), Map.entry(4, "EINTR"), Map.entry(5, "EIO"), Map.entry(6, "ENXIO"),
            Map.entry(9, "EBADF"), Map.entry(11, "EAGAIN"), Map.entry(12, "ENOMEM"), Map.entry(13, "EACCES"),
            Map.entry(14, "EFAULT"), Map.entry(19, "ENODEV"), Map.entry(22, "EINVAL"), Map.entry(27, "EFBIG"),
            Map.entry(28, "ENOSPC"), Map.entry(95, "EOPNOTSUPP"));

    private Errno() {
    }

    /** E.g. {@code errno 28 (ENOSPC: No space left on device)}; parts that are unknown are left out. */
    static String describe(int errno) {
        StringJoiner words = new StringJoiner(": ", " (", ")").setEmptyValue("");
        String name = NAMES.get(errno);
        if (name != null) {
            words.add(name);
        }
        String text = LibC.strerror(errno);
        if (text != null) {
            words.add(text);
        }
        return "errno " + errno + words;
    }
}
