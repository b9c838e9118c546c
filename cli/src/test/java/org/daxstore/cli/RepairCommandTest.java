package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;

import org.daxstore.DaxStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** {@code daxstore fsck --repair}: its output and its exit statuses, beside fsck's. */
class RepairCommandTest {
    private Path dir;
    private String container;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory(Path.of("/dev/shm"), "cli-repair-");
        container = dir.resolve("store.dax").toString();
        Path host = dir.resolve("host.bin");
        Files.write(host, new byte[10_000]);
        assertEquals(0, run("format", container, "--capacity", "4m"), err.toString());
        assertEquals(0, run("put", container, "kept", host.toString()), err.toString());
    }

    @AfterEach
    void tearDown() throws Exception {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine commandLine = DaxstoreCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private String lastLine() {
        String[] lines = out.toString().strip().split("\n");
        return lines[lines.length - 1];
    }

    /** Overwrites the word at {@code offset} of the container with {@code value}'s eight bytes. */
    private void damage(long offset, long value) throws Exception {
        try (FileChannel channel = FileChannel.open(Path.of(container), StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(8).putLong(0, value), offset);
        }
    }

    @Test
    void repairExitsWith3ThenFsckWith0() throws Exception {
        damage(0, 0);
        assertEquals(1, run("fsck", container), out.toString());
        assertEquals(3, run("fsck", "--repair", container), out.toString());
        assertTrue(out.toString().contains("problem: " + container + ": primary superblock at offset 0: no daxstore magic"),
                out.toString());
        assertTrue(out.toString().contains("repair: " + container + ": primary superblock at offset 0: no daxstore magic"
                + " number: rewritten from the secondary"), out.toString());
        assertTrue(lastLine().matches("fsck: " + container + ": repaired \\(1 fix\\(es\\)\\), now clean: 1 files, .*"),
                lastLine());
        assertEquals(0, run("fsck", container), out.toString());
        assertEquals(0, run("fsck", "--repair", container), out.toString());
        assertTrue(lastLine().endsWith("; nothing to repair"), lastLine());
        assertEquals(0, run("get", container, "kept", dir.resolve("back.bin").toString()), err.toString());
        assertArrayEquals(new byte[10_000], Files.readAllBytes(dir.resolve("back.bin")));
    }

    @Test
    void whatCannotBeRepairedExitsWith2AndIsNotWritten() throws Exception {
        damage(0, 0);
        damage(4096, 0);
        byte[] before = Files.readAllBytes(Path.of(container));
        assertEquals(2, run("fsck", "--repair", container), out.toString());
        assertTrue(lastLine().endsWith("unusable: not a daxstore container (4194304 bytes; no superblock magic);"
                + " nothing written"), lastLine());
        assertArrayEquals(before, Files.readAllBytes(Path.of(container)));
    }

    @Test
    void aStoreInUseIsNotRepaired() {
        try (DaxStore store = DaxStore.open(Path.of(container))) {
            assertEquals(2, run("fsck", "--repair", container), out.toString());
            assertTrue(lastLine().endsWith("unusable: in use: a store in this JVM has it open; nothing written"), lastLine());
            assertTrue(store.exists("kept"));
        }
    }
}
