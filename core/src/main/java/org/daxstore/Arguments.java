package org.daxstore;

/**
 * The one way the API refuses a null argument: {@link NullPointerException} whose message names
 * the parameter and the method, before anything is done. (The package comment says so to users.)
 */
final class Arguments {
    private Arguments() {
    }

    /** {@code value}, or an exception "{@code parameter} is null: {@code method} needs one". */
    static <T> T notNull(T value, String parameter, String method) {
        if (value == null) {
            throw new NullPointerException(parameter + " is null: " + method + " needs one");
        }
        return value;
    }

    /**
     * Checks that {@code [offset, offset + length)} lies within an array of {@code arrayLength},
     * as {@link java.util.Objects#checkFromIndexSize} does, with a message that says where.
     */
    static void checkArrayRange(int offset, int length, int arrayLength, String where) {
        if ((offset | length) < 0 || length > arrayLength - offset) {
            throw new IndexOutOfBoundsException(where + ": the array range [" + offset + ", +" + length
                    + ") is outside the array of " + arrayLength + " elements");
        }
    }
}
