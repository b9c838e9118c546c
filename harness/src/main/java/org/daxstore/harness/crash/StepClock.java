package org.daxstore.harness.crash;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock for one crash workload's store: it starts at a fixed instant and moves one millisecond
 * forward at every reading. A workload runs on one thread, so it reads the clock in the same
 * order every time, and the times it stamps into inodes (and so the cache lines its operations
 * leave unpersisted) are the same on every run: a replay judges the images the campaign judged.
 * With the system clock, whether a modification time changed depended on whether a millisecond
 * had passed, and so did which lines a fence found unpersisted.
 */
final class StepClock extends Clock {
    /** 2026-01-01T00:00:00Z. */
    private static final long START_MILLIS = 1_767_225_600_000L;

    private final AtomicLong now = new AtomicLong(START_MILLIS);

    @Override
    public long millis() {
        return now.incrementAndGet();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a workload's clock has no zones");
    }
}
