package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** The tool end to end, in process, over a container in /dev/shm: commands, output and exit codes. */
class DaxstoreCliTest {
    private Path dir;
    private String container;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory(Path.of("/dev/shm"), "cli-");
        container = dir.resolve("store.dax").toString();
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

    @Test
    void formatPutGetTruncatePunchRmRoundTrip() throws Exception {
        assertEquals(0, run("format", container, "--capacity", "16m"), err.toString());
        assertTrue(out.toString().startsWith("formatted "), out.toString());

        byte[] data = new byte[3 << 20];
        new Random(3).nextBytes(data);
        Path source = dir.resolve("source.bin");
        Path target = dir.resolve("target.bin");
        Files.write(source, data);
        assertEquals(0, run("put", container, "blob", source.toString()), err.toString());
        assertEquals(0, run("get", container, "blob", target.toString()), err.toString());
        assertArrayEquals(data, Files.readAllBytes(target));

        assertEquals(0, run("ls", "-l", container), err.toString());
        assertTrue(out.toString().contains(" 3145728 ") && out.toString().strip().endsWith(" blob"), out.toString());
        assertEquals(0, run("punch", container, "blob", "0", "1m"), err.toString());
        assertEquals(0, run("truncate", container, "blob", "2m"), err.toString());
        assertEquals(0, run("get", container, "blob", target.toString()), err.toString());
        byte[] expected = Arrays.copyOf(data, 2 << 20);
        Arrays.fill(expected, 0, 1 << 20, (byte) 0);
        assertArrayEquals(expected, Files.readAllBytes(target));

        assertEquals(0, run("info", container), err.toString());
        assertTrue(java.util.regex.Pattern.compile("medium: +(pmem: libpmem|mapped: ).*; chosen because libpmem is (available|unavailable)")
                .matcher(out.toString()).find(), "info names the medium and why it was chosen: " + out);
        assertTrue(java.util.regex.Pattern.compile("access sections: +(asymmetric: removers issue membarrier|symmetric: .* because membarrier is unavailable: )")
                .matcher(out.toString()).find(), "info says how accesses are ordered against removers: " + out);
        assertTrue(out.toString().contains("capacity:            16777216 (16.0 MiB)"), out.toString());
        assertTrue(out.toString().contains("files:               1\n"), out.toString());
        assertEquals(0, run("rm", container, "blob"), err.toString());
        assertEquals(0, run("ls", container), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void putReplacesAndStandardStreamsCarryBinaryData() throws Exception {
        assertEquals(0, run("format", container, "--capacity", "8m"), err.toString());
        byte[] data = new byte[(1 << 20) + 5];
        new Random(5).nextBytes(data);
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(new byte[3 << 20]));
            assertEquals(0, run("put", container, "f"), err.toString());
            System.setIn(new ByteArrayInputStream(data));
            assertEquals(0, run("put", container, "f", "-"), err.toString());
        } finally {
            System.setIn(stdin);
        }
        Process get = cliProcess("get", container, "f").start();
        byte[] piped = get.getInputStream().readAllBytes();
        assertEquals(0, waitFor(get), new String(get.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertArrayEquals(data, piped);
    }

    /**
     * `daxstore get ... | head -c 10`: the reader closes the pipe after 10 bytes and the next
     * write fails with EPIPE. That is no error for a reader of the output: status 0, nothing on
     * standard error. It used to exit 1 with "cannot write to standard output".
     */
    @Test
    void getIntoAPipeWhoseReaderStopsEndsQuietly() throws Exception {
        byte[] data = putRandomFile(8 << 20);
        List<Process> pipeline = ProcessBuilder.startPipeline(List.of(
                cliProcess("get", container, "f").redirectError(ProcessBuilder.Redirect.PIPE),
                new ProcessBuilder("head", "-c", "10")));
        Process get = pipeline.get(0);
        Process head = pipeline.get(1);
        byte[] first = head.getInputStream().readAllBytes();
        assertEquals(0, waitFor(head));
        String errors = new String(get.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, waitFor(get), errors);
        assertEquals("", errors);
        assertArrayEquals(Arrays.copyOf(data, 10), first);
    }

    /** A real write error still fails, and says what it was: standard output on /dev/full. */
    @Test
    void getOntoAFullDeviceFailsWithTheReason() throws Exception {
        putRandomFile(1 << 20);
        Process get = cliProcess("get", container, "f").redirectOutput(new java.io.File("/dev/full")).start();
        String errors = new String(get.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, waitFor(get), errors);
        // The reason is the C library's text for ENOSPC ("No space left on device" in English).
        assertTrue(errors.strip().matches("daxstore: cannot write to standard output: \\S.*") && !errors.strip().contains("\n"),
                errors);
    }

    private byte[] putRandomFile(int size) throws Exception {
        assertEquals(0, run("format", container, "--capacity", "16m"), err.toString());
        byte[] data = new byte[size];
        new Random(9).nextBytes(data);
        Path source = dir.resolve("random.bin");
        Files.write(source, data);
        assertEquals(0, run("put", container, "f", source.toString()), err.toString());
        return data;
    }

    /** The tool in a child JVM, so its standard streams are real descriptors. */
    private static ProcessBuilder cliProcess(String... args) {
        return CliProcess.of(List.of(args));
    }

    private static int waitFor(Process process) throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child did not finish in 60 s: " + process.info());
        }
        return process.exitValue();
    }

    @Test
    void errorsAreOneLineAndNonZero() throws Exception {
        assertEquals(1, run("info", dir.resolve("missing.dax").toString()));
        assertOneLineError("no such container");

        Path notAStore = dir.resolve("text.txt");
        Files.writeString(notAStore, "just some text, long enough to be read".repeat(200));
        assertEquals(1, run("info", notAStore.toString()));
        assertOneLineError("no daxstore magic number");

        assertEquals(0, run("format", container, "--capacity", "4m"));
        assertEquals(1, run("format", container, "--capacity", "4m"));
        assertOneLineError("use --force");
        assertEquals(0, run("format", container, "--capacity", "8m", "--force"), err.toString());
        assertEquals(0, run("info", container), err.toString());
        assertTrue(out.toString().contains("(8.0 MiB)"), out.toString());

        assertEquals(1, run("truncate", container, "nope", "1k"));
        assertOneLineError("no file named 'nope'");
        // Within --block-size's range (4096 to 2m; below it is a usage error, NumericOptionsTest) but no power of two.
        assertEquals(1, run("format", dir.resolve("other.dax").toString(), "--capacity", "4m", "--block-size", "5000"));
        assertOneLineError("block size 5000 is not a power of two");
    }

    @Test
    void hostFileErrorsNameTheFileAndTouchNothing() throws Exception {
        assertEquals(0, run("format", container, "--capacity", "4m"));
        assertEquals(1, run("put", container, "f", dir.resolve("absent").toString()));
        assertOneLineError(dir.resolve("absent") + ": no such file or directory");
        assertEquals(0, run("ls", container));
        assertEquals("", out.toString(), "a failed put must not create the store file");

        Path keep = dir.resolve("keep.txt");
        Files.writeString(keep, "precious");
        assertEquals(1, run("get", container, "absent", keep.toString()));
        assertOneLineError("no file named 'absent'");
        assertEquals("precious", Files.readString(keep), "a failed get must not truncate the host file");
    }

    /**
     * A put that runs out of room (here: the store) leaves the file it was replacing byte for
     * byte and a new name absent. It used to truncate the old file first and leave whatever it
     * had written: 1 MiB of a 20 MiB source, or nothing.
     */
    @Test
    void aPutThatRunsOutOfRoomLeavesTheOldFileAndNoNewName() throws Exception {
        assertEquals(0, run("format", container, "--capacity", "4m"), err.toString());
        assertPutRunsOutOfRoom(container, "the store is full");
    }

    /** The same when the file system under the container fills up: an 8 MiB tmpfs under a 64 MiB store. */
    @Test
    void aPutThatFillsTheFileSystemLeavesTheOldFileAndNoNewName() throws Exception {
        Path mount = Files.createTempDirectory("daxstore-small-tmpfs-");
        org.junit.jupiter.api.Assumptions.assumeTrue(system("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs",
                mount.toString()) == 0, "mounting a small tmpfs needs root and mount permission; skipped without them");
        try {
            String small = mount.resolve("store.dax").toString();
            assertEquals(0, run("format", small, "--capacity", "64m"), err.toString());
            assertPutRunsOutOfRoom(small, "no room");
        } finally {
            system("umount", mount.toString());
            Files.deleteIfExists(mount);
        }
    }

    private void assertPutRunsOutOfRoom(String store, String reason) throws Exception {
        byte[] old = new byte[1 << 20];
        new Random(7).nextBytes(old);
        Path oldSource = dir.resolve("old.bin");
        Files.write(oldSource, old);
        byte[] huge = new byte[20 << 20];
        new Random(8).nextBytes(huge);
        Path hugeSource = dir.resolve("huge.bin");
        Files.write(hugeSource, huge);
        assertEquals(0, run("put", store, "big", oldSource.toString()), err.toString());

        assertEquals(1, run("put", store, "big", hugeSource.toString()));
        assertOneLineError(reason);
        assertTrue(err.toString().startsWith("daxstore: " + store + ": cannot put 'big' "), err.toString());
        assertStoreHoldsOnly(store, "big", old);
        assertEquals(1, run("put", store, "other", hugeSource.toString()));
        assertOneLineError(reason);
        assertTrue(err.toString().startsWith("daxstore: " + store + ": cannot put 'other' "), err.toString());
        assertStoreHoldsOnly(store, "big", old);
        assertEquals(0, run("fsck", store), out.toString());
    }

    /** The store lists {@code name} alone (no temporary, no new name) and it holds {@code bytes}. */
    private void assertStoreHoldsOnly(String store, String name, byte[] bytes) throws Exception {
        assertEquals(0, run("ls", store), err.toString());
        assertEquals(name, out.toString().strip());
        Path back = dir.resolve("back.bin");
        assertEquals(0, run("get", store, name, back.toString()), err.toString());
        assertArrayEquals(bytes, Files.readAllBytes(back), "the file a failed put was replacing changed");
    }

    @Test
    void aPutWhoseSourceFailsOrIsMissingLeavesTheOldFile() throws Exception {
        assertEquals(0, run("format", container, "--capacity", "8m"), err.toString());
        byte[] old = "the old contents".getBytes(StandardCharsets.UTF_8);
        Path oldSource = dir.resolve("old.bin");
        Files.write(oldSource, old);
        assertEquals(0, run("put", container, "f", oldSource.toString()), err.toString());
        assertEquals(1, run("put", container, "f", dir.resolve("absent").toString()));
        assertOneLineError("no such file or directory");
        assertStoreHoldsOnly(container, "f", old);

        InputStream stdin = System.in;
        try {
            System.setIn(new InputStream() { // 2 MiB, then a read error
                private long left = 2 << 20;

                @Override
                public int read() throws java.io.IOException {
                    if (left-- <= 0) {
                        throw new java.io.IOException("injected: the source broke off");
                    }
                    return 'x';
                }
            });
            assertEquals(1, run("put", container, "f"));
        } finally {
            System.setIn(stdin);
        }
        assertOneLineError("injected: the source broke off");
        assertStoreHoldsOnly(container, "f", old);
    }

    /** A format refused for its capacity names the minimum and leaves no file (info then said "not a container"). */
    @Test
    void aFailedFormatNamesTheMinimumAndLeavesNoFile() {
        assertEquals(1, run("format", container, "--capacity", "64k"));
        assertOneLineError("a capacity of 65536 bytes is below the minimum of 610304 bytes (596 KiB) for blocks of"
                + " 4096 bytes and 1024 files");
        assertFalse(Files.exists(Path.of(container)), "the failed format left " + container);
        assertEquals(1, run("info", container));
        assertOneLineError("no such container");
        assertEquals(1, run("format", container, "--capacity", "1m", "--block-size", "2m"));
        assertOneLineError("below the minimum of 4194304 bytes");
        assertFalse(Files.exists(Path.of(container)));
    }

    private static int system(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    @Test
    void debugAddsTheStackTraceWhereverItIsGiven() {
        String missing = dir.resolve("missing.dax").toString();
        assertEquals(1, run("--debug", "info", missing));
        assertTrue(err.toString().lines().count() > 1 && err.toString().contains("\tat org.daxstore."), err.toString());
        assertEquals(1, run("info", "--debug", missing));
        assertTrue(err.toString().lines().count() > 1 && err.toString().contains("\tat org.daxstore."), err.toString());
    }

    @Test
    void usageErrorsExitWith2() {
        assertEquals(2, run("format", container, "--capacity", "lots"));
        assertTrue(err.toString().contains("'lots' is not a size"), err.toString());
        assertEquals(2, run("format", container, "--capacity", "4m", "--block-size", "4g"));
        assertTrue(err.toString().contains("'4g' is too large"), err.toString());
        assertEquals(2, run());
        assertTrue(err.toString().contains("Missing a command"), err.toString());
        assertFalse(Files.exists(Path.of(container)));
        assertEquals(0, run("put", "--help"));
        assertTrue(out.toString().startsWith("Usage: daxstore put"), out.toString());
    }

    @Test
    void fsxEndsWithItsSummaryLine() throws Exception {
        assertEquals(0, run("fsx", "--dir", dir.toString(), "--ops", "2000", "--seed", "11"), err.toString());
        String[] lines = out.toString().strip().split("\n");
        assertEquals("fsx: seed 11, 2000 ops in " + dir + ", oracle both", lines[0]);
        assertEquals("fsx: 2000 ops, 0 mismatches", lines[lines.length - 1]);
        for (String oracle : new String[] {"model", "kernel"}) {
            assertEquals(0, run("fsx", "--dir", dir.toString(), "--ops", "500", "--seed", "11", "--oracle", oracle),
                    err.toString());
            assertTrue(out.toString().startsWith("fsx: seed 11, 500 ops in " + dir + ", oracle " + oracle + "\n"),
                    out.toString());
        }
        assertEquals(2, run("fsx", "--dir", dir.toString(), "--ops", "10", "--oracle", "fs"));
        assertTrue(err.toString().contains("no oracle 'fs': model, kernel or both"), err.toString());
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count(), "fsx leaves neither its container nor the kernel oracle's directory");
        }
        assertEquals(1, run("fsx", "--dir", dir.resolve("absent").toString(), "--ops", "10", "--seed", "1"));
        assertOneLineError("cannot create a container in " + dir.resolve("absent"));
    }

    @Test
    void stressEndsWithItsSummaryLine() {
        assertEquals(0, run("stress", "--dir", dir.toString(), "--seconds", "2", "--seed", "5"), err.toString());
        String[] lines = out.toString().strip().split("\n");
        assertTrue(lines[lines.length - 1].matches("stress: [1-9]\\d* accesses, [1-9]\\d* truncate/punch events, 0 violations"),
                lines[lines.length - 1]);
    }

    @Test
    void crashTestEndsWithItsSummaryLine() {
        assertEquals(0, run("crash-test", "--dir", dir.toString(), "--skip-catalogue", "--images", "300", "--kills", "2",
                "--fuzz", "20", "--seed", "3"), err.toString());
        String[] lines = out.toString().strip().split("\n");
        assertEquals("crash-test: seed 3, at least 300 images, 2 kills, 20 fuzzed, in " + dir, lines[0]);
        assertTrue(lines[lines.length - 1].matches("crash: [1-9]\\d* images, 2 kills, 20 fuzzed, 0 inconsistent"),
                lines[lines.length - 1]);
    }

    /** Every command's --help, -h and --version print and exit 0, whatever its defaults (format's --capacity of 0 failed its range). */
    @Test
    void everyCommandsHelpExits0() {
        for (String command : DaxstoreCli.commandLine().getSubcommands().keySet()) {
            for (String flag : new String[] {"--help", "-h"}) {
                assertEquals(0, run(command, flag), command + " " + flag + ": " + err);
                assertTrue(out.toString().startsWith("Usage: daxstore " + command), command + " " + flag + ": " + out);
            }
        }
        assertEquals(0, run("--version"), err.toString());
    }

    /** A repair refused before it writes (a medium that cannot be had) is 2, unusable; 1 would say the repair left damage. */
    @Test
    void aRepairRefusedForItsMediumExits2() {
        assertEquals(0, run("format", container, "--capacity", "4m"), err.toString());
        String before = System.getProperty("daxstore.medium");
        System.setProperty("daxstore.medium", "bogus");
        try {
            assertEquals(2, run("fsck", "--repair", container), err.toString());
            assertTrue(err.toString().contains("bogus"), err.toString());
        } finally {
            if (before == null) {
                System.clearProperty("daxstore.medium");
            } else {
                System.setProperty("daxstore.medium", before);
            }
        }
    }

    @Test
    void fsckExitsWith0For1And2() throws Exception {
        assertEquals(0, run("format", container, "--capacity", "4m"), err.toString());
        assertEquals(0, run("fsck", container), out.toString());
        String[] lines = out.toString().strip().split("\n");
        assertTrue(lines[lines.length - 1].startsWith("fsck: " + container + ": clean: 0 files"), out.toString());

        try (var channel = java.nio.channels.FileChannel.open(Path.of(container), java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(3 << 20);
        }
        assertEquals(1, run("fsck", container), out.toString());
        assertTrue(out.toString().contains("problem: the container is 3145728 bytes but its superblock describes 4194304"),
                out.toString());
        Files.write(Path.of(container), new byte[100]);
        assertEquals(2, run("fsck", container), out.toString());
        assertTrue(out.toString().strip().endsWith("unusable: not a daxstore container (100 bytes; no superblock magic)"),
                out.toString());
    }

    @Test
    void fuzzEndsWithItsSummaryLine() {
        assertEquals(0, run("fuzz", "--dir", dir.toString(), "--images", "50", "--seed", "3"), err.toString());
        String[] lines = out.toString().strip().split("\n");
        assertEquals("fuzz: seed 3, images 0..49 in " + dir, lines[0]);
        assertTrue(lines[lines.length - 1].matches("fuzz: 50 images, \\d+ refused with a typed exception, \\d+ opened and"
                + " consistent, \\d+ of the refused repaired \\(then clean"
                + " and opening\\), \\d+ unrepairable \\(unusable, left untouched\\), 0 failures \\(\\d+ ms\\)"),
                lines[lines.length - 1]);
    }

    private void assertOneLineError(String fragment) {
        String text = err.toString().strip();
        assertTrue(text.startsWith("daxstore: ") && text.contains(fragment) && !text.contains("\n"), text);
    }
}
