package org.daxstore.cli.workload;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which offsets a job visits, and whether it reads or writes them: fio's {@code rw} values. */
public enum Pattern {
    READ(false, 100),
    WRITE(false, 0),
    RANDREAD(true, 100),
    RANDWRITE(true, 0),
    /** Random reads and writes; {@code --mix} says what percentage of them are reads. */
    RANDRW(true, -1);

    private final boolean random;
    private final int readPercent;

    Pattern(boolean random, int readPercent) {
        this.random = random;
        this.readPercent = readPercent;
    }

    /** The name fio and the tool give it: {@code randread}. */
    public String fioName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isRandom() {
        return random;
    }

    /** Whether the share of reads is the user's to choose ({@code --mix}). */
    public boolean mixes() {
        return readPercent < 0;
    }

    /**
     * The percentage of operations that are reads.
     *
     * @param mix the {@code --mix} given, used by {@link #RANDRW} only
     * @return 100 for the read patterns, 0 for the write patterns, {@code mix} for randrw
     */
    public int readPercent(int mix) {
        return mixes() ? mix : readPercent;
    }

    /**
     * The pattern fio calls {@code text}.
     *
     * @param text a name such as {@code randread}
     * @return the pattern
     * @throws UsageException if there is none of that name
     */
    public static Pattern of(String text) {
        for (Pattern pattern : values()) {
            if (pattern.fioName().equals(text)) {
                return pattern;
            }
        }
        throw new UsageException("--rw: '" + text + "' is not one of "
                + Arrays.stream(values()).map(Pattern::fioName).collect(Collectors.joining(", ")));
    }
}
