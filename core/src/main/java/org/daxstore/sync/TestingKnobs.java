package org.daxstore.sync;

import java.util.concurrent.locks.LockSupport;

/**
 * Switches that exist only to show that the concurrency tests can fail. Both are read once,
 * from system properties, into static finals, so in a normal run the JIT removes every trace
 * of them from the access path.
 * <ul>
 *   <li>{@code -Ddaxstore.testing.gracePeriod=off}: removers do not wait for running access
 *       sections, so an access can land in a block after it has left its file.</li>
 *   <li>{@code -Ddaxstore.testing.raceWindowNanos=N}: every view access pauses N ns between
 *       translating its address and touching memory, widening the window in which a concurrent
 *       truncate or punch can race it.</li>
 * </ul>
 */
public final class TestingKnobs {
    public static final boolean GRACE_PERIOD_OFF = "off".equals(System.getProperty("daxstore.testing.gracePeriod"));
    public static final long RACE_WINDOW_NANOS = Long.getLong("daxstore.testing.raceWindowNanos", 0);

    private TestingKnobs() {
    }

    /** Pauses for the race window, if one is set. */
    public static void raceWindow() {
        if (RACE_WINDOW_NANOS > 0) {
            LockSupport.parkNanos(RACE_WINDOW_NANOS);
        }
    }
}
