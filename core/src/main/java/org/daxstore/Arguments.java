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
     * True if {@code [offset, offset + length)} does not lie within an array of
     * {@code arrayLength}, as {@link java.util.Objects#checkFromIndexSize} judges it. Kept apart
     * from {@link #arrayRangeRefusal} so that a caller on a copy path builds its message only
     * for a refusal, never on every call.
     */
    static boolean isOutsideArray(int offset, int length, int arrayLength) {
        return (offset | length) < 0 || length > arrayLength - offset;
    }

    /** The refusal of an array range {@link #isOutsideArray} rejected, saying {@code where}. */
    static IndexOutOfBoundsException arrayRangeRefusal(int offset, int length, int arrayLength, String where) {
        return new IndexOutOfBoundsException(where + ": the array range [" + offset + ", +" + length
                + ") is outside the array of " + arrayLength + " elements");
    }
}
