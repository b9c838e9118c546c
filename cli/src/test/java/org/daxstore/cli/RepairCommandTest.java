package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.daxstore.DaxStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code daxstore fsck --repair}: its output and its exit statuses, beside fsck's. */
class RepairCommandTest {
    private CliSession cli;
    private Path dir;
    private String container;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliSession("cli-repair-");
        dir = cli.dir();
        container = dir.resolve("store.dax").toString();
        Path host = dir.resolve("host.bin");
        Files.write(host, new byte[10_000]);
        assertEquals(0, cli.run("format", container, "--capacity", "4m"), cli.err());
        assertEquals(0, cli.run("put", container, "kept", host.toString()), cli.err());
    }

    @AfterEach
    void tearDown() throws Exception {
        cli.close();
    }

    /** Overwrites the word at {@code offset} of the container with {@code value}'s eight bytes. */
    private void damage(long offset, long value) throws Exception {
        try (FileChannel channel = FileChannel.open(Path.of(container), StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(8).putLong(0, value), offset);
        }
    }

    @Test
    void repairExitsWith3ThenFsckWith0() throws Exception {
        // The bitmap word of blocks 960 to 1023 (the bitmap follows the 8 KiB of superblocks and the 86,016-byte journal).
        long word = 8192 + 86_016 + 960 / 8;
        damage(word, -1);
        assertEquals(1, cli.run("fsck", container), cli.out());
        assertEquals(3, cli.run("fsck", "--repair", container), cli.out());
        assertTrue(cli.out().contains("problem: allocation bitmap (word at offset " + word + "): blocks 960 to 1023 are"
                + " marked in use but nothing owns them"), cli.out());
        assertTrue(cli.out().contains("repair: allocation bitmap rebuilt from what the files reach: 64 bit(s)"), cli.out());
        assertTrue(cli.lastLine().matches("fsck: " + container + ": repaired \\(1 fix\\(es\\)\\), now clean: 1 files, .*"),
                cli.lastLine());
        assertEquals(0, cli.run("fsck", container), cli.out());
        assertEquals(0, cli.run("fsck", "--repair", container), cli.out());
        assertTrue(cli.lastLine().endsWith("; nothing to repair"), cli.lastLine());
        assertEquals(0, cli.run("get", container, "kept", dir.resolve("back.bin").toString()), cli.err());
        assertArrayEquals(new byte[10_000], Files.readAllBytes(dir.resolve("back.bin")));
    }

    /** One damaged superblock copy is what the other is for: fsck notes it and exits 0, and the next open rewrites it. */
    @Test
    void aDamagedPrimaryIsANoteAndTheNextOpenRewritesIt() throws Exception {
        damage(0, 0);
        assertEquals(0, cli.run("fsck", container), cli.out());
        assertTrue(cli.out().contains("note: " + container + ": primary superblock at offset 0: no daxstore magic number"
                + " (the secondary copy is valid: the next open uses it and rewrites the primary from it)"), cli.out());
        assertEquals(0, cli.run("get", container, "kept", dir.resolve("back.bin").toString()), cli.err());
        assertEquals(0, cli.run("fsck", container), cli.out());
        assertTrue(!cli.out().contains("primary superblock"), cli.out());
    }

    @Test
    void whatCannotBeRepairedExitsWith2AndIsNotWritten() throws Exception {
        damage(0, 0);
        damage(4096, 0);
        byte[] before = Files.readAllBytes(Path.of(container));
        assertEquals(2, cli.run("fsck", "--repair", container), cli.out());
        assertTrue(cli.lastLine().endsWith("unusable: not a daxstore container (4194304 bytes; no superblock magic);"
                + " nothing written"), cli.lastLine());
        assertArrayEquals(before, Files.readAllBytes(Path.of(container)));
    }

    @Test
    void aStoreInUseIsNotRepaired() {
        try (DaxStore store = DaxStore.open(Path.of(container))) {
            assertEquals(2, cli.run("fsck", "--repair", container), cli.out());
            assertTrue(cli.lastLine().endsWith("unusable: in use: a store in this JVM has it open; nothing written"), cli.lastLine());
            assertTrue(store.exists("kept"));
        }
    }

    /**
     * A repair that cannot back what it keeps, on a full 8 MiB tmpfs, exits 2 ("nothing
     * written"), naming the container and ENOSPC, and leaves the container as it was, so that
     * once there is room a repair reports the file that lost its tail. It used to exit 1, having
     * extended the file and cleared the clean flag: the next fsck said "clean".
     */
    @Test
    void aRepairWithNoRoomExits2WritesNothingAndALaterOneReportsTheLostTail() throws Exception {
        try (SmallTmpfs mount = SmallTmpfs.mount("8m")) {
            Path cut = mount.resolve("cut.dax");
            byte[] bytes = new byte[2_000_000];
            new java.util.Random(11).nextBytes(bytes);
            Path source = dir.resolve("r.bin");
            Files.write(source, bytes);
            assertEquals(0, cli.run("format", cut.toString(), "--capacity", "4m"), cli.err());
            assertEquals(0, cli.run("put", cut.toString(), "r", source.toString()), cli.err());
            try (FileChannel channel = FileChannel.open(cut, StandardOpenOption.WRITE)) {
                channel.truncate(bytes.length);
            }
            Path filler = mount.resolve("filler");
            try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                while (true) {
                    channel.write(ByteBuffer.allocate(64 << 10));
                }
            } catch (java.io.IOException e) {
                assertTrue(String.valueOf(e.getMessage()).contains("No space left"), e.toString());
            }
            byte[] found = Files.readAllBytes(cut);

            assertEquals(2, cli.run("fsck", "--repair", cut.toString()), cli.out() + cli.err());
            assertTrue(cli.err().contains(cut.toString()) && cli.err().contains("ENOSPC"), cli.err());
            assertArrayEquals(found, Files.readAllBytes(cut), "the container after the repair refused for lack of room");
            assertEquals(1, cli.run("fsck", cut.toString()), cli.out());

            Files.delete(filler);
            assertEquals(3, cli.run("fsck", "--repair", cut.toString()), cli.out() + cli.err());
            assertTrue(cli.out().contains("file 'r' (inode 0): ") && cli.out().contains(
                    " block(s) that lay past the container's old end kept, reading as zeros now"), cli.out());
        }
    }
}
