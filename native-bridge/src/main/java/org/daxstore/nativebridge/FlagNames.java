package org.daxstore.nativebridge;

import java.util.StringJoiner;

/**
 * Words for a flags argument in exception messages, e.g. {@code PUNCH_HOLE|KEEP_SIZE}: the set bits
 * by name in a fixed order, then whatever no name covers in hex, so nothing passed goes unshown.
 */
final class FlagNames {
    private final int[] bits;
    private final String[] names;

    /** {@code names[i]} names {@code bits[i]}. */
    FlagNames(int[] bits, String... names) {
        if (bits.length != names.length) {
            throw new IllegalArgumentException(bits.length + " bits but " + names.length + " names");
        }
        this.bits = bits.clone();
        this.names = names.clone();
    }

    /** The words for {@code flags}, or {@code whenNone} if it has no bit set. */
    String name(int flags, String whenNone) {
        StringJoiner words = new StringJoiner("|");
        addTo(words, flags);
        return words.length() == 0 ? whenNone : words.toString();
    }

    void addTo(StringJoiner words, int flags) {
        int unnamed = flags;
        for (int i = 0; i < bits.length; i++) {
            if ((flags & bits[i]) != 0) {
                words.add(names[i]);
                unnamed &= ~bits[i];
            }
        }
        if (unnamed != 0) {
            words.add("0x" + Integer.toHexString(unnamed));
        }
    }
}
