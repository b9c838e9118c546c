package org.daxstore.exercise.fuzz;

import java.util.List;

/**
 * The outcome of a fuzzing campaign.
 *
 * @param images             images tried
 * @param refused            refused at open with a typed exception that has a message
 * @param openedConsistent   opened, and consistent by the online check and by fsck after close
 * @param failures           one line per failure: the image, how it was damaged, what went wrong,
 *                           and the command that replays it
 */
public record FuzzResult(int images, int refused, int openedConsistent, List<String> failures) {
    public FuzzResult {
        failures = List.copyOf(failures);
    }

    /** {@code fuzz: <n> images, <typed> refused with a typed exception, <opened> opened and consistent, ...}. */
    public String summary() {
        return "fuzz: " + images + " images, " + refused + " refused with a typed exception, " + openedConsistent
                + " opened and consistent, " + failures.size() + " failures";
    }
}
