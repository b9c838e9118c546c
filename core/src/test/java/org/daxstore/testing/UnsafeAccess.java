package org.daxstore.testing;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Whether this JVM denies {@code sun.misc.Unsafe}'s memory access
 * ({@code --sun-misc-unsafe-memory-access=deny}, JDK 23 and later; .ci/run runs the suite so on
 * the newest JDK). The store needs no Unsafe on JDK 22 and later, but Chronicle Bytes does, so a
 * test that uses a {@code BytesStore} skips itself there, saying why.
 */
public final class UnsafeAccess {
    private UnsafeAccess() {
    }

    /** True when the JVM runs with {@code --sun-misc-unsafe-memory-access=deny}. */
    public static boolean denied() {
        return "deny".equals(System.getProperty("sun.misc.unsafe.memory.access"));
    }

    /** Skips the calling test under {@code deny}: {@code what} needs Unsafe (Chronicle Bytes). */
    public static void assumeAllowed(String what) {
        assumeFalse(denied(), what + " needs sun.misc.Unsafe (Chronicle Bytes), which this JVM denies"
                + " (--sun-misc-unsafe-memory-access=deny); BytesStoreUnderDenyTest checks the refusal instead");
    }
}
