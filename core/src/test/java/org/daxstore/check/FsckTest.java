package org.daxstore.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.daxstore.CorruptStoreException;
import org.daxstore.DaxStore;
import org.daxstore.HoldOpenInAnotherProcess;
import org.daxstore.OpenFromAnotherProcess;
import org.daxstore.TempStores;
import org.daxstore.check.FsckReport.Status;
import org.daxstore.format.InodeFormat;
import org.daxstore.format.JournalFormat;
import org.daxstore.format.Layout;
import org.daxstore.fs.FileData;
import org.daxstore.fs.FileNode;
import org.daxstore.fs.Namespace;
import org.daxstore.fs.Volume;
import org.daxstore.fs.VolumeOptions;
import org.daxstore.testing.ImageFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The offline fsck: a clean store passes, and each kind of damage gives the right verdict (exit
 * status) and a message naming where. Each image is damaged by writing its file directly, as a
 * bad disk or a bug would, after the store is closed.
 */
class FsckTest {
    private static final VolumeOptions OPTIONS = VolumeOptions.capacity(4 << 20).withMaxFiles(64);

    private final List<Path> paths = new ArrayList<>();
    private Path path;
    private Layout layout;
    /** File "a": one byte, so its map root is its only data block (height 0). */
    private int inodeA;
    private long blockA;
    /** File "b": three pages, so its root is a block-map node (height 1) with slots 0..2 in use. */
    private int inodeB;
    private long nodeB;

    @BeforeEach
    void create() {
        path = newPath();
        Volume volume = Volume.open(path, OPTIONS, Volume.OpenMode.NEW);
        try {
            Namespace namespace = new Namespace(volume);
            FileData data = new FileData(volume);
            FileNode a = namespace.create("a");
            FileNode b = namespace.create("b");
            data.write(a, 0, new byte[] {1}, 0, 1);
            data.write(b, 0, new byte[3 * 4096], 0, 3 * 4096);
            layout = volume.layout();
            inodeA = a.inode;
            blockA = a.mapRoot();
            inodeB = b.inode;
            nodeB = b.mapRoot();
            assertEquals(1, b.mapHeight());
        } finally {
            volume.close();
        }
    }

    @AfterEach
    void delete() {
        paths.forEach(TempStores::delete);
    }

    private Path newPath() {
        Path p = TempStores.newContainerPath("fsck-");
        paths.add(p);
        return p;
    }

    private FsckReport fsck(Status expected) {
        FsckReport report = Fsck.check(path);
        assertEquals(expected, report.status(), report.toString());
        assertEquals(expected.ordinal(), report.exitCode());
        return report;
    }

    private static void assertSays(FsckReport report, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(report.toString().contains(fragment), "expected '" + fragment + "' in:\n" + report);
        }
    }

    @Test
    void aCleanStorePasses() {
        FsckReport report = fsck(Status.CLEAN);
        assertEquals(2, report.files());
        assertEquals(1 + 4, report.usedBlocks());
        assertEquals(layout.dataBlockCount() - 5, report.freeBlocks());
        assertSays(report, "fsck: " + path + ": clean: 2 files");
    }

    @Test
    void fsckNeverWritesTheImage() throws IOException {
        putLong(layout.blockOffset(nodeB), 1);
        byte[] before = Files.readAllBytes(path);
        long modified = Files.getLastModifiedTime(path).toMillis();
        fsck(Status.INCONSISTENT);
        assertArrayEquals(before, Files.readAllBytes(path));
        assertEquals(modified, Files.getLastModifiedTime(path).toMillis());
    }

    @Test
    void aBadInodeChecksumIsNamed() throws IOException {
        putLong(layout.inodeOffset(inodeA) + InodeFormat.FILE_SIZE, 12345);
        assertSays(fsck(Status.INCONSISTENT), "inode " + inodeA + " at offset " + layout.inodeOffset(inodeA),
                "checksum mismatch");
    }

    @Test
    void aBlockOwnedTwiceIsNamed() throws IOException {
        putLong(layout.blockOffset(nodeB) + 8, blockA);
        assertSays(fsck(Status.INCONSISTENT), "block-map node " + nodeB + " slot 1", "points to block " + blockA,
                "already in use");
    }

    @Test
    void anOwnedBlockMarkedFreeIsNamed() throws IOException {
        long word = layout.bitmapWordOffset(blockA);
        putLong(word, getLong(word) & ~(1L << (blockA & 63)));
        assertSays(fsck(Status.INCONSISTENT), "word at offset " + word, "block " + blockA + " is marked free");
    }

    @Test
    void aFreeBlockMarkedInUseIsNamed() throws IOException {
        long last = layout.blockCount() - 1;
        long word = layout.bitmapWordOffset(last);
        putLong(word, getLong(word) | (1L << (last & 63)));
        assertSays(fsck(Status.INCONSISTENT), "block " + last + " is marked in use but nothing owns it");
        putLong(word, -1L);
        long firstOfWord = last & ~63L;
        FsckReport report = fsck(Status.INCONSISTENT);
        assertSays(report, "blocks " + firstOfWord + " to " + last + " are marked in use but nothing owns them");
        assertEquals(1, report.problems().size(), "one line for the run, not one per block");
    }

    @Test
    void bitsPastTheLastBlockAreNamed() throws IOException {
        long padding = layout.bitmapOffset() + layout.bitmapBytes() - Long.BYTES;
        putLong(padding, 1);
        assertSays(fsck(Status.INCONSISTENT), "the word at offset " + padding + ", past the last block, is not zero");
    }

    @Test
    void aPointerOutOfRangeIsNamed() throws IOException {
        putLong(layout.blockOffset(nodeB), 1L << 40);
        assertSays(fsck(Status.INCONSISTENT), "block-map node " + nodeB + " slot 0 (offset " + layout.blockOffset(nodeB)
                + ") points to block " + (1L << 40) + ", outside the data blocks");
    }

    @Test
    void aPagePastTheSizeIsNamed() throws IOException {
        editInode(inodeB, InodeFormat.FILE_SIZE, 4096);
        assertSays(fsck(Status.INCONSISTENT), "file 'b' (inode " + inodeB + "): page 1 has block",
                "the file is only 4096 bytes");
    }

    @Test
    void anEmptyNodeIsNamed() throws IOException {
        // b keeps its root node but loses its three data blocks: truncate's bookkeeping done wrong
        for (int slot = 0; slot < 3; slot++) {
            long data = getLong(layout.blockOffset(nodeB) + slot * 8L);
            putLong(layout.blockOffset(nodeB) + slot * 8L, 0);
            long word = layout.bitmapWordOffset(data);
            putLong(word, getLong(word) & ~(1L << (data & 63)));
        }
        editInode(inodeB, InodeFormat.ALLOCATED_BLOCKS, 1);
        FsckReport report = fsck(Status.INCONSISTENT);
        assertSays(report, "block-map node " + nodeB + " (offset " + layout.blockOffset(nodeB) + ") is empty");
        assertEquals(2, report.usedBlocks(), "a's block and b's node");
    }

    @Test
    void aWrongAllocatedCountIsNamed() throws IOException {
        editInode(inodeB, InodeFormat.ALLOCATED_BLOCKS, 5);
        assertSays(fsck(Status.INCONSISTENT), "file 'b' (inode " + inodeB + "): its inode counts 5 blocks but its map reaches 4");
    }

    @Test
    void duplicateNamesAreNamed() throws IOException {
        editInode(inodeB, InodeFormat.NAME, 'a');
        assertSays(fsck(Status.INCONSISTENT), "inodes " + inodeA + " and " + inodeB, "both hold the name 'a'");
    }

    @Test
    void badInodeFieldsUnderAGoodChecksumAreNamed() throws IOException {
        editInode(inodeA, InodeFormat.GENERATION, 0);
        editInode(inodeB, InodeFormat.FILE_SIZE, InodeFormat.MAX_FILE_SIZE + 1);
        assertSays(fsck(Status.INCONSISTENT), "inode " + inodeA + " at offset " + layout.inodeOffset(inodeA)
                + " ('a'): generation 0", "inode " + inodeB + " at offset " + layout.inodeOffset(inodeB)
                + " ('b'): impossible size");
        editInode(inodeA, InodeFormat.NAME, '/');
        assertSays(fsck(Status.INCONSISTENT), "the name is not a valid file name");
    }

    @Test
    void aTornJournalRecordIsIgnored() throws IOException {
        putLong(Layout.JOURNAL_OFFSET + JournalFormat.HEADER_BYTES, 8);
        setClean(false);
        FsckReport report = fsck(Status.CLEAN);
        assertSays(report, "journal: TORN", "fails its CRC", "not closed cleanly: the next open has no record to replay");
    }

    /**
     * A crash after the commit point, before the apply reached media: the image is inconsistent,
     * but the journal record finishes it. fsck checks the state the next open will make, reports
     * the replay pending, and agrees with the store's own recovery.
     */
    @Test
    void aPendingJournalRecordIsCheckedAsReplayed() throws IOException {
        Path crashed = newPath();
        long blockC;
        Volume volume = Volume.open(path, VolumeOptions.forExisting(), Volume.OpenMode.EXISTING);
        try {
            FileNode c = new Namespace(volume).create("c");
            new FileData(volume).write(c, 0, new byte[] {7}, 0, 1);
            blockC = c.mapRoot();
            Files.copy(path, crashed, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            volume.close();
        }
        path = crashed;
        long word = layout.bitmapWordOffset(blockC);
        putLong(word, getLong(word) & ~(1L << (blockC & 63)));

        FsckReport report = fsck(Status.CLEAN);
        assertEquals(1, report.pendingWords(), report.toString());
        assertSays(report, "not closed cleanly: the next open replays journal record #", "which changes 1 of its");
        setClean(true);
        assertSays(fsck(Status.INCONSISTENT), "the store was closed cleanly, but 1 of the",
                "(first at offset " + word + ")", "block " + blockC + " is marked free");
        setClean(false);
        try (DaxStore store = DaxStore.open(path)) {
            assertTrue(store.check().isConsistent());
        }
        assertEquals(0, fsck(Status.CLEAN).pendingWords());
    }

    /**
     * A record with a valid CRC that names a word inside a file's data block: replay would write
     * into the file. fsck refuses the record as the next open does, with the same words, and the
     * data is unchanged.
     */
    @Test
    void aJournalRecordThatWritesIntoAFilesDataIsRefusedByFsckAsByOpen() throws IOException {
        long bitmapWord = layout.bitmapWordOffset(blockA);
        long dataWord = layout.blockOffset(blockA) + 8;
        byte[] data = read(layout.blockOffset(blockA), 4096);
        writeJournalRecord(new long[] {bitmapWord, dataWord}, new long[] {getLong(bitmapWord), 0xBADL});
        setClean(false);
        String verdict = "journal record #" + RECORD + ", entry 1 (container offset " + JournalFormat.entryOffset(1)
                + ") names offset " + dataWord + " in block " + blockA + ", which after the record is the data block of"
                + " page 0 of file 'a' (inode " + inodeA + "), not a block-map node";
        assertSays(fsck(Status.INCONSISTENT), verdict, "journal record #" + RECORD + " is refused");
        CorruptStoreException e = assertThrows(CorruptStoreException.class, () -> DaxStore.open(path));
        assertTrue(e.getMessage().contains(verdict), e.getMessage());
        assertArrayEquals(data, read(layout.blockOffset(blockA), 4096));
    }

    /** A crash after the commit point of an unlink of b's page 2 left the slot unwritten: both replay it. */
    @Test
    void aPendingSlotOfALiveNodeIsReplayedByFsckAsByOpen() throws IOException {
        long slot = layout.blockOffset(nodeB) + 16;
        long dataB2 = getLong(slot);
        putLong(slot, 0);
        writeJournalRecord(new long[] {slot}, new long[] {dataB2});
        setClean(false);
        FsckReport report = fsck(Status.CLEAN);
        assertEquals(1, report.pendingWords(), report.toString());
        try (DaxStore store = DaxStore.open(path)) {
            assertTrue(store.check().isConsistent());
        }
        assertEquals(dataB2, getLong(slot));
    }

    @Test
    void aSlotOfABlockTheBitmapMarksFreeIsSkippedByFsckAsByOpen() throws IOException {
        long free = layout.blockOffset(layout.blockCount() - 1);
        writeJournalRecord(new long[] {free}, new long[] {9});
        setClean(false);
        assertEquals(0, fsck(Status.CLEAN).pendingWords());
        try (DaxStore store = DaxStore.open(path)) {
            assertTrue(store.check().isConsistent());
        }
        assertEquals(0, getLong(free));
    }

    @Test
    void twoDamagedSuperblocksMakeItUnusable() throws IOException {
        putLong(Layout.PRIMARY_SUPERBLOCK + 24, 3);
        putLong(Layout.SECONDARY_SUPERBLOCK + 24, 3);
        assertSays(fsck(Status.UNUSABLE), "both superblocks are damaged", "primary superblock at offset 0: checksum",
                "secondary superblock at offset 4096: checksum");
    }

    @Test
    void aDamagedPrimaryWithAGoodSecondaryIsANoteAsOpenRewritesIt() throws IOException {
        putLong(Layout.PRIMARY_SUPERBLOCK, 0);
        FsckReport report = fsck(Status.CLEAN);
        assertSays(report, "note: ", "primary superblock at offset 0: no daxstore magic number", "the secondary copy is valid:"
                + " the next open uses it and rewrites the primary from it");
        assertEquals(2, report.files());
        try (DaxStore store = DaxStore.open(path)) {
            assertEquals(List.of("a", "b"), store.list(), "the store opens with the secondary, as fsck says");
        }
        fsck(Status.CLEAN);
    }

    @Test
    void truncatedAndExtendedContainersAreNamed() throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(layout.containerSize() - 4096);
        }
        assertSays(fsck(Status.INCONSISTENT), "the container is " + (layout.containerSize() - 4096)
                + " bytes but its superblock describes " + layout.containerSize(), "not checked further");
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[8192]), layout.containerSize() - 4096);
        }
        assertSays(fsck(Status.INCONSISTENT), "the container is " + (layout.containerSize() + 4096) + " bytes");
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(Layout.SECONDARY_SUPERBLOCK + 100);
        }
        assertSays(fsck(Status.INCONSISTENT), "secondary superblock at offset 4096", "not checked further");
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(100);
        }
        assertSays(fsck(Status.UNUSABLE), "both superblocks are damaged");
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
        assertSays(fsck(Status.UNUSABLE), "not a daxstore container (0 bytes");
    }

    @Test
    void aFileThatIsNoContainerOrNoFileIsUnusable() throws IOException {
        byte[] noise = new byte[1 << 16];
        new Random(7).nextBytes(noise);
        Files.write(path, noise);
        assertSays(fsck(Status.UNUSABLE), "not a daxstore container (65536 bytes");
        Files.delete(path);
        assertSays(fsck(Status.UNUSABLE), "no such file");
    }

    @Test
    void aStoreOpenInThisJvmIsInUseAndKeepsItsLock() throws Exception {
        try (DaxStore store = DaxStore.open(path)) {
            assertSays(fsck(Status.UNUSABLE), "in use: a store in this JVM has it open");
            Process child = child(OpenFromAnotherProcess.class);
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            assertEquals(3, child.exitValue(), "fsck must not have dropped the store's lock");
        }
        fsck(Status.CLEAN);
    }

    @Test
    void aStoreOpenInAnotherProcessIsInUse() throws Exception {
        Process holder = child(HoldOpenInAnotherProcess.class);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("open", out.readLine());
            assertSays(fsck(Status.UNUSABLE), "in use: a running store holds its lock");
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(60, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
        fsck(Status.CLEAN);
    }

    /** A child JVM with this JVM's flags (they keep Chronicle off the network) running {@code main} on the image. */
    private Process child(Class<?> main) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName(), path.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    // ---- editing the image file directly ----

    private long getLong(long offset) throws IOException {
        return new ImageFile(path).getLong(offset);
    }

    private void putLong(long offset, long value) throws IOException {
        new ImageFile(path).putLong(offset, value);
    }

    private void write(long offset, byte[] bytes) throws IOException {
        new ImageFile(path).write(offset, bytes);
    }

    private byte[] read(long offset, int length) throws IOException {
        return new ImageFile(path).read(offset, length);
    }

    /** Sets one field of an inode record (a long, or the first name byte at NAME) and reseals its checksum. */
    private void editInode(int inode, int field, long value) throws IOException {
        new ImageFile(path).editInode(layout, inode, field, value);
    }

    /** The sequence number of the records the tests write. */
    private static final long RECORD = 9000;

    private void writeJournalRecord(long[] offsets, long[] values) throws IOException {
        new ImageFile(path).writeJournalRecord(RECORD, offsets, values);
    }

    private void setClean(boolean clean) throws IOException {
        new ImageFile(path).setClean(clean);
    }
}
