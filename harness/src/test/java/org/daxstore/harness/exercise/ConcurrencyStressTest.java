package org.daxstore.harness.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.daxstore.fs.StoreHooks;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fault path under fire: views of several files used by writers and readers while removers
 * truncate, punch, delete and recreate them. The detector is under test too: with the grace
 * period switched off and every access slowed down between translating and touching memory,
 * the same stress must find violations.
 */
class ConcurrencyStressTest {
    private static final Path DIR = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm")
            : Path.of(System.getProperty("java.io.tmpdir"));
    private static final double SECONDS = Double.parseDouble(System.getProperty("daxstore.stress.seconds", "40"));
    /** How long each access of the detector's runs pauses between translating and touching memory. */
    private static final long RACE_WINDOW_NANOS = 20_000;

    @Test
    void noAccessEverSeesAForeignOrStaleValue() throws Exception {
        Stress.Result result = Stress.run(Stress.Options.defaults(DIR, 20261126L, SECONDS), accesses -> { });
        assertNull(result.report(), result.report());
        assertEquals(0, result.violations());
        assertTrue(result.accesses() > 100_000, "only " + result.accesses() + " accesses");
        assertTrue(result.events() > 100, "only " + result.events() + " removals");
    }

    @Test
    @Tag("detector")
    void slowAccessesAreStillSafeWithTheGracePeriod() throws Exception {
        Stress.Result result = runHooked(StoreHooks.NONE.withRaceWindowNanos(RACE_WINDOW_NANOS), 10);
        assertEquals(0, result.violations(), "violations with the grace period on: " + result.report());
        assertTrue(result.events() > 50, "only " + result.events() + " removals");
    }

    @Test
    @Tag("detector")
    void withoutTheGracePeriodTheStressFindsViolations() throws Exception {
        Stress.Result result = runHooked(StoreHooks.NONE.withRaceWindowNanos(RACE_WINDOW_NANOS).withGracePeriodOff(), 20);
        assertTrue(result.violations() > 0, "the detector found nothing with the grace period off: it cannot be trusted");
    }

    /**
     * The stress on a store with {@code hooks}: every access slowed between translating and
     * touching memory, and (for the detector's own test) the grace period off. The hooks are
     * the store's: no other store of this JVM, and no later test, sees them.
     */
    private static Stress.Result runHooked(StoreHooks hooks, int seconds) throws Exception {
        return Stress.run(Stress.Options.defaults(DIR, 7, seconds), hooks, accesses -> { });
    }
}
