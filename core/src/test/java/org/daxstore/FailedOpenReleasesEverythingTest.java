package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import org.daxstore.format.InodeFormat;
import org.daxstore.format.JournalFormat;
import org.daxstore.format.Layout;
import org.daxstore.media.FailingMedium;
import org.daxstore.testing.Hooked;
import org.daxstore.testing.Layouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * An open that fails releases every resource it took: descriptors, mappings, the file locks and
 * this JVM's registry entry, whatever it failed with. Each way open can fail is tried many times
 * in this JVM; then the descriptors of the process ({@code /proc/self/fd}) and its mappings of
 * the container ({@code /proc/self/maps}) must be back where they started, and a good store at
 * the same path must open. A lock or descriptor that outlived a failed open made the crash
 * campaign refuse a later image as "locked by another process".
 */
class FailedOpenReleasesEverythingTest {
    private static final int ATTEMPTS = 20;
    private static final long CAPACITY = 4 << 20;

    private Path dir;
    private Path path;
    private byte[] good;
    private byte[] unclean;

    @BeforeEach
    void createImages() throws IOException {
        dir = Files.createTempDirectory(TempStores.newContainerPath("failed-open-").getParent(), "failed-open-");
        path = dir.resolve("store.dax");
        try (DaxStore store = DaxStore.create(path, StoreOptions.capacity(CAPACITY).withMaxFiles(16))) {
            try (DaxFile file = store.create("f")) {
                file.write(0, new byte[3 * 4096 + 5]);
            }
            store.force();
            // Copied while open: the superblocks say "not closed cleanly", so open replays and checks.
            unclean = Files.readAllBytes(path);
        }
        good = Files.readAllBytes(path);
    }

    @AfterEach
    void deleteImages() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** One way for open to fail: the image to write first (null: leave the file alone), the open, its exception. */
    private record Failure(String name, Supplier<byte[]> image, Executable open, Class<? extends Throwable> expected) {
    }

    private List<Failure> failures() {
        Layout layout = Layouts.of(StoreOptions.capacity(CAPACITY).withMaxFiles(16));
        Executable open = () -> DaxStore.open(path).close();
        List<Failure> failures = new ArrayList<>();
        failures.add(new Failure("not a container", () -> {
            byte[] noise = new byte[1 << 20];
            new Random(1).nextBytes(noise);
            return noise;
        }, open, NotAContainerException.class));
        failures.add(new Failure("empty", () -> new byte[0], open, NotAContainerException.class));
        failures.add(new Failure("too short", () -> new byte[100], open, NotAContainerException.class));
        failures.add(new Failure("both superblocks damaged", () -> damaged(good, Layout.PRIMARY_SUPERBLOCK + 24,
                Layout.SECONDARY_SUPERBLOCK + 24), open, CorruptStoreException.class));
        failures.add(new Failure("corrupt inode", () -> damaged(good, layout.inodeOffset(0) + InodeFormat.FILE_SIZE),
                open, CorruptStoreException.class));
        failures.add(new Failure("bad journal record", () -> withRecordNaming(unclean, Layout.PRIMARY_SUPERBLOCK + 64),
                open, CorruptStoreException.class));
        failures.add(new Failure("inconsistent after recovery", () -> withBitmapCleared(withoutJournalRecord(unclean), layout),
                open, CorruptStoreException.class));
        failures.add(new Failure("length mismatch", () -> Arrays.copyOf(good, good.length - 4096), open,
                CorruptStoreException.class));
        failures.add(new Failure("medium fails to flush", () -> good, () -> failingMedium(path,
                () -> new StoreIOException("injected: the device under the mapping failed")).close(),
                StoreIOException.class));
        failures.add(new Failure("medium decorator throws an Error", () -> good, () -> Hooked.decorating(StoreOptions.capacity(CAPACITY), medium -> {
                    throw new InternalError("injected: a fault occurred in an unsafe memory access");
                }).open(path).close(), InternalError.class));
        return failures;
    }

    @Test
    void everyFailedOpenReleasesItsDescriptorsMappingsAndLocks() throws Exception {
        List<Failure> failures = failures();
        for (Failure failure : failures) {
            attempt(failure); // loads the classes each path needs, which opens jars once
        }
        List<String> descriptors = descriptorTargets();
        for (Failure failure : failures) {
            for (int i = 0; i < ATTEMPTS; i++) {
                attempt(failure);
            }
            assertNothingOfTheContainerLeft(failure.name());
        }
        lockedInThisJvm();
        lockedByAnotherProcess();
        Files.write(path, good);
        try (DaxStore store = DaxStore.open(path)) {
            assertEquals(List.of("f"), store.list());
        }
        assertNothingOfTheContainerLeft("the good store, closed");
        assertNoMoreDescriptorsThan(descriptors);
    }

    /**
     * The process holds no more descriptors than {@code before}. Other threads of this JVM open
     * and close descriptors of their own (the process reaper closes a child's pipes after
     * {@code waitFor} has returned), so a count above {@code before} is taken again for a few
     * seconds before it is called a leak: a leaked descriptor stays, a passing one does not. The
     * message names what is there now and was not before, from one listing.
     */
    private static void assertNoMoreDescriptorsThan(List<String> before) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> now = descriptorTargets();
        while (now.size() > before.size() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            now = descriptorTargets();
        }
        List<String> added = new ArrayList<>(now);
        before.forEach(added::remove);
        assertTrue(now.size() <= before.size(), "the process holds " + now.size() + " descriptors, " + before.size()
                + " before the failed opens; new since then: " + added);
    }

    private void attempt(Failure failure) throws IOException {
        if (failure.image() != null) {
            Files.write(path, failure.image().get());
        }
        Throwable thrown = assertThrows(failure.expected(), failure.open(), failure.name());
        assertTrue(thrown.getMessage() != null, failure.name() + ": " + thrown);
    }

    private void lockedInThisJvm() throws IOException {
        try (DaxStore holder = DaxStore.open(path)) {
            for (int i = 0; i < ATTEMPTS; i++) {
                StoreLockedException e = assertThrows(StoreLockedException.class, () -> DaxStore.open(path));
                assertTrue(e.getMessage().contains("already open in this JVM"), e.getMessage());
            }
        }
        assertNothingOfTheContainerLeft("locked in this JVM");
    }

    private void lockedByAnotherProcess() throws Exception {
        Files.write(path, good);
        try (HoldOpenInAnotherProcess holder = HoldOpenInAnotherProcess.start(path)) {
            for (int i = 0; i < ATTEMPTS; i++) {
                StoreLockedException e = assertThrows(StoreLockedException.class, () -> DaxStore.open(path));
                assertTrue(e.getMessage().contains("locked by another process"), e.getMessage());
            }
            assertNothingOfTheContainerLeft("locked by another process");
        }
    }

    private DaxStore failingMedium(Path path, Supplier<? extends RuntimeException> failure) {
        return Hooked.decorating(StoreOptions.capacity(CAPACITY), medium -> new FailingMedium(medium, failure)).open(path);
    }

    private void assertNothingOfTheContainerLeft(String after) throws IOException {
        List<String> descriptors = descriptorTargets().stream().filter(target -> target.startsWith(dir.toString())).toList();
        assertEquals(List.of(), descriptors, "descriptors of the container left open after: " + after);
        List<String> mappings;
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"))) {
            mappings = lines.filter(line -> line.contains(dir.toString())).toList();
        }
        assertEquals(List.of(), mappings, "mappings of the container left after: " + after);
    }

    /** What each descriptor of this process names (a file, a pipe, a socket). */
    private static List<String> descriptorTargets() throws IOException {
        List<String> targets = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    targets.add(Files.readSymbolicLink(fd).toString());
                } catch (IOException e) {
                    // the descriptor of the listing itself, closed by now
                }
            }
        }
        return targets;
    }

    private static byte[] damaged(byte[] image, long... offsets) {
        byte[] copy = image.clone();
        for (long offset : offsets) {
            copy[(int) offset] ^= 0x5A;
        }
        return copy;
    }

    /** {@code image} with a valid journal record (its checksum right) that names the word at {@code offset}. */
    private static byte[] withRecordNaming(byte[] image, long offset) {
        byte[] copy = image.clone();
        byte[] record = new byte[JournalFormat.HEADER_BYTES + JournalFormat.ENTRY_BYTES];
        ByteBuffer buffer = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(JournalFormat.MAGIC_AT, JournalFormat.MAGIC).putLong(JournalFormat.SEQUENCE_AT, 99)
                .putLong(JournalFormat.COUNT_AT, 1)
                .putLong(JournalFormat.HEADER_BYTES + JournalFormat.ENTRY_OFFSET_AT, offset)
                .putLong(JournalFormat.HEADER_BYTES + JournalFormat.ENTRY_VALUE_AT, 7);
        buffer.putInt(JournalFormat.CRC_AT, JournalFormat.checksum(new CRC32C(), record, 1));
        System.arraycopy(record, 0, copy, (int) Layout.JOURNAL_OFFSET, record.length);
        return copy;
    }

    /** {@code image} with no journal record: a recovery has nothing to replay that could undo other damage. */
    private static byte[] withoutJournalRecord(byte[] image) {
        byte[] copy = image.clone();
        Arrays.fill(copy, (int) Layout.JOURNAL_OFFSET, (int) Layout.JOURNAL_OFFSET + JournalFormat.HEADER_BYTES, (byte) 0);
        return copy;
    }

    /** {@code image} with the bitmap word of the first data blocks zeroed: blocks a file owns marked free. */
    private static byte[] withBitmapCleared(byte[] image, Layout layout) {
        byte[] copy = image.clone();
        Arrays.fill(copy, (int) layout.bitmapWordOffset(layout.firstDataBlock()),
                (int) layout.bitmapWordOffset(layout.firstDataBlock()) + Long.BYTES, (byte) 0);
        return copy;
    }
}
