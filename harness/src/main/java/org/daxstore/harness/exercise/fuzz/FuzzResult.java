package org.daxstore.harness.exercise.fuzz;

import java.util.List;

/**
 * The outcome of a fuzzing campaign.
 *
 * @param images             images tried
 * @param refused            refused at open with a typed exception that has a message
 * @param openedConsistent   opened, and consistent by the online check and by fsck after close
 * @param failures           one line per failure: the image, how it was damaged, what went wrong,
 *                           and the command that replays it
 * @param repaired           of the refused and the inconsistent, repaired by {@code Fsck.repair}:
 *                           clean and opening afterwards, with the untouched files intact
 * @param unrepairable       of the refused, left untouched by the repair, which could not identify
 *                           them as containers (fsck finds them unusable)
 */
public record FuzzResult(int images, int refused, int openedConsistent, List<String> failures,
                         int repaired, int unrepairable) {
    public FuzzResult {
        failures = List.copyOf(failures);
    }

    /**
     * {@code fuzz: <n> images, <typed> refused with a typed exception, <opened> opened and consistent, ...,
     * <r> repaired, <u> unrepairable and untouched, <f> failures}.
     */
    public String summary() {
        return "fuzz: " + images + " images, " + refused + " refused with a typed exception, " + openedConsistent
                + " opened and consistent, " + repaired + " of the refused repaired (then clean and opening), "
                + unrepairable + " unrepairable (unusable, left untouched), " + failures.size() + " failures";
    }
}
