package org.daxstore.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.daxstore.CorruptStoreException;
import org.daxstore.DaxFile;
import org.daxstore.DaxStore;
import org.daxstore.StoreOptions;
import org.daxstore.TempStores;
import org.daxstore.format.Layout;
import org.daxstore.format.Superblock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The superblock's cases of "open and fsck agree": a field FORMAT.md fixes (the clean flag, 0 or
 * 1; the reserved bytes, 0) is refused by both with its offset named; one damaged copy is what
 * the other copy is for, so open uses the valid one and rewrites both, and fsck says so in a note
 * (clean, as for a pending journal replay); two valid copies that disagree are refused by open
 * and reported by fsck, since only the repair asks the image which is right. The other damage
 * kinds are in {@link RepairTest}'s catalogue, where each asserts that open refuses what fsck
 * finds inconsistent, and in the fuzzer's oracle ({@code exercise/fuzz/ImageFuzzer}).
 */
class OpenFsckAgreementTest {
    private Path path;
    private ImageFile image;
    private Superblock good;

    @BeforeEach
    void build() throws IOException {
        path = TempStores.newContainerPath("agree-");
        try (DaxStore store = DaxStore.create(path, StoreOptions.capacity(4 << 20).withMaxFiles(16));
             DaxFile file = store.create("f")) {
            file.write(0, new byte[] {42});
        }
        image = new ImageFile(path);
        good = image.superblock();
    }

    @AfterEach
    void delete() {
        TempStores.delete(path);
    }

    /** The copy at {@code offset} with the 32-bit word at {@code field} set to {@code value}, resealed. */
    private void resealWith(long offset, int field, int value) throws IOException {
        byte[] copy = good.encode();
        java.nio.ByteBuffer.wrap(copy).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(field, value);
        java.nio.ByteBuffer.wrap(copy).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putInt(Superblock.BYTES - 4, org.daxstore.format.Checksums.crc32c(copy, 0, Superblock.BYTES - 4));
        image.write(offset, copy);
    }

    @Test
    void aCleanFlagOtherThanZeroOrOneIsRefusedInEitherCopy() throws IOException {
        for (int flag : new int[] {2, 7, -1}) {
            resealWith(Layout.PRIMARY_SUPERBLOCK, 64, flag);
            resealWith(Layout.SECONDARY_SUPERBLOCK, 64, flag);
            String expected = "the clean flag (offset 64 of the copy) is " + flag + ", not 0 or 1";
            CorruptStoreException refused = assertThrows(CorruptStoreException.class, () -> DaxStore.open(path).close());
            assertTrue(refused.getMessage().contains("primary superblock at offset 0: " + expected), refused.getMessage());
            FsckReport report = Fsck.check(path);
            assertEquals(FsckReport.Status.UNUSABLE, report.status(), report.toString());
            assertTrue(report.toString().contains(expected), report.toString());
            oneBadCopyOpensAndIsRewritten(Layout.PRIMARY_SUPERBLOCK, 64, flag, expected);
        }
    }

    @Test
    void aReservedByteIsRefusedInEitherCopy() throws IOException {
        resealWith(Layout.PRIMARY_SUPERBLOCK, 200, 1 << 8);
        resealWith(Layout.SECONDARY_SUPERBLOCK, 200, 1 << 8);
        assertThrows(CorruptStoreException.class, () -> DaxStore.open(path).close());
        FsckReport report = Fsck.check(path);
        assertEquals(FsckReport.Status.UNUSABLE, report.status(), report.toString());
        assertTrue(report.toString().contains("reserved byte 201 of the copy is 1, not 0"), report.toString());
        oneBadCopyOpensAndIsRewritten(Layout.SECONDARY_SUPERBLOCK, 200, 1 << 8, "reserved byte 201 of the copy is 1, not 0");
    }

    /** Only the copy at {@code offset} damaged: fsck finds it clean with a note, open uses the other and rewrites it. */
    private void oneBadCopyOpensAndIsRewritten(long offset, int field, int value, String expected) throws IOException {
        image.write(Layout.PRIMARY_SUPERBLOCK, good.encode());
        image.write(Layout.SECONDARY_SUPERBLOCK, good.encode());
        resealWith(offset, field, value);
        FsckReport report = Fsck.check(path);
        assertEquals(FsckReport.Status.CLEAN, report.status(), report.toString());
        assertTrue(report.toString().contains("note: " + path + ": " + (offset == 0 ? "primary" : "secondary")
                + " superblock at offset " + offset + ": " + expected) && report.toString().contains("the next open"),
                report.toString());
        try (DaxStore store = DaxStore.open(path)) {
            assertEquals(java.util.List.of("f"), store.list());
        }
        assertEquals(good, image.superblock());
        assertEquals(good, Superblock.decode(image.read(Layout.SECONDARY_SUPERBLOCK, Superblock.BYTES), "secondary"));
        assertEquals(FsckReport.Status.CLEAN, Fsck.check(path).status());
        assertTrue(Fsck.check(path).notes().stream().noneMatch(note -> note.contains("superblock")), Fsck.check(path).toString());
    }

    @Test
    void twoValidCopiesThatDisagreeAreRefusedByOpenAndReportedByFsck() throws IOException {
        image.write(Layout.SECONDARY_SUPERBLOCK, new Superblock(good.blockShift(), good.blockCount(), good.inodeCount(),
                good.journalBytes(), new java.util.UUID(1, 2), good.createdMillis(), good.clean()).encode());
        CorruptStoreException refused = assertThrows(CorruptStoreException.class, () -> DaxStore.open(path).close());
        assertTrue(refused.getMessage().contains("but the secondary says") && refused.getMessage().contains("fsck --repair"),
                refused.getMessage());
        assertEquals(FsckReport.Status.INCONSISTENT, Fsck.check(path).status());
        assertEquals(RepairReport.Status.REPAIRED, Fsck.repair(path).status());
        try (DaxStore store = DaxStore.open(path)) {
            assertEquals(java.util.List.of("f"), store.list());
        }
    }
}
