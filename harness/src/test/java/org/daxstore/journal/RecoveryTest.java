package org.daxstore.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.daxstore.CorruptStoreException;
import org.daxstore.format.Checksums;
import org.daxstore.format.InodeFormat;
import org.daxstore.format.JournalFormat;
import org.daxstore.format.Layout;
import org.daxstore.harness.crash.RecordingMedium;
import org.daxstore.media.HeapMedium;
import org.daxstore.media.Memory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The redo record: written by {@link Journal}, replayed by {@link Recovery}, torn records ignored. */
class RecoveryTest {
    private final Layout layout = Layout.forCapacity(256L << 12, 12, 16);
    private HeapMedium medium;
    private long bitmapWord;
    private long inodeWord;
    private long dataBlock;

    @BeforeEach
    void setUp() {
        medium = new HeapMedium((int) layout.containerSize());
        bitmapWord = layout.bitmapWordOffset(layout.firstDataBlock());
        inodeWord = layout.inodeOffset(3) + 16;
        dataBlock = layout.firstDataBlock() + 1;
    }

    /** Writes a record naming {@code offsets} with values 1000 + i, without applying it. */
    private void writeRecord(long... offsets) {
        PendingWrites writes = new PendingWrites();
        for (int i = 0; i < offsets.length; i++) {
            writes.put(offsets[i], 1000 + i);
        }
        new Journal(medium, layout, 41).commit(writes, offsets.length, new OwedWords());
    }

    private long word(long offset) {
        return Memory.getLong(medium.address(offset));
    }

    @Test
    void aFreshJournalIsEmptyAndRecoveryChangesNothing() {
        Recovery.JournalRecord record = Recovery.recover(medium, layout, "test");
        assertEquals(Recovery.Status.EMPTY, record.status());
    }

    @Test
    void aCommittedRecordIsReplayedAndReplayingItAgainChangesNothing() {
        writeRecord(bitmapWord, inodeWord);
        Recovery.JournalRecord record = Recovery.recover(medium, layout, "test");
        assertEquals(Recovery.Status.VALID, record.status());
        assertEquals(42, record.sequence());
        assertEquals(1000, word(bitmapWord));
        assertEquals(1001, word(inodeWord));
        Recovery.recover(medium, layout, "test");
        assertEquals(1000, word(bitmapWord));
        assertEquals(1001, word(inodeWord));
    }

    @Test
    void aRecordWithAnyLineNotDurableIsTornAndIgnored() {
        long[] offsets = new long[10];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = layout.inodeOffset(0) + 8L * i;
        }
        writeRecord(offsets);
        long lastEntry = JournalFormat.entryOffset(offsets.length - 1) + JournalFormat.ENTRY_VALUE_AT;
        Memory.putLong(medium.address(lastEntry), 0);
        Recovery.JournalRecord record = Recovery.recover(medium, layout, "test");
        assertEquals(Recovery.Status.TORN, record.status(), record.detail());
        assertEquals(0, word(offsets[0]));
    }

    @Test
    void aRecordNamingAWordOutsideTheMetadataIsCorruption() {
        writeRecord(Layout.PRIMARY_SUPERBLOCK + 64);
        CorruptStoreException e = assertThrows(CorruptStoreException.class, () -> Recovery.recover(medium, layout, "img"));
        assertTrue(e.getMessage().contains("img: journal record #42, entry 0"), e.getMessage());
        assertEquals(0, word(Layout.PRIMARY_SUPERBLOCK + 64));
    }

    // ---- what replay may write into data blocks: slots of block-map nodes only ----

    /** The inode of file "f": height 1, its root node {@link #node} maps page 0 to {@link #data}. */
    private static final int FILE = 3;
    private long node;
    private long data;

    /** Lays out file "f" on the medium as a committed store would have it, and marks its blocks in use. */
    private void fileWithOneNode() {
        node = layout.firstDataBlock() + 2;
        data = layout.firstDataBlock() + 3;
        Memory.putLong(medium.address(layout.blockOffset(node)), data);
        Memory.putLong(medium.address(layout.blockOffset(data)), 0x5A5A5A5A5A5A5A5AL);
        writeInode(medium, FILE, "f", node, 1);
        setBits(medium, node, data);
    }

    private void writeInode(HeapMedium target, int inode, String name, long root, int height) {
        byte[] record = inodeRecord(name, root, height);
        Memory.copyFromHeap(record, 0, target.address(layout.inodeOffset(inode)), record.length);
    }

    private static byte[] inodeRecord(String name, long root, int height) {
        byte[] record = new byte[InodeFormat.SIZE];
        ByteBuffer view = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
        byte[] encoded = name.getBytes(StandardCharsets.UTF_8);
        view.putInt(InodeFormat.FLAGS, InodeFormat.FLAG_IN_USE).putInt(InodeFormat.NAME_LENGTH, encoded.length)
                .putLong(InodeFormat.GENERATION, 1).putLong(InodeFormat.FILE_SIZE, 4096)
                .putLong(InodeFormat.MAP_ROOT, root).putInt(InodeFormat.MAP_HEIGHT, height)
                .putLong(InodeFormat.ALLOCATED_BLOCKS, height + 1L);
        System.arraycopy(encoded, 0, record, InodeFormat.NAME, encoded.length);
        view.putInt(InodeFormat.CRC, Checksums.crc32c(record, 0, InodeFormat.CRC));
        return record;
    }

    private void setBits(HeapMedium target, long... blocks) {
        for (long block : blocks) {
            long word = layout.bitmapWordOffset(block);
            Memory.putLong(target.address(word), Memory.getLong(target.address(word)) | 1L << (block & 63));
        }
    }

    private long bitmapWithBits(long... blocks) {
        long word = word(layout.bitmapWordOffset(blocks[0]));
        for (long block : blocks) {
            word |= 1L << (block & 63);
        }
        return word;
    }

    private void commit(PendingWrites writes) {
        new Journal(medium, layout, 41).commit(writes, writes.size(), new OwedWords());
    }

    @Test
    void aWordInsideAFilesDataBlockIsRefusedAndNothingIsWritten() {
        fileWithOneNode();
        long otherInodeWord = layout.inodeOffset(FILE + 2) + InodeFormat.FILE_SIZE;
        PendingWrites writes = new PendingWrites();
        writes.put(otherInodeWord, 77);
        writes.put(layout.blockOffset(data) + 8, 0xBAD);
        commit(writes);
        CorruptStoreException e = assertThrows(CorruptStoreException.class, () -> Recovery.recover(medium, layout, "img"));
        assertTrue(e.getMessage().contains("img: journal record #42, entry 1 (container offset "
                + JournalFormat.entryOffset(1) + ") names offset " + (layout.blockOffset(data) + 8) + " in block " + data
                + ", which after the record is the data block of page 0 of file 'f' (inode 3), not a block-map node"),
                e.getMessage());
        assertEquals(0, word(layout.blockOffset(data) + 8), "the file's data is unchanged");
        assertEquals(0, word(otherInodeWord), "nothing of the record was written, not even its metadata words");
    }

    @Test
    void aWordOfALiveMapNodeIsReplayed() {
        fileWithOneNode();
        long newData = layout.firstDataBlock() + 4;
        PendingWrites writes = new PendingWrites();
        writes.put(layout.bitmapWordOffset(newData), bitmapWithBits(newData));
        writes.put(layout.blockOffset(node) + 8, newData);
        commit(writes);
        Recovery.recover(medium, layout, "test");
        assertEquals(newData, word(layout.blockOffset(node) + 8));
    }

    /** "As they are after the record": the record that grows the tree links a node that no map reached before it. */
    @Test
    void aWordOfANodeTheRecordItselfLinksIsReplayed() {
        fileWithOneNode();
        long newRoot = layout.firstDataBlock() + 5;
        byte[] grown = inodeRecord("f", newRoot, 2);
        ByteBuffer view = ByteBuffer.wrap(grown).order(ByteOrder.LITTLE_ENDIAN);
        PendingWrites writes = new PendingWrites();
        writes.put(layout.bitmapWordOffset(newRoot), bitmapWithBits(newRoot, node, data));
        writes.put(layout.blockOffset(newRoot), node);
        for (int at = 0; at < InodeFormat.SIZE; at += 8) {
            writes.put(layout.inodeOffset(FILE) + at, view.getLong(at));
        }
        commit(writes);
        Recovery.recover(medium, layout, "test");
        assertEquals(node, word(layout.blockOffset(newRoot)));
        assertEquals(newRoot, word(layout.inodeOffset(FILE) + InodeFormat.MAP_ROOT));
    }

    @Test
    void aWordInABlockInUseThatNoMapReachesIsRefused() {
        fileWithOneNode();
        long stray = layout.firstDataBlock() + 6;
        PendingWrites writes = new PendingWrites();
        writes.put(layout.bitmapWordOffset(stray), bitmapWithBits(stray));
        writes.put(layout.blockOffset(stray), 9);
        commit(writes);
        CorruptStoreException e = assertThrows(CorruptStoreException.class, () -> Recovery.recover(medium, layout, "img"));
        assertTrue(e.getMessage().contains("in block " + stray + ", which after the record is marked in use but reached"
                + " by no file's block map"), e.getMessage());
        assertEquals(0, word(layout.blockOffset(stray)));
    }

    @Test
    void aWordOfANodeTwoFilesShareIsRefused() {
        fileWithOneNode();
        writeInode(medium, FILE + 1, "g", node, 1);
        PendingWrites writes = new PendingWrites();
        writes.put(layout.blockOffset(node) + 16, data);
        commit(writes);
        CorruptStoreException e = assertThrows(CorruptStoreException.class, () -> Recovery.recover(medium, layout, "img"));
        assertTrue(e.getMessage().contains("a block-map node reached 2 times, by file 'f' (inode 3) and file 'g' (inode 4)"),
                e.getMessage());
    }

    @Test
    void slotsOfABlockTheReplayedBitmapMarksFreeAreNotWritten() {
        fileWithOneNode();
        long freeNodeSlot = layout.blockOffset(layout.firstDataBlock() + 7);
        long usedNodeSlot = layout.blockOffset(node) + 8;
        PendingWrites writes = new PendingWrites();
        writes.put(usedNodeSlot, data + 1);
        writes.put(layout.bitmapWordOffset(data + 1), bitmapWithBits(data + 1));
        writes.put(freeNodeSlot, 9);
        commit(writes);
        Recovery.recover(medium, layout, "test");
        assertEquals(data + 1, word(usedNodeSlot));
        assertEquals(0, word(freeNodeSlot));
    }

    @Test
    void theCommitIsOneFlushOfTheRecordAndOneFence() {
        RecordingMedium recording = new RecordingMedium(medium);
        PendingWrites writes = new PendingWrites();
        writes.put(inodeWord, 5);
        new Journal(recording, layout, 0).commit(writes, 1, new OwedWords());
        assertEquals(1, recording.flushCalls());
        assertEquals(1, recording.fences());
        int recordLines = (JournalFormat.HEADER_BYTES + JournalFormat.ENTRY_BYTES + 63) / 64;
        assertEquals(recordLines, recording.flushHistory().cardinality());
        assertEquals((int) (Layout.JOURNAL_OFFSET / 64), recording.flushHistory().nextSetBit(0));
        assertTrue(recording.unpersistedLines().isEmpty(), "the record is durable when commit returns");
    }

    @Test
    void aTransactionCutOffAfterItsCommitFenceIsFinishedByRecovery() {
        RecordingMedium recording = new RecordingMedium(medium);
        MetadataTransaction tx = new MetadataTransaction(recording, layout, 0);
        tx.begin();
        tx.putLong(inodeWord, 77);
        tx.putLong(bitmapWord, 1L << (layout.firstDataBlock() & 63));
        tx.commit();
        assertEquals(77, word(inodeWord));
        HeapMedium crashed = new HeapMedium((int) layout.containerSize());
        Memory.copyFromHeap(recording.durableImage(), 0, crashed.address(0), (int) layout.containerSize());
        assertEquals(0, Memory.getLong(crashed.address(inodeWord)),
                "the applied words are flushed but fenced only by the next commit");
        assertEquals(Recovery.Status.VALID, Recovery.recover(crashed, layout, "crashed").status());
        assertEquals(77, Memory.getLong(crashed.address(inodeWord)));
        assertEquals(1L << (layout.firstDataBlock() & 63), Memory.getLong(crashed.address(bitmapWord)));
    }

    @Test
    void aTransactionLargerThanTheJournalIsRefusedBeforeAnythingIsWritten() {
        MetadataTransaction tx = new MetadataTransaction(medium, layout, 0);
        tx.begin();
        long words = layout.journalCapacity() + 1;
        long base = layout.blockOffset(layout.firstDataBlock());
        for (long i = 0; i < words; i++) {
            tx.putLong(base + 8 * i, 1);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, tx::commit);
        assertTrue(e.getMessage().contains("exceeds the journal"), e.getMessage());
        assertEquals(0, word(base));
        assertEquals(Recovery.Status.EMPTY, Recovery.read(medium, layout, "test").status());
    }
}
