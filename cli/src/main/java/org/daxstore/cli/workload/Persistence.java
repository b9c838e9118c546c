package org.daxstore.cli.workload;

/**
 * What a job does to make its writes durable ({@code --persist}): nothing, a persist after
 * each write, or one for every {@code every} writes together. Reads never persist.
 *
 * @param mode  which of the three
 * @param every for {@link Mode#BATCH}, the writes per persist; 1 for EACH, 0 for NONE
 */
public record Persistence(Mode mode, int every) {
    /** The largest batch: the loop keeps a batch's offsets in an array made before it runs. */
    public static final int MAX_BATCH = 1 << 20;

    /** The three choices of {@code --persist}. */
    public enum Mode {
        NONE, EACH, BATCH
    }

    /**
     * Reads {@code none}, {@code each} or {@code batch:N}.
     *
     * @param text the option's value
     * @return the persistence it names
     * @throws UsageException if it names none, or N is outside 1 to {@value #MAX_BATCH}
     */
    public static Persistence parse(String text) {
        if (text.equals("none")) {
            return new Persistence(Mode.NONE, 0);
        }
        if (text.equals("each")) {
            return new Persistence(Mode.EACH, 1);
        }
        if (text.startsWith("batch:")) {
            String count = text.substring("batch:".length());
            try {
                int every = Integer.parseInt(count);
                if (every >= 1 && every <= MAX_BATCH) {
                    return new Persistence(Mode.BATCH, every);
                }
            } catch (NumberFormatException notANumber) {
                // refused below with the rest
            }
            throw new UsageException("--persist: '" + text + "': N of batch:N is a whole number from 1 to " + MAX_BATCH);
        }
        throw new UsageException("--persist: '" + text + "' is not none, each or batch:N");
    }

    /** As {@code --persist} spells it. */
    public String text() {
        return switch (mode) {
            case NONE -> "none";
            case EACH -> "each";
            case BATCH -> "batch:" + every;
        };
    }
}
