package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link DaxStore#stats()}: each slow path counts once per event, a view's hit counts nothing. */
class StoreStatsTest {
    private Path path;

    @BeforeEach
    void setUp() {
        path = TempStores.newContainerPath("stats-");
    }

    @AfterEach
    void tearDown() {
        TempStores.delete(path);
    }

    @Test
    void faultsRemovalsCommitsAndPersistsAreCountedAndHitsAreNot() {
        try (DaxStore store = DaxStore.open(path, StoreOptions.capacity(16 << 20))) {
            StoreStats fresh = store.stats();
            assertEquals(new StoreStats(0, 0, 0, Duration.ZERO, fresh.journalCommits(), 0, 0), fresh,
                    "a new store has faulted, removed and persisted nothing");
            try (DaxFile file = store.create("counted")) {
                file.truncate(64 << 10);
                try (DaxMapping view = file.map(0, 64 << 10)) {
                    view.putLong(0, 1);               // a fault that allocates page 0
                    view.getLong(5 * 4096);           // a fault on a hole: page 5
                    for (int i = 0; i < 1000; i++) {
                        view.getLong(8 * (i % 512));  // hits on page 0
                    }
                    StoreStats afterFaults = store.stats();
                    assertEquals(2, afterFaults.faults(), afterFaults.toString());
                    assertEquals(1, afterFaults.allocatingFaults(), afterFaults.toString());
                    assertTrue(afterFaults.journalCommits() > fresh.journalCommits(), "the allocation committed");
                    view.persist(0, 100);
                    PersistBatch batch = view.persistBatch();
                    batch.add(0, 8).add(512, 8).persist();
                }
                file.punchHole(0, 4096);
                file.truncate(0);
            }
            StoreStats end = store.stats();
            assertEquals(2, end.persists(), end.toString());
            assertEquals(116, end.persistedBytes(), end.toString());
            assertEquals(2, end.removals(), end.toString());
            assertTrue(!end.gracePeriodWait().isNegative(), end.toString());
        }
        try (DaxStore again = DaxStore.open(path)) {
            assertEquals(0, again.stats().faults(), "counts start again with each open");
            again.close();
            assertThrows(ClosedException.class, again::stats);
        }
    }
}
