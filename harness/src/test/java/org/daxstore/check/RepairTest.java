package org.daxstore.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32C;

import org.daxstore.DaxFile;
import org.daxstore.DaxStore;
import org.daxstore.TempStores;
import org.daxstore.format.InodeFormat;
import org.daxstore.format.JournalFormat;
import org.daxstore.format.Layout;
import org.daxstore.format.Superblock;
import org.daxstore.fs.FileData;
import org.daxstore.fs.FileNode;
import org.daxstore.fs.Namespace;
import org.daxstore.fs.Volume;
import org.daxstore.fs.VolumeOptions;
import org.daxstore.harness.crash.RecordingMedium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code fsck --repair}, for every kind of damage that {@link FsckTest} and
 * {@code fs/DamagedRecordsAndMapsTest} make, one at a time: the repair says what it fixed, fsck
 * then finds the container clean, the store opens and its online check passes, every file the
 * damage did not reach reads back byte for byte, and a second repair changes nothing.
 */
class RepairTest {
    private static final VolumeOptions OPTIONS = VolumeOptions.capacity(4 << 20).withMaxFiles(64);
    private static final List<String> FILES = List.of("a", "b", "c", "d");
    /** A file size beyond the container's capacity: a record with a bad checksum and this size is not salvaged. */
    private static final long HUGE = 1L << 40;

    private final List<Path> paths = new ArrayList<>();
    Path path;
    ImageFile image;
    Layout layout;
    /** The contents of each file as built. */
    final Map<String, byte[]> contents = new HashMap<>();
    /** a: one byte, its root its only data block (height 0). */
    long blockA;
    /** b: three pages under one node (height 1). */
    long nodeB;
    long[] dataB = new long[3];
    /** c: five pages under one node. */
    long nodeC;
    long[] dataC = new long[5];
    /** d: pages 0 and 600, a map of height 2. */
    long rootD;
    long dataD0;

    @BeforeEach
    void build() throws IOException {
        path = newPath();
        image = new ImageFile(path);
        Volume volume = Volume.open(path, OPTIONS, Volume.OpenMode.NEW);
        try {
            Namespace namespace = new Namespace(volume);
            FileData data = new FileData(volume);
            Random random = new Random(11);
            write(data, namespace.create("a"), 0, new byte[] {1});
            write(data, namespace.create("b"), 0, randomBytes(random, 3 * 4096));
            write(data, namespace.create("c"), 0, randomBytes(random, 5 * 4096));
            FileNode d = namespace.create("d");
            write(data, d, 0, randomBytes(random, 10));
            write(data, d, 600L * 4096 + 7, randomBytes(random, 3));
            layout = volume.layout();
            blockA = namespace.lookup("a").mapRoot();
            nodeB = namespace.lookup("b").mapRoot();
            nodeC = namespace.lookup("c").mapRoot();
            rootD = d.mapRoot();
            assertEquals(List.of(0, 1, 1, 2), FILES.stream().map(name -> namespace.lookup(name).mapHeight()).toList());
        } finally {
            volume.close();
        }
        for (int i = 0; i < dataB.length; i++) {
            dataB[i] = image.getLong(layout.blockOffset(nodeB) + i * 8L);
        }
        for (int i = 0; i < dataC.length; i++) {
            dataC[i] = image.getLong(layout.blockOffset(nodeC) + i * 8L);
        }
        dataD0 = image.getLong(layout.blockOffset(image.getLong(layout.blockOffset(rootD))));
        try (DaxStore store = DaxStore.open(path)) {
            for (String name : FILES) {
                contents.put(name, readAll(store, name));
            }
        }
        assertEquals(FsckReport.Status.CLEAN, Fsck.check(path).status());
    }

    private static void write(FileData data, FileNode file, long position, byte[] bytes) {
        data.write(file, position, bytes, 0, bytes.length);
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    @AfterEach
    void delete() {
        paths.forEach(TempStores::delete);
    }

    Path newPath() {
        Path p = TempStores.newContainerPath("repair-");
        paths.add(p);
        return p;
    }

    static byte[] readAll(DaxStore store, String name) {
        try (DaxFile file = store.openFile(name)) {
            byte[] bytes = new byte[(int) file.size()];
            file.read(0, bytes);
            return bytes;
        }
    }

    int inode(String name) {
        return FILES.indexOf(name);
    }

    /** Damage done to a freshly built image, and what the repair must make of it. */
    interface Edit {
        void apply(RepairTest image) throws IOException;
    }

    /**
     * One kind of damage.
     *
     * @param untouched files the damage does not reach: they must read back exactly
     * @param lost      files the repair must give up
     * @param renamed   files the repair renames, old name to new
     * @param saying    what the repair's report must say
     */
    record Damage(String name, Edit edit, Set<String> untouched, Set<String> lost, Map<String, String> renamed,
                  List<String> saying) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Damage damage(String name, Edit edit, Set<String> untouched, String... saying) {
        return new Damage(name, edit, untouched, Set.of(), Map.of(), List.of(saying));
    }

    private static Set<String> allBut(String... touched) {
        Set<String> files = new TreeSet<>(FILES);
        files.removeAll(List.of(touched));
        return files;
    }

    static List<Damage> damages() {
        List<Damage> all = new ArrayList<>();
        all.add(new Damage("a bad inode checksum",
                t -> t.image.putLong(t.layout.inodeOffset(0) + InodeFormat.FILE_SIZE, HUGE), allBut("a"), Set.of("a"),
                Map.of(), List.of("inode 0 at offset", "checksum mismatch", "not salvaged, since", "size " + HUGE
                        + " is beyond the container's capacity", "the slot freed; the file it held ('a' by the"
                        + " damaged record, " + HUGE + " bytes) is lost", "allocation bitmap rebuilt", "1 bit(s) of blocks nothing")));
        all.add(new Damage("bad inode fields under a good checksum", t -> {
            t.image.editInode(t.layout, 0, InodeFormat.GENERATION, 0);
            t.image.editInode(t.layout, 1, InodeFormat.FILE_SIZE, InodeFormat.MAX_FILE_SIZE + 1);
        }, allBut("a", "b"), Set.of("a", "b"), Map.of(), List.of("('a'): generation 0", "('b'): impossible size",
                "the file it held ('b' by the damaged record")));
        all.add(new Damage("a name with a slash", t -> t.image.editInode(t.layout, 0, InodeFormat.NAME, '/'),
                allBut("a"), Set.of("a"), Map.of(), List.of("the name is not a valid file name", "is lost")));
        all.add(damage("a flipped bit in an inode's modified time (its checksum now wrong): the file salvaged",
                t -> t.image.putLong(t.layout.inodeOffset(1) + InodeFormat.MODIFIED,
                        t.image.getLong(t.layout.inodeOffset(1) + InodeFormat.MODIFIED) ^ 1 << 20), allBut(),
                "inode 1 at offset", "checksum mismatch", "salvaged, CRC was wrong"));
        all.add(damage("a flipped bit in an inode's map height (its checksum now wrong): salvaged, the height corrected",
                t -> t.image.write(t.layout.inodeOffset(2) + InodeFormat.MAP_HEIGHT, new byte[] {3}), allBut(),
                "inode 2 at offset", "salvaged, CRC was wrong", "file 'c' (inode 2): its block map does not validate under"
                        + " the recorded height 3 and does under height 1: the height corrected"));
        all.add(damage("a reserved byte of an inode set, under a good checksum: the file salvaged", t -> {
            byte[] record = t.image.read(t.layout.inodeOffset(3), InodeFormat.SIZE);
            record[400] = 9;
            t.image.putInode(t.layout, 3, record);
        }, allBut(), "('d'): reserved byte +400 (offset " + (98304 + 3 * 512 + 400) + ") is 9, not 0", "salvaged, CRC was wrong"));
        all.add(new Damage("a bad checksum and a root in another file's blocks: not salvaged",
                t -> t.image.putLong(t.layout.inodeOffset(2) + InodeFormat.MAP_ROOT, t.dataB[0]), allBut("c"), Set.of("c"),
                Map.of(), List.of("inode 2 at offset", "checksum mismatch", "its fields are plausible, but its block map (root ",
                        "validates under no height with blocks no other file reaches", "('c' by the damaged record, 20480 bytes)"
                        + " is lost")));
        all.add(damage("a block owned twice (a later file points at an earlier file's block)",
                t -> t.image.putLong(t.layout.blockOffset(t.nodeB) + 8, t.blockA), allBut("b"),
                "file 'b' (inode 1): 1 block(s) an earlier file also reaches copied", "slot 1"));
        all.add(damage("an earlier file points at a later file's block",
                t -> t.image.putLong(t.layout.blockOffset(t.nodeB) + 8, t.dataC[3]), allBut("b"),
                "file 'c' (inode 2): 1 block(s) an earlier file also reaches copied"));
        all.add(damage("an earlier file's root is a later file's block",
                t -> t.image.editInode(t.layout, 0, InodeFormat.MAP_ROOT, t.dataC[0]), allBut("a"),
                "file 'c' (inode 2): 1 block(s) an earlier file also reaches copied", "1 shared block(s) copied into free"
                        + " blocks (original -> copy): "));
        all.add(damage("a later file's root is an earlier file's node (the copy's children shared too)",
                t -> t.image.editInode(t.layout, 2, InodeFormat.MAP_ROOT, t.nodeB), allBut("c"),
                "file 'c' (inode 2): 4 block(s) an earlier file also reaches copied", "counts 4 block(s) (it said 6)"));
        all.add(damage("an owned block marked free", t -> t.image.markBlock(t.layout, t.blockA, false), allBut(),
                "allocation bitmap rebuilt from what the files reach: 1 bit(s) of blocks in use set"));
        all.add(damage("free blocks marked in use", t -> t.image.putLong(t.layout.bitmapWordOffset(t.layout.blockCount() - 1), -1L),
                allBut(), "64 bit(s) of blocks nothing reaches"));
        all.add(damage("bits past the last block",
                t -> t.image.putLong(t.layout.bitmapOffset() + t.layout.bitmapBytes() - 8, 1), allBut(), "1 bit(s) of blocks nothing"));
        all.add(damage("a pointer out of range", t -> t.image.putLong(t.layout.blockOffset(t.nodeB), 1L << 40), allBut("b"),
                "file 'b' (inode 1): 1 pointer(s) outside the data blocks cleared (first: block-map node", "slot 0",
                "points to block " + (1L << 40), "its inode now counts 3 block(s) (it said 4)"));
        all.add(damage("pages past the size", t -> t.image.editInode(t.layout, 1, InodeFormat.FILE_SIZE, 4096), allBut("b"),
                "2 block(s) mapping pages at or past the file's size cleared (first: page 1 has block",
                "counts 2 block(s) (it said 4)"));
        all.add(damage("an empty node", t -> {
            for (int slot = 0; slot < 3; slot++) {
                t.image.putLong(t.layout.blockOffset(t.nodeB) + slot * 8L, 0);
                t.image.markBlock(t.layout, t.dataB[slot], false);
            }
        }, allBut("b"), "1 empty block-map node(s) removed", "counts 0 block(s) (it said 4), and no block-map root"));
        all.add(damage("a wrong allocated count", t -> t.image.editInode(t.layout, 1, InodeFormat.ALLOCATED_BLOCKS, 5),
                allBut(), "file 'b' (inode 1): its inode now counts 4 block(s) (it said 5)"));
        all.add(new Damage("duplicate names", t -> t.image.editInode(t.layout, 1, InodeFormat.NAME, 'a'), allBut(),
                Set.of(), Map.of("b", "a~1"), List.of("inodes 0 and 1 both held the name 'a': inode 1 renamed 'a~1', and inode 0 keeps the name: check that 'a'")));
        all.add(damage("a map that points at itself", t -> {
            for (int slot = 0; slot < t.layout.pointersPerBlock(); slot++) {
                t.image.putLong(t.layout.blockOffset(t.rootD) + slot * 8L, t.rootD);
            }
        }, allBut("d"), "512 pointer(s) to a block the file had reached before cleared", "empty block-map node(s) removed",
                "no block-map root"));
        all.add(damage("a free slot holding data", t -> {
            byte[] record = new byte[InodeFormat.SIZE];
            ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN).putLong(InodeFormat.GENERATION, 7).putLong(InodeFormat.FILE_SIZE, 1);
            t.image.putInode(t.layout, 10, record);
        }, allBut(), "inode 10 at offset", "free slot holds data at byte 16", "rewritten as a free slot"));
        all.add(damage("a free slot with a negative generation", t -> {
            byte[] record = new byte[InodeFormat.SIZE];
            ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN).putLong(InodeFormat.GENERATION, -1);
            t.image.putInode(t.layout, 11, record);
        }, allBut(), "free slot with negative generation -1: rewritten as a free slot"));
        all.add(damage("a damaged primary superblock, and a bitmap bit", t -> {
            t.image.putLong(Layout.PRIMARY_SUPERBLOCK, 0);
            t.image.markBlock(t.layout, t.blockA, false);
        }, allBut(), "primary superblock at offset 0: no daxstore magic number: rewritten from the secondary"));
        all.add(damage("a damaged secondary superblock, and a bitmap bit", t -> {
            t.image.putLong(Layout.SECONDARY_SUPERBLOCK + 24, 3);
            t.image.markBlock(t.layout, t.blockA, false);
        }, allBut(), "secondary superblock at offset 4096: checksum mismatch", "rewritten from the primary"));
        all.add(damage("a reserved byte of the journal header set (not under its checksum)", t -> {
            t.crashedCopyWithFileE();
            t.undoTheLastApply();
            t.image.write(Layout.JOURNAL_OFFSET + 40, new byte[] {5});
        }, allBut(), "reserved header byte at offset " + (Layout.JOURNAL_OFFSET + 40) + " is 5, not 0",
                "reserved header bytes [8220, 8256) were not zero: zeroed", "replayed, as the next open would"));
        all.add(damage("a primary resealed with another inode count", t -> {
            Superblock good = t.image.superblock();
            t.image.write(Layout.PRIMARY_SUPERBLOCK, new Superblock(good.blockShift(), good.blockCount(), 512,
                    good.journalBytes(), good.uuid(), good.createdMillis(), good.clean()).encode());
        }, allBut(), "the primary rewritten from the secondary, because the image breaks 0 rule(s) under its layout"));
        all.add(damage("a primary resealed with another block count", t -> {
            Superblock good = t.image.superblock();
            t.image.write(Layout.PRIMARY_SUPERBLOCK, new Superblock(good.blockShift(), good.blockCount() - 64,
                    good.inodeCount(), good.journalBytes(), good.uuid(), good.createdMillis(), good.clean()).encode());
        }, allBut(), "the primary rewritten from the secondary, because its layout matches the container's"));
        all.add(damage("both superblocks resealed with a block count that cuts off files' blocks", t -> {
            Superblock good = t.image.superblock();
            byte[] wrong = new Superblock(good.blockShift(), 40, good.inodeCount(), good.journalBytes(), good.uuid(),
                    good.createdMillis(), good.clean()).encode();
            t.image.write(Layout.PRIMARY_SUPERBLOCK, wrong);
            t.image.write(Layout.SECONDARY_SUPERBLOCK, wrong);
        }, allBut(), "both superblocks say", "blockCount=40", "rule(s) and the length rule, but the"
                + " image keeps every rule under 1024 blocks of 4096 bytes", "both rewritten with it"));
        all.add(damage("both superblocks resealed with another block size, the same container size", t -> {
            Superblock good = t.image.superblock();
            byte[] wrong = new Superblock(good.blockShift() + 1, good.blockCount() / 2, good.inodeCount(), good.journalBytes(),
                    good.uuid(), good.createdMillis(), good.clean()).encode();
            t.image.write(Layout.PRIMARY_SUPERBLOCK, wrong);
            t.image.write(Layout.SECONDARY_SUPERBLOCK, wrong);
        }, allBut(), "both superblocks say", "blockShift=13", "the image keeps every rule under 1024 blocks of 4096 bytes",
                "both rewritten with it"));
        all.add(damage("superblocks that differ in their UUID only", t -> {
            Superblock good = t.image.superblock();
            t.image.write(Layout.SECONDARY_SUPERBLOCK, new Superblock(good.blockShift(), good.blockCount(),
                    good.inodeCount(), good.journalBytes(), new java.util.UUID(1, 2), good.createdMillis(), good.clean()).encode());
        }, allBut(), "the secondary rewritten from the primary", "(a tie: the primary is what an open uses)"));
        all.add(damage("a container one block short", t -> t.image.truncate(t.layout.containerSize() - 4096), allBut(),
                "the container was " + (4194304 - 4096) + " bytes, 4096 fewer than the 4194304 its superblock describes:"
                        + " extended with zeros (blocks from 1023 on read as zeros)"));
        all.add(damage("a container one block long", t -> t.image.write(t.layout.containerSize(), new byte[4096]), allBut(),
                "4096 more than the 4194304 its superblock describes: cut to 4194304"));
        all.add(new Damage("a container cut inside a file's blocks",
                t -> t.image.truncate(t.layout.blockOffset(t.dataC[4]) + 100), allBut("c", "d"), Set.of(), Map.of(),
                List.of("extended with zeros", "file 'c' (inode 2): 1 block(s) that lay past the container's old end kept,"
                        + " reading as zeros now", "file 'd' (inode 3): 1 empty block-map node(s) removed")));
        all.add(new Damage("a container cut inside its secondary superblock",
                t -> t.image.truncate(Layout.SECONDARY_SUPERBLOCK + 100), allBut("a", "b", "c", "d"), Set.copyOf(FILES),
                Map.of(), List.of("extended with zeros", "secondary superblock at offset 4096", "rewritten from the primary")));
        all.add(damage("a journal record naming a word outside the metadata", t -> {
            ByteBuffer record = ByteBuffer.allocate(JournalFormat.HEADER_BYTES + JournalFormat.ENTRY_BYTES)
                    .order(ByteOrder.LITTLE_ENDIAN);
            record.putLong(JournalFormat.MAGIC_AT, JournalFormat.MAGIC).putLong(JournalFormat.SEQUENCE_AT, 99)
                    .putLong(JournalFormat.COUNT_AT, 1).putLong(JournalFormat.HEADER_BYTES + JournalFormat.ENTRY_OFFSET_AT, 64);
            record.putInt(JournalFormat.CRC_AT, JournalFormat.checksum(new CRC32C(), record.array(), 1));
            t.image.write(Layout.JOURNAL_OFFSET, record.array());
        }, allBut(), "journal record #99, entry 0", "names offset 64, which is no metadata word: the record discarded"));
        all.add(damage("a clean store whose last journal record would change a word of a file's data", t -> {
            ByteBuffer record = ByteBuffer.allocate(JournalFormat.HEADER_BYTES + JournalFormat.ENTRY_BYTES)
                    .order(ByteOrder.LITTLE_ENDIAN);
            long word = t.layout.blockOffset(t.dataB[1]);
            record.putLong(JournalFormat.MAGIC_AT, JournalFormat.MAGIC).putLong(JournalFormat.SEQUENCE_AT, 99)
                    .putLong(JournalFormat.COUNT_AT, 1).putLong(JournalFormat.HEADER_BYTES + JournalFormat.ENTRY_OFFSET_AT, word)
                    .putLong(JournalFormat.HEADER_BYTES + JournalFormat.ENTRY_VALUE_AT, ~t.image.getLong(word));
            record.putInt(JournalFormat.CRC_AT, JournalFormat.checksum(new CRC32C(), record.array(), 1));
            t.image.write(Layout.JOURNAL_OFFSET, record.array());
        }, allBut(), "the store was closed cleanly, but 1 of the 1 words of journal record #99 differ from the image",
                "the record discarded and the image kept"));
        all.add(damage("a clean store whose last journal record is not in the image (a damaged bitmap word)", t -> {
            long blockE = t.crashedCopyWithFileE();
            t.image.markBlock(t.layout, blockE, false);
            t.image.setClean(true);
        }, allBut(), "the store was closed cleanly, but 1 of the", "words of journal record #",
                "the record discarded and the image kept", "1 bit(s) of blocks in use set"));
        all.add(new Damage("a crashed store with its last record not applied, and a bad inode besides", t -> {
            t.crashedCopyWithFileE();
            t.undoTheLastApply();
            t.image.putLong(t.layout.inodeOffset(0) + InodeFormat.FILE_SIZE, HUGE);
        }, Set.of("b", "c", "d", "e"), Set.of("a"), Map.of(), List.of("replayed, as the next open would: 5 of its 5 words", "the transaction a crash interrupted",
                "('a' by the damaged record, " + HUGE + " bytes) is lost")));
        return all;
    }

    /**
     * Replaces the image with a copy taken while a store was open, after it created file "e"
     * and wrote one byte: not closed cleanly, its last journal record that write. Returns e's block.
     */
    long crashedCopyWithFileE() throws IOException {
        Path crashed = newPath();
        Volume volume = Volume.open(path, VolumeOptions.forExisting(), Volume.OpenMode.EXISTING);
        try {
            FileNode e = new Namespace(volume).create("e");
            inodeE = e.inode;
            recordEBeforeWrite = image.read(layout.inodeOffset(inodeE), InodeFormat.SIZE);
            new FileData(volume).write(e, 0, new byte[] {7}, 0, 1);
            blockE = e.mapRoot();
            Files.copy(path, crashed, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            volume.close();
        }
        Files.copy(crashed, path, StandardCopyOption.REPLACE_EXISTING);
        contents.put("e", new byte[] {7});
        return blockE;
    }

    int inodeE;
    long blockE;
    byte[] recordEBeforeWrite;

    /**
     * Takes back, in the crashed copy, what the apply of its last transaction (the write to e)
     * wrote in place: e's inode record and its block's bitmap bit as they were before. A crash
     * after the commit point and before the apply leaves this; only the replay of the record
     * gives e its byte back.
     */
    void undoTheLastApply() throws IOException {
        image.write(layout.inodeOffset(inodeE), recordEBeforeWrite);
        image.markBlock(layout, blockE, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damages")
    void eachKindOfDamageIsRepaired(Damage damage) throws IOException {
        damage.edit().apply(this);
        assertEquals(FsckReport.Status.INCONSISTENT, Fsck.check(path).status(), "the damage is a finding");
        // fsck and open agree: what fsck calls inconsistent, open refuses, and leaves as it was.
        byte[] damaged = Files.readAllBytes(path);
        org.junit.jupiter.api.Assertions.assertThrows(org.daxstore.CorruptStoreException.class, () -> DaxStore.open(path).close(),
                "open accepted an image fsck finds inconsistent");
        assertArrayEquals(damaged, Files.readAllBytes(path), "a refused open leaves the image as it was");
        RepairReport report = Fsck.repair(path);
        assertEquals(RepairReport.Status.REPAIRED, report.status(), report.toString());
        assertEquals(3, report.exitCode());
        for (String fragment : damage.saying()) {
            assertTrue(report.toString().contains(fragment), "expected '" + fragment + "' in:\n" + report);
        }
        assertTrue(report.toString().endsWith("fsck: " + path + ": repaired (" + report.fixes().size()
                + " fix(es)), now clean: " + report.after().summary().substring(path.toString().length() + 9)), report.toString());
        assertRepairedAndIdempotent(damage.untouched(), damage.lost(), damage.renamed());
    }

    /**
     * The container checks clean, a second repair writes nothing, the store opens and passes its
     * online check, holds the files expected, and the untouched ones read back exactly.
     */
    void assertRepairedAndIdempotent(Set<String> untouched, Set<String> lost, Map<String, String> renamed)
            throws IOException {
        assertEquals(FsckReport.Status.CLEAN, Fsck.check(path).status(), Fsck.check(path).toString());
        byte[] repaired = Files.readAllBytes(path);
        RepairReport again = Fsck.repair(path);
        assertEquals(RepairReport.Status.CLEAN, again.status(), again.toString());
        assertTrue(again.fixes().isEmpty());
        assertTrue(again.toString().endsWith("; nothing to repair"), again.toString());
        assertArrayEquals(repaired, Files.readAllBytes(path), "a second repair changes nothing");
        try (DaxStore store = DaxStore.open(path)) {
            assertTrue(store.check().isConsistent(), store.check().toString());
            Set<String> expected = new TreeSet<>();
            for (String name : contents.keySet()) {
                if (!lost.contains(name)) {
                    expected.add(renamed.getOrDefault(name, name));
                }
            }
            assertEquals(List.copyOf(expected), store.list());
            for (String name : untouched) {
                assertArrayEquals(contents.get(name), readAll(store, renamed.getOrDefault(name, name)),
                        "file " + name + " was not damaged and keeps every byte");
            }
            for (String name : store.list()) {
                readAll(store, name);
            }
        }
    }

    /** Clean, and clean with a torn journal record after a crash (which fsck notes and an open ignores): untouched. */
    @Test
    void aCleanContainerIsLeftUntouched() throws IOException {
        assertLeftUntouched();
        image.putLong(Layout.JOURNAL_OFFSET + JournalFormat.HEADER_BYTES, 8);
        image.setClean(false);
        assertLeftUntouched();
    }

    private void assertLeftUntouched() throws IOException {
        byte[] before = Files.readAllBytes(path);
        long modified = Files.getLastModifiedTime(path).toMillis();
        RepairReport report = Fsck.repair(path);
        assertEquals(RepairReport.Status.CLEAN, report.status(), report.toString());
        assertEquals(0, report.exitCode());
        assertArrayEquals(before, Files.readAllBytes(path));
        assertEquals(modified, Files.getLastModifiedTime(path).toMillis());
    }

    /** Not a container, or both superblocks damaged: unusable, and not a byte (nor the mtime) changes. */
    @Test
    void whatCannotBeIdentifiedIsNeverWritten() throws IOException {
        byte[] built = Files.readAllBytes(path);
        image.putLong(Layout.PRIMARY_SUPERBLOCK + 24, 3);
        image.putLong(Layout.SECONDARY_SUPERBLOCK + 24, 3);
        assertUnusableAndUntouched("both superblocks are damaged: ");
        Files.write(path, built);
        image.truncate(100);
        assertUnusableAndUntouched("both superblocks are damaged: ");
        byte[] noise = new byte[1 << 16];
        new Random(5).nextBytes(noise);
        Files.write(path, noise);
        assertUnusableAndUntouched("not a daxstore container (65536 bytes");
        image.truncate(0);
        assertUnusableAndUntouched("not a daxstore container (0 bytes");
        Files.delete(path);
        RepairReport missing = Fsck.repair(path);
        assertEquals(RepairReport.Status.UNUSABLE, missing.status());
        assertTrue(missing.toString().contains("no such file"), missing.toString());
    }

    private void assertUnusableAndUntouched(String fragment) throws IOException {
        byte[] before = Files.readAllBytes(path);
        long modified = Files.getLastModifiedTime(path).toMillis();
        RepairReport report = Fsck.repair(path);
        assertEquals(RepairReport.Status.UNUSABLE, report.status(), report.toString());
        assertEquals(2, report.exitCode());
        assertTrue(report.toString().contains(fragment) && report.toString().endsWith("; nothing written"), report.toString());
        assertArrayEquals(before, Files.readAllBytes(path));
        assertEquals(modified, Files.getLastModifiedTime(path).toMillis());
    }

    /**
     * Damage of every kind the repair has a step for, at once: a crash's last record not applied (e's
     * bitmap word the image lacks), a lost inode, a file whose root is another file's node (so it
     * gets copies of the node and its blocks) while that file's own fixes change the node (its size
     * shrank: two of its pages go), a pointer out of range, two files of one name, a bitmap marking
     * free blocks in use, a damaged primary superblock, a free slot holding data.
     */
    private void damageEverything() throws IOException {
        crashedCopyWithFileE();
        undoTheLastApply();
        image.putLong(layout.inodeOffset(0) + InodeFormat.FILE_SIZE, HUGE);
        image.editInode(layout, 2, InodeFormat.MAP_ROOT, nodeB);
        image.editInode(layout, 1, InodeFormat.FILE_SIZE, 4096);
        image.putLong(layout.blockOffset(nodeB) + 5 * 8, 1L << 40);
        image.editInode(layout, 1, InodeFormat.NAME, 'd');
        image.putLong(layout.bitmapWordOffset(layout.blockCount() - 1), -1L);
        byte[] record = new byte[InodeFormat.SIZE];
        ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN).putLong(InodeFormat.GENERATION, 7).putLong(InodeFormat.FILE_SIZE, 1);
        image.putInode(layout, 10, record);
        image.putLong(Layout.PRIMARY_SUPERBLOCK, 0);
    }

    private static final Set<String> UNTOUCHED_BY_EVERYTHING = Set.of("d", "e");
    private static final Map<String, String> RENAMED_BY_EVERYTHING = Map.of("b", "d", "d", "d~3");

    /** Every file of the store at {@link #path} and its bytes. */
    private Map<String, byte[]> files() {
        Map<String, byte[]> files = new HashMap<>();
        try (DaxStore store = DaxStore.open(path)) {
            for (String name : store.list()) {
                files.put(name, readAll(store, name));
            }
        }
        return files;
    }

    @Test
    void damageOfEveryKindAtOnceIsRepaired() throws IOException {
        damageEverything();
        RepairReport report = Fsck.repair(path);
        assertEquals(RepairReport.Status.REPAIRED, report.status(), report.toString());
        for (String fragment : List.of("replayed, as the next open would", "('a' by the damaged record, " + HUGE + " bytes) is lost",
                "file 'c' (inode 2): 2 block(s) an earlier file also reaches copied", "file 'd' (inode 1): 1 pointer(s) outside",
                "file 'c' (inode 2): 1 pointer(s) outside", "file 'd' (inode 1): 2 block(s) mapping pages at or past",
                "inodes 1 and 3 both held the name 'd': inode 3 renamed 'd~3'", "inode 10 at offset",
                "primary superblock at offset 0: no daxstore magic number: rewritten from the secondary", "allocation bitmap")) {
            assertTrue(report.toString().contains(fragment), "expected '" + fragment + "' in:\n" + report);
        }
        assertRepairedAndIdempotent(UNTOUCHED_BY_EVERYTHING, Set.of("a"), RENAMED_BY_EVERYTHING);
        Map<String, byte[]> files = files();
        assertArrayEquals(Arrays.copyOf(contents.get("b"), 5 * 4096), files.get("c"),
                "c reads b's three pages, then zeros, as before");
        assertArrayEquals(Arrays.copyOf(contents.get("b"), 4096), files.get("d"), "b, now named d, keeps its first page");
    }

    /** Thrown by the medium of a repair stopped at a chosen fence. */
    private static final class CutShort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CutShort() {
            super("the repair was stopped here", null, false, false);
        }
    }

    /**
     * A repair stopped at each of its fences in turn, as a kill (the file keeps every store made
     * before the stop) and as a power failure (it keeps what the fences before made durable):
     * the next repair finishes the job, to the same end.
     */
    @Test
    void aRepairCutShortAtAnyFenceIsFinishedByTheNext() throws IOException {
        damageEverything();
        byte[] damaged = Files.readAllBytes(path);
        assertEquals(RepairReport.Status.REPAIRED, Fsck.repair(path).status());
        Map<String, byte[]> whole = files();
        int stopAt = 1;
        for (; ; stopAt++) {
            Files.write(path, damaged);
            int stop = stopAt;
            int[] fences = {0};
            byte[][] durable = {null};
            try {
                Repair.run(path, org.daxstore.media.MediumSelector.Choice.AUTO, medium -> {
                    RecordingMedium recording = new RecordingMedium(medium);
                    recording.setListener(m -> {
                        if (++fences[0] == stop) {
                            durable[0] = m.durableImage().clone();
                            throw new CutShort();
                        }
                    });
                    return recording;
                });
                break;
            } catch (CutShort expected) {
                // stopped at fence number stopAt
            }
            finishAndCompare("killed at fence " + stopAt, whole);
            Files.write(path, durable[0]);
            finishAndCompare("power lost at fence " + stopAt, whole);
        }
        assertTrue(stopAt > 10, "the repair ran through " + (stopAt - 1) + " fences");
    }

    /** Repairs again; the store must end as the repair that was never stopped left it, file for file, byte for byte. */
    private void finishAndCompare(String when, Map<String, byte[]> whole) throws IOException {
        RepairReport rerun = Fsck.repair(path);
        assertTrue(rerun.status() == RepairReport.Status.REPAIRED || rerun.status() == RepairReport.Status.CLEAN,
                when + ": " + rerun);
        try {
            assertRepairedAndIdempotent(UNTOUCHED_BY_EVERYTHING, Set.of("a"), RENAMED_BY_EVERYTHING);
            Map<String, byte[]> files = files();
            assertEquals(new TreeSet<>(whole.keySet()), new TreeSet<>(files.keySet()));
            for (String name : whole.keySet()) {
                assertArrayEquals(whole.get(name), files.get(name), "file " + name);
            }
        } catch (AssertionError e) {
            throw new AssertionError(when + ", then repaired again: " + rerun + "\n" + e.getMessage(), e);
        }
    }

    /**
     * A shared block is copied only where a free block is left: in a full store, the later
     * file's pointer is cleared instead, and the report says why.
     */
    @Test
    void aSharedBlockIsClearedWhenNoBlockIsFreeForACopy() throws IOException {
        try (DaxStore store = DaxStore.open(path)) {
            try (DaxFile fill = store.create("fill")) {
                while (store.info().freeBlocks() > 0) {
                    fill.allocate(fill.size(), 4096);
                }
            } catch (org.daxstore.StoreFullException e) {
                // a page whose map needed a node as well: as full as the store gets
            }
            assertEquals(0, store.info().freeBlocks());
            contents.put("fill", readAll(store, "fill"));
        }
        long nodeD0 = image.getLong(layout.blockOffset(rootD));
        image.putLong(layout.blockOffset(nodeD0) + 8, blockA);
        RepairReport report = Fsck.repair(path);
        assertEquals(RepairReport.Status.REPAIRED, report.status(), report.toString());
        assertTrue(report.toString().contains("file 'd' (inode 3): 1 pointer(s) to blocks an earlier file reaches cleared,"
                + " with no free block left to copy them to (first: block-map node " + nodeD0 + " slot 1"), report.toString());
        assertRepairedAndIdempotent(Set.of("a", "b", "c", "d", "fill"), Set.of(), Map.of());
    }

    /** A store open in another process makes the repair "in use", as it makes fsck; nothing is written. */
    @Test
    void aStoreOpenInAnotherProcessIsNotRepaired() throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                org.daxstore.HoldOpenInAnotherProcess.class.getName(), path.toString()));
        Process holder = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            assertEquals("open", out.readLine());
            // The holder has written what an open writes; from here until it closes the bytes stay put.
            byte[] before = Files.readAllBytes(path);
            RepairReport report = Fsck.repair(path);
            assertEquals(RepairReport.Status.UNUSABLE, report.status(), report.toString());
            assertTrue(report.toString().endsWith("unusable: in use: a running store holds its lock; nothing written"),
                    report.toString());
            assertArrayEquals(before, Files.readAllBytes(path), "a repair refused as in use wrote the image");
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
        // Damaged after the holder closed it (open refuses a damaged image), the same image is repaired.
        image.markBlock(layout, blockA, false);
        assertEquals(RepairReport.Status.REPAIRED, Fsck.repair(path).status());
    }

    /** Repair takes the container's lock: a store open in this JVM makes it "in use", and it stays open and working. */
    @Test
    void aStoreOpenInThisJvmIsNotRepaired() throws IOException {
        try (DaxStore store = DaxStore.open(path)) {
            RepairReport report = Fsck.repair(path);
            assertEquals(RepairReport.Status.UNUSABLE, report.status());
            assertTrue(report.toString().contains("in use: a store in this JVM has it open"), report.toString());
            store.create("after").close();
        }
        assertEquals(FsckReport.Status.CLEAN, Fsck.check(path).status());
    }
}
