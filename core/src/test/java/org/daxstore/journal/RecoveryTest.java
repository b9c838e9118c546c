package org.daxstore.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.daxstore.CorruptStoreException;
import org.daxstore.format.JournalFormat;
import org.daxstore.format.Layout;
import org.daxstore.media.HeapMedium;
import org.daxstore.media.Memory;
import org.daxstore.media.RecordingMedium;
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
        new Journal(medium, layout, 41).commit(writes, offsets.length);
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

    @Test
    void slotsOfABlockTheReplayedBitmapMarksFreeAreNotWritten() {
        long freeNodeSlot = layout.blockOffset(dataBlock);
        long usedNodeSlot = layout.blockOffset(layout.firstDataBlock());
        long usedBit = 1L << (layout.firstDataBlock() & 63);
        PendingWrites writes = new PendingWrites();
        writes.put(bitmapWord, usedBit);
        writes.put(usedNodeSlot, 7);
        writes.put(freeNodeSlot, 9);
        new Journal(medium, layout, 0).commit(writes, 3);
        Recovery.recover(medium, layout, "test");
        assertEquals(usedBit, word(bitmapWord));
        assertEquals(7, word(usedNodeSlot));
        assertEquals(0, word(freeNodeSlot));
    }

    @Test
    void theCommitIsOneFlushOfTheRecordAndOneFence() {
        RecordingMedium recording = new RecordingMedium(medium);
        PendingWrites writes = new PendingWrites();
        writes.put(inodeWord, 5);
        new Journal(recording, layout, 0).commit(writes, 1);
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
