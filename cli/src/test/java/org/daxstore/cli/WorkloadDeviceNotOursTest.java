package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.daxstore.cli.workload.Location;
import org.junit.jupiter.api.Test;

/**
 * Hostile: two runs started together with the same {@code --device NEW_FILE}. Both found the
 * path free; one made its container there, the other failed to ("the store is locked by another
 * process") and, ending, removed the path anyway: the first run's container, while that run was
 * using it. A run removes only a container it made.
 */
class WorkloadDeviceNotOursTest {
    @Test
    void aContainerSomeoneElseMadeAtThePathIsLeftAlone() throws Exception {
        try (CliSession cli = new CliSession("workload-device-ours-")) {
            Path path = cli.dir().resolve("device.dax");
            Location location = Location.onDevice(path);
            byte[] theirs = {1, 2, 3};
            Files.write(path, theirs); // another run's container, made after this run's check
            location.close();
            assertTrue(Files.exists(path), "the run removed a file it did not make: " + path);
            assertArrayEquals(theirs, Files.readAllBytes(path));
        }
    }

    @Test
    void twoRunsOnOnePathLeaveTheOneThatWonItsContainer() throws Exception {
        try (CliSession cli = new CliSession("workload-device-ours-")) {
            Path path = cli.dir().resolve("device.dax");
            Location first = Location.onDevice(path);
            Location second = Location.onDevice(path); // both checked before either made it
            try (org.daxstore.DaxStore store = org.daxstore.DaxStore.create(path, org.daxstore.StoreOptions.capacity(8L << 20))) {
                first.containerMade(true);
                second.close(); // the run that lost ends
                assertTrue(Files.exists(path), "the losing run removed the winner's container");
                assertEquals(0, store.check().problems().size());
            }
            first.close();
            assertTrue(Files.notExists(path), "the run that made the container left it");
        }
    }
}
