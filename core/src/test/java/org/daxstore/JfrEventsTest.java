package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import org.daxstore.alloc.BlockAllocator;
import org.daxstore.media.ForwardingMedium;
import org.daxstore.nativebridge.LibC;
import org.daxstore.testing.Hooked;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's JFR events (org.daxstore.events): a short workload under a recording that enables
 * them yields each kind, with the fields the workload implies.
 */
class JfrEventsTest {
    /** Data blocks of a file whose delete frees more than the warm pool keeps: one map node's worth. */
    private static final int BIG_BLOCKS = (int) (2 * BlockAllocator.WARM_POOL_BYTES / 4096);

    private Path path;
    private Path dump;

    @BeforeEach
    void setUp() throws Exception {
        path = TempStores.newContainerPath("jfr-");
        dump = Files.createTempFile("daxstore-jfr-", ".jfr");
    }

    @AfterEach
    void tearDown() throws Exception {
        TempStores.delete(path);
        Files.deleteIfExists(dump);
    }

    @Test
    void aWorkloadRecordsFaultsPersistsCommitsRemovalsAndOpens() throws Exception {
        try (Recording recording = new Recording()) {
            for (String name : List.of("Fault", "Persist", "JournalCommit", "Removal", "StoreOpen")) {
                recording.enable("org.daxstore." + name).withoutThreshold();
            }
            recording.start();
            try (DaxStore store = DaxStore.open(path, StoreOptions.capacity(16 << 20))) {
                try (DaxFile file = store.create("events")) {
                    file.truncate(64 << 10);
                    try (DaxMapping view = file.map(0, 64 << 10)) {
                        view.putLong(4096, 1);       // page 1: a store to a hole allocates
                        assertEquals(0, view.getLong(8 * 4096)); // page 8: a load from a hole
                        view.persist(4096, 64);      // one line
                        view.persist(4096 + 32, 64); // two lines, one call
                        view.putLong(3 * 4096, 1);   // page 3, past the hole of page 2
                        view.persist(4096, 3 * 4096); // two runs of blocks: two calls, 64 lines each
                        view.persistBatch().add(4096, 8).add(4096 + 128, 8).persist(); // merged: one call, lines 64 to 66
                    }
                    file.truncate(4096);             // pages 1.. go: the blocks of pages 1 and 3, kept in the warm pool
                }
                try (DaxFile big = store.create("big")) {
                    big.write(0, new byte[BIG_BLOCKS * 4096]);
                }
                store.delete("big");                  // more than the warm pool holds: the rest is punched
            }
            DaxStore.open(path).close();
            recording.stop();
            recording.dump(dump);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(dump).stream()
                .filter(e -> e.getEventType().getName().startsWith("org.daxstore.")).collect(Collectors.toList());

        List<RecordedEvent> faults = named(events, "org.daxstore.Fault");
        assertTrue(faults.stream().anyMatch(e -> e.getLong("page") == 1 && "allocated".equals(e.getString("kind"))
                && e.getBoolean("installed") && "events".equals(e.getString("file")) && e.getLong("blockSize") == 4096),
                "no allocating fault of page 1 in " + faults);
        assertTrue(faults.stream().anyMatch(e -> e.getLong("page") == 8 && "hole".equals(e.getString("kind"))),
                "no hole fault of page 8 in " + faults);

        faults.forEach(e -> assertEquals(0, e.getInt("retries"), "nothing removed blocks while the workload faulted: " + e));

        List<RecordedEvent> persists = named(events, "org.daxstore.Persist");
        assertEquals(4, persists.size(), persists.toString());
        assertPersist(persists.get(0), 64, 1, 1, 1);
        assertPersist(persists.get(1), 64, 1, 2, 1);
        assertPersist(persists.get(2), 3 * 4096, 1, 128, 2);
        assertPersist(persists.get(3), 16, 2, 3, 1);

        List<RecordedEvent> commits = named(events, "org.daxstore.JournalCommit");
        assertTrue(commits.stream().anyMatch(e -> e.getInt("words") > 0 && e.getInt("fences") == 2), commits.toString());

        List<RecordedEvent> removals = named(events, "org.daxstore.Removal");
        RecordedEvent truncate = only(removals, "events");
        assertTrue(truncate.getLong("fromPage") <= 1 && truncate.getLong("toPage") >= 4 && truncate.getLong("gracePeriod") >= 0,
                truncate.toString());
        assertEquals(3, truncate.getLong("blocks"), "the truncate freed the blocks of pages 1 and 3, and the map node"
                + " that a file of one page does without: " + truncate);
        assertEquals(0, truncate.getLong("storageReturned"), "the warm pool kept them: " + truncate);
        RecordedEvent delete = only(removals, "big");
        assertEquals(BIG_BLOCKS + 1, delete.getLong("blocks"), "its data blocks and the one map node that points to"
                + " them: " + delete);
        long returned = delete.getLong("storageReturned");
        long freed = (BIG_BLOCKS + 1) * 4096L;
        if (LibC.isAvailable()) {
            assertTrue(returned >= freed - BlockAllocator.WARM_POOL_BYTES && returned < freed
                    && returned % 4096 == 0, "the delete returned what the warm pool could not keep: " + delete);
        } else {
            assertEquals(0, returned, "without the native bridge nothing can punch: " + delete);
        }

        List<RecordedEvent> opens = named(events, "org.daxstore.StoreOpen");
        assertEquals(2, opens.size(), opens.toString());
        opens.forEach(e -> {
            assertEquals(path.toString(), e.getString("path"));
            assertFalse(e.getBoolean("recovered"), "both opens followed a clean close (or a format)");
            assertFalse(e.getString("medium").isEmpty());
            long checkNanos = e.getDuration("checkTime").toNanos();
            assertTrue(checkNanos > 0 && checkNanos < e.getDuration().toNanos(), "the check is a part of the open: " + e);
        });
    }

    private static void assertPersist(RecordedEvent persist, long bytes, int ranges, long lines, int calls) {
        assertEquals("events", persist.getString("file"));
        assertEquals(bytes, persist.getLong("bytes"), persist.toString());
        assertEquals(ranges, persist.getInt("ranges"), persist.toString());
        assertEquals(lines, persist.getLong("lines"), persist.toString());
        assertEquals(calls, persist.getInt("calls"), persist.toString());
    }

    private static RecordedEvent only(List<RecordedEvent> events, String file) {
        List<RecordedEvent> ofFile = events.stream().filter(e -> file.equals(e.getString("file"))).collect(Collectors.toList());
        assertEquals(1, ofFile.size(), "one event of file " + file + " in " + events);
        return ofFile.get(0);
    }

    /**
     * A fault on a page whose punch is held in its transaction (a medium whose drain waits) parks
     * behind the punch; its AccessWait event names the file and the kind of section, and lasts
     * at least as long as the test held the punch after the fault began to wait.
     */
    @Test
    void anAccessParkedBehindARemovalRecordsItsWait() throws Exception {
        AtomicBoolean holdDrains = new AtomicBoolean();
        CountDownLatch drainHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newCachedThreadPool();
        try (Recording recording = new Recording()) {
            recording.enable("org.daxstore.AccessWait").withoutThreshold();
            recording.enable("org.daxstore.Fault").withoutThreshold();
            recording.start();
            try (DaxStore store = Hooked.decorating(StoreOptions.capacity(8 << 20), medium -> new ForwardingMedium(medium) {
                @Override
                public void drain() {
                    if (holdDrains.compareAndSet(true, false)) {
                        drainHeld.countDown();
                        try {
                            release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    super.drain();
                }
            }).open(path); DaxFile file = store.create("waited"); DaxMapping view = file.map(0, 2 * 4096)) {
                file.write(0, new byte[2 * 4096]);
                holdDrains.set(true);
                Future<?> punch = threads.submit(() -> file.punchHole(4096, 4096));
                assertTrue(drainHeld.await(10, TimeUnit.SECONDS), "the punch reached its transaction");
                Future<Byte> parked = threads.submit(() -> view.getByte(4096));
                Thread.sleep(200); // the fault finds the odd sequence and parks
                assertFalse(parked.isDone(), "the access to the punched page waits for the punch");
                release.countDown();
                punch.get(10, TimeUnit.SECONDS);
                assertEquals((byte) 0, (byte) parked.get(10, TimeUnit.SECONDS));
            }
            recording.stop();
            recording.dump(dump);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(dump);
        List<RecordedEvent> waits = named(events, "org.daxstore.AccessWait");
        assertTrue(waits.stream().anyMatch(e -> "waited".equals(e.getString("file")) && "access".equals(e.getString("section"))
                && e.getDuration().toMillis() >= 150), "no wait of the parked access in " + waits);
        // The parked load faults page 1 once the punch has ended: after one park, a retry.
        List<RecordedEvent> faults = named(events, "org.daxstore.Fault");
        assertTrue(faults.stream().anyMatch(e -> e.getLong("page") == 1 && "hole".equals(e.getString("kind"))
                && e.getInt("retries") == 1), "no retried fault of the punched page in " + faults);
        assertEquals(1, faults.stream().mapToInt(e -> e.getInt("retries")).sum(), "one fault parked, once: " + faults);
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).collect(Collectors.toList());
    }
}
