package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

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

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).collect(Collectors.toList());
    }
}
