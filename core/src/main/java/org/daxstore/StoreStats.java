package org.daxstore;

import java.time.Duration;

/**
 * What a store has done since it was opened ({@link DaxStore#stats()}), for monitoring: each
 * count only grows while the store is open, so a poller takes differences. Only the slow paths
 * count; a view's hit (an access whose page has a translation) counts nothing.
 *
 * @param faults           views' faults: accesses whose page had no translation yet
 * @param allocatingFaults the faults that allocated their page's block (a store to a hole)
 * @param removals         removals of blocks (truncate, punch, delete, a rename over a file)
 * @param gracePeriodWait  the time removals waited, together, for running access sections
 * @param journalCommits   metadata transactions committed
 * @param persists         persists of views' ranges and batches
 * @param persistedBytes   the bytes those persists covered
 */
public record StoreStats(long faults, long allocatingFaults, long removals, Duration gracePeriodWait,
                         long journalCommits, long persists, long persistedBytes) {
}
