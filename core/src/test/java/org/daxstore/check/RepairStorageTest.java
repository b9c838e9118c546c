package org.daxstore.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.daxstore.DaxFile;
import org.daxstore.DaxStore;
import org.daxstore.StoreFullException;
import org.daxstore.TempStores;
import org.daxstore.format.Layout;
import org.daxstore.fs.FileData;
import org.daxstore.fs.FileNode;
import org.daxstore.fs.Namespace;
import org.daxstore.fs.Volume;
import org.daxstore.fs.VolumeOptions;
import org.daxstore.nativebridge.LibC;
import org.daxstore.nativebridge.NativeFile;
import org.daxstore.testing.InUseHoles;
import org.daxstore.testing.SmallTmpfs;
import org.junit.jupiter.api.Test;

/**
 * The repair backs what it keeps and never loads or stores through a mapping of a hole: a
 * repaired truncation has no hole under a block in use, and a shared block that is a hole is
 * copied by positional reads, a full file system being {@link StoreFullException}, never SIGBUS.
 */
class RepairStorageTest {
    private static final VolumeOptions OPTIONS = VolumeOptions.capacity(4 << 20).withMaxFiles(64);
    private static final int PAGE = 4096;

    /** Builds files "a" (one block, its root) and "b" (three pages under one node) at {@code path}; returns {blockA, nodeB}. */
    private static long[] build(Path path) {
        Volume volume = Volume.open(path, OPTIONS, Volume.OpenMode.NEW);
        try {
            Namespace namespace = new Namespace(volume);
            FileData data = new FileData(volume);
            FileNode a = namespace.create("a");
            data.write(a, 0, filled(PAGE, 1), 0, PAGE);
            FileNode b = namespace.create("b");
            data.write(b, 0, filled(3 * PAGE, 2), 0, 3 * PAGE);
            return new long[] {a.mapRoot(), b.mapRoot()};
        } finally {
            volume.close();
        }
    }

    /**
     * A truncated container keeps its lost tail as a hole after a repair extends it; the blocks
     * files still reach there must be backed before the repair (or a store) writes them.
     */
    @Test
    void aRepairedTruncationLeavesNoHoleUnderABlockInUse() throws Exception {
        assumeTrue(LibC.isAvailable(), "finding holes needs the native bridge: " + LibC.unavailableReason());
        Path path = TempStores.newContainerPath("repair-storage-");
        try {
            Volume volume = Volume.open(path, OPTIONS, Volume.OpenMode.NEW);
            Layout layout = volume.layout();
            try {
                Namespace namespace = new Namespace(volume);
                FileData data = new FileData(volume);
                FileNode big = namespace.create("big");
                long pages = layout.dataBlockCount() - 4; // with its three map nodes, all but the last block
                data.write(big, 0, filled((int) (pages * PAGE), 3), 0, (int) (pages * PAGE));
            } finally {
                volume.close();
            }
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                channel.truncate(layout.containerSize() - 16 * PAGE);
            }
            RepairReport report = Fsck.repair(path);
            assertEquals(RepairReport.Status.REPAIRED, report.status(), report.toString());
            assertEquals(List.of(), InUseHoles.of(path, layout), "holes under blocks in use after the repair");
            try (DaxStore store = DaxStore.open(path); DaxFile file = store.openFile("big")) {
                file.write(file.size() - 8, new byte[8]);
            }
        } finally {
            TempStores.delete(path);
        }
    }

    /**
     * A block two files share, punched out of the container, on a full tmpfs: the repair must
     * back the shared block it keeps, finds no room, and says so with StoreFullException. Before
     * the fix it copied the original by a load through the mapping (the copy's target was
     * backed already: the allocator backs free blocks ahead in runs): SIGBUS, an InternalError.
     * With room, a second repair finishes.
     */
    @Test
    void copyingASharedHoleOnAFullFileSystemIsStoreFullExceptionNotSigbus() throws Exception {
        assumeTrue(LibC.isAvailable(), "punching needs the native bridge: " + LibC.unavailableReason());
        try (SmallTmpfs mount = SmallTmpfs.mount("8m")) {
            Path path = mount.resolve("shared.dax");
            long[] blocks = build(path);
            long blockA = blocks[0];
            long nodeB = blocks[1];
            Layout layout = layoutOf(path);
            ImageFile image = new ImageFile(path);
            image.putLong(layout.blockOffset(nodeB) + 8, blockA); // b's page 1 is now a's block
            try (NativeFile file = new NativeFile(path)) {
                file.punchHole(layout.blockOffset(blockA), layout.blockSize());
            }
            Path filler = mount.fill("filler", 0);

            StoreFullException e = assertThrows(StoreFullException.class, () -> Fsck.repair(path));
            assertTrue(e.getMessage().contains(path.toString()), e.getMessage());

            Files.delete(filler);
            RepairReport report = Fsck.repair(path);
            assertEquals(RepairReport.Status.REPAIRED, report.status(), report.toString());
            assertEquals(List.of(), InUseHoles.of(path, layout));
            try (DaxStore store = DaxStore.open(path)) {
                assertArrayEquals(new byte[PAGE], read(store, "a"), "a's punched block reads as zeros");
                byte[] b = read(store, "b");
                assertArrayEquals(new byte[PAGE], java.util.Arrays.copyOfRange(b, PAGE, 2 * PAGE),
                        "b's copy of the shared hole reads as zeros");
                assertArrayEquals(filled(PAGE, 2), java.util.Arrays.copyOfRange(b, 0, PAGE));
            }
        }
    }

    /**
     * The hostile tester's case: a container cut short, on a full tmpfs. The repair must back the
     * lost tail of file "r" it keeps, finds no room, and must then have written nothing: before
     * the fix it had already extended the file and cleared the clean flag, so the next fsck said
     * "clean" and the next repair, with room, "nothing to repair", and r's lost tail read as zeros
     * with no report of it. Now the image is byte for byte, and at the length, it was found with,
     * and a repair with room reports the lost tail.
     */
    @Test
    void aRepairThatFindsNoRoomWritesNothingAndALaterOneReportsTheLostTail() throws Exception {
        assumeTrue(LibC.isAvailable(), "finding holes needs the native bridge: " + LibC.unavailableReason());
        try (SmallTmpfs mount = SmallTmpfs.mount("8m")) {
            Path path = mount.resolve("cut.dax");
            int cut = 2_000_000;
            Volume volume = Volume.open(path, OPTIONS, Volume.OpenMode.NEW);
            Layout layout = volume.layout();
            try {
                byte[] bytes = new byte[cut];
                new java.util.Random(11).nextBytes(bytes);
                FileNode r = new Namespace(volume).create("r");
                new FileData(volume).write(r, 0, bytes, 0, bytes.length);
            } finally {
                volume.close();
            }
            ImageFile image = new ImageFile(path);
            long lostFrom = cut >>> layout.blockShift(); // the block the cut runs through, and every one after it
            long lostInUse = 0;
            for (long block = lostFrom; block < layout.blockCount(); block++) {
                lostInUse += image.getLong(layout.bitmapWordOffset(block)) >>> (block & 63) & 1;
            }
            assertTrue(lostInUse > 0, "r must have blocks past the cut: " + lostInUse);
            image.truncate(cut);
            Path filler = mount.fill("filler", 0);
            String found = sha256(path);

            StoreFullException e = assertThrows(StoreFullException.class, () -> Fsck.repair(path));
            assertTrue(e.getMessage().contains(path.toString()) && e.getMessage().contains("ENOSPC"), e.getMessage());
            assertEquals(cut, Files.size(path), "the container's length after the failed repair");
            assertEquals(found, sha256(path), "the container's bytes after the failed repair");
            assertEquals(FsckReport.Status.INCONSISTENT, Fsck.check(path).status());

            Files.delete(filler);
            RepairReport report = Fsck.repair(path);
            assertEquals(RepairReport.Status.REPAIRED, report.status(), report.toString());
            assertTrue(report.toString().contains("file 'r' (inode 0): " + lostInUse
                    + " block(s) that lay past the container's old end kept, reading as zeros now"), report.toString());
            assertEquals(List.of(), InUseHoles.of(path, layout), "holes under blocks in use after the repair");
        }
    }

    private static String sha256(Path path) throws Exception {
        return java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path)));
    }

    private static Layout layoutOf(Path path) throws IOException {
        byte[] superblock = new ImageFile(path).read(Layout.PRIMARY_SUPERBLOCK, org.daxstore.format.Superblock.BYTES);
        return org.daxstore.format.Superblock.decode(superblock, path.toString()).layout();
    }

    private static byte[] read(DaxStore store, String name) {
        try (DaxFile file = store.openFile(name)) {
            byte[] bytes = new byte[(int) file.size()];
            file.read(0, bytes);
            return bytes;
        }
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
