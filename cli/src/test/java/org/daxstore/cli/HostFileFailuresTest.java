package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Failures of the host side of get and put (found by the second hostile pass): the message names
 * the host file, and a get that fails leaves the file it was replacing as it was. Before, a get
 * onto a full tmpfs said only "No space left on device" and left a partial copy in place of the
 * old file, and a put from a directory said only "Is a directory".
 */
class HostFileFailuresTest {
    @Test
    void aGetOntoAFullFileSystemNamesTheFileAndKeepsTheOldOne() throws Exception {
        try (SmallTmpfs tmpfs = SmallTmpfs.mount("8m"); CliSession cli = new CliSession("host-full-")) {
            String store = cli.dir().resolve("store.dax").toString();
            Path source = cli.dir().resolve("source.bin");
            byte[] data = new byte[10 << 20];
            new Random(5).nextBytes(data);
            Files.write(source, data);
            assertEquals(0, cli.run("format", store, "--capacity", "16m"), cli.err());
            assertEquals(0, cli.run("put", store, "big", source.toString()), cli.err());
            Path old = tmpfs.resolve("old");
            Files.writeString(old, "old");

            assertEquals(1, cli.run("get", store, "big", old.toString()));
            assertTrue(cli.err().startsWith("daxstore: cannot write to " + old + ": ")
                    && cli.err().contains("No space left on device"), cli.err());
            assertEquals("old", Files.readString(old), "the failed get changed the file it was replacing");
            try (Stream<Path> files = Files.list(tmpfs.path())) {
                assertEquals(List.of(old), files.toList(), "a temporary was left beside the file");
            }
        }
    }

    @Test
    void aGetThatSucceedsReplacesTheFileKeepingItsPermissions() throws Exception {
        try (CliSession cli = new CliSession("host-replace-")) {
            String store = cli.dir().resolve("store.dax").toString();
            Path source = cli.dir().resolve("source.bin");
            Files.writeString(source, "new contents");
            assertEquals(0, cli.run("format", store, "--capacity", "8m"), cli.err());
            assertEquals(0, cli.run("put", store, "f", source.toString()), cli.err());
            Path target = cli.dir().resolve("target");
            Files.writeString(target, "old, and longer than the new");
            Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            assertEquals(0, cli.run("get", store, "f", target.toString()), cli.err());
            assertEquals("new contents", Files.readString(target));
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(target)));
            assertEquals(0, cli.run("get", store, "f", "/dev/null"), cli.err()); // a device is written in place
            assertTrue(Files.exists(Path.of("/dev/null")) && !Files.isRegularFile(Path.of("/dev/null")));
        }
    }

    @Test
    void hostReadAndWriteErrorsNameTheHostFile() throws Exception {
        try (CliSession cli = new CliSession("host-errors-")) {
            String store = cli.dir().resolve("store.dax").toString();
            Path source = cli.dir().resolve("source.bin");
            Files.writeString(source, "x");
            assertEquals(0, cli.run("format", store, "--capacity", "8m"), cli.err());
            assertEquals(0, cli.run("put", store, "f", source.toString()), cli.err());

            assertEquals(1, cli.run("put", store, "g", cli.dir().toString()));
            assertTrue(cli.err().startsWith("daxstore: cannot read " + cli.dir() + ": "), cli.err());
            assertEquals(1, cli.run("get", store, "f", "/dev/full"));
            assertTrue(cli.err().startsWith("daxstore: cannot write to /dev/full: "), cli.err());
            assertEquals(0, cli.run("ls", store), cli.err());
            assertEquals("f\n", cli.out(), "a failed put left a file");
        }
    }
}
