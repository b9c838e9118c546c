package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * {@code format --force} over a store that then fails (the file system fills up) leaves the old
 * store byte for byte and no temporary beside it. It used to truncate the store first.
 */
class FormatForceTest {
    @Test
    void aFailedForcedFormatOnAFullTmpfsKeepsTheOldStore() throws Exception {
        try (SmallTmpfs tmpfs = SmallTmpfs.mount("8m"); CliSession cli = new CliSession("format-force-")) {
            String store = tmpfs.resolve("store.dax").toString();
            Path source = cli.dir().resolve("source.bin");
            byte[] data = new byte[3 << 20];
            new Random(11).nextBytes(data);
            Files.write(source, data);
            assertEquals(0, cli.run("format", store, "--capacity", "4m"), cli.err());
            assertEquals(0, cli.run("put", store, "keep", source.toString()), cli.err());
            byte[] before = Files.readAllBytes(Path.of(store));

            assertEquals(1, cli.run("format", "--force", store, "--capacity", "256g"));
            assertTrue(cli.err().startsWith("daxstore: ") && cli.err().contains("no room"), cli.err());
            assertArrayEquals(before, Files.readAllBytes(Path.of(store)), "the failed format changed the store");
            try (Stream<Path> files = Files.list(tmpfs.path())) {
                assertEquals(List.of(Path.of(store)), files.toList(), "a temporary was left beside the store");
            }
            assertEquals(0, cli.run("ls", store), cli.err());
            assertEquals("keep\n", cli.out());

            assertEquals(0, cli.run("format", "--force", store, "--capacity", "2m"), cli.err());
            assertEquals(0, cli.run("ls", store), cli.err());
            assertEquals("", cli.out(), "a format that fits replaced the store");
        }
    }
}
