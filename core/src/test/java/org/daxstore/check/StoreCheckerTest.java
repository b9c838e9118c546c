package org.daxstore.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.daxstore.TempStores;
import org.daxstore.fs.FileData;
import org.daxstore.fs.FileNode;
import org.daxstore.fs.Namespace;
import org.daxstore.fs.RuleReport;
import org.daxstore.fs.Volume;
import org.daxstore.fs.VolumeOptions;
import org.daxstore.media.Memory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The checker must catch each broken rule: otherwise the exerciser's accounting proves nothing. */
class StoreCheckerTest {
    private Path path;
    private Volume volume;
    private FileNode a;
    private FileNode b;

    @BeforeEach
    void setUp() {
        path = TempStores.newContainerPath("checker-");
        volume = Volume.open(path, VolumeOptions.capacity(8 << 20), Volume.OpenMode.NEW);
        Namespace namespace = new Namespace(volume);
        FileData data = new FileData(volume);
        a = namespace.create("a");
        b = namespace.create("b");
        data.write(a, 0, new byte[] {1}, 0, 1);
        data.write(b, 0, new byte[8192], 0, 8192);
    }

    @AfterEach
    void tearDown() {
        volume.close();
        TempStores.delete(path);
    }

    private RuleReport check() {
        return volume.locked(() -> StoreChecker.check(volume));
    }

    private void poke(long offset, long value) {
        Memory.putLong(volume.medium().address(offset), value);
    }

    @Test
    void aConsistentStorePasses() {
        RuleReport report = check();
        assertTrue(report.isConsistent(), report.toString());
    }

    @Test
    void aBlockOwnedByTwoFilesIsCaught() {
        long nodeOfB = volume.layout().blockOffset(b.mapRoot());
        poke(nodeOfB + 8, a.mapRoot());
        RuleReport report = check();
        assertFalse(report.isConsistent());
        assertTrue(report.toString().contains("already in use (invariant 1)"), report.toString());
    }

    @Test
    void aBlockMarkedFreeButOwnedIsCaught() {
        long block = a.mapRoot();
        long word = volume.layout().bitmapWordOffset(block);
        poke(word, Memory.getLong(volume.medium().address(word)) & ~(1L << (block & 63)));
        RuleReport report = check();
        assertTrue(report.toString().contains("block " + block + " is marked free"), report.toString());
    }

    @Test
    void aPointerOutsideTheDataRegionIsCaught() {
        poke(volume.layout().blockOffset(b.mapRoot()), 1);
        RuleReport report = check();
        assertTrue(report.toString().contains("outside the data blocks"), report.toString());
    }

    @Test
    void aCorruptInodeIsCaught() {
        long inode = volume.layout().inodeOffset(a.inode);
        poke(inode + 16, 12345);
        RuleReport report = check();
        assertTrue(report.toString().contains("checksum mismatch"), report.toString());
    }
}
