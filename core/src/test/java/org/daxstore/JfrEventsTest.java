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

import org.daxstore.media.ForwardingMedium;
import org.daxstore.testing.Hooked;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's JFR events (org.daxstore.events): a short workload under a recording that enables
 * them yields each kind, with the fields the workload implies.
 */
class JfrEventsTest {
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
                        view.persist(4096, 64);
                    }
                    file.truncate(4096);             // pages 1.. go
                }
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

        List<RecordedEvent> persists = named(events, "org.daxstore.Persist");
        assertTrue(persists.stream().anyMatch(e -> e.getLong("bytes") == 64 && e.getInt("ranges") == 1), persists.toString());

        List<RecordedEvent> commits = named(events, "org.daxstore.JournalCommit");
        assertTrue(commits.stream().anyMatch(e -> e.getInt("words") > 0 && e.getInt("fences") == 2), commits.toString());

        List<RecordedEvent> removals = named(events, "org.daxstore.Removal");
        assertTrue(removals.stream().anyMatch(e -> "events".equals(e.getString("file")) && e.getLong("fromPage") <= 1
                && e.getLong("toPage") >= 2 && e.getLong("gracePeriod") >= 0), removals.toString());

        List<RecordedEvent> opens = named(events, "org.daxstore.StoreOpen");
        assertEquals(2, opens.size(), opens.toString());
        opens.forEach(e -> {
            assertEquals(path.toString(), e.getString("path"));
            assertFalse(e.getBoolean("recovered"), "both opens followed a clean close (or a format)");
            assertFalse(e.getString("medium").isEmpty());
        });
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
        List<RecordedEvent> waits = named(RecordingFile.readAllEvents(dump), "org.daxstore.AccessWait");
        assertTrue(waits.stream().anyMatch(e -> "waited".equals(e.getString("file")) && "access".equals(e.getString("section"))
                && e.getDuration().toMillis() >= 150), "no wait of the parked access in " + waits);
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).collect(Collectors.toList());
    }
}
