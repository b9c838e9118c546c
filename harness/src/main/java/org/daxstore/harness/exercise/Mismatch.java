package org.daxstore.harness.exercise;

/** A disagreement between the store and an oracle, or with the store's own documented rules: it stops an fsx run. */
final class Mismatch extends Exception {
    private static final long serialVersionUID = 1L;

    Mismatch(String message) {
        super(message);
    }
}
