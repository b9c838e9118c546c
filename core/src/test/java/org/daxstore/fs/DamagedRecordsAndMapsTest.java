package org.daxstore.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.daxstore.CorruptStoreException;
import org.daxstore.StoreOptions;
import org.daxstore.TempStores;
import org.daxstore.format.Checksums;
import org.daxstore.format.InodeFormat;
import org.daxstore.format.Layout;
import org.daxstore.media.Memory;
import org.daxstore.testing.Layouts;
import org.junit.jupiter.api.Test;

/** Regressions for damage that used to get past the checks of inode records and block maps. */
class DamagedRecordsAndMapsTest {
    private static final Layout LAYOUT = Layouts.of(StoreOptions.capacity(1 << 20).withMaxFiles(16));

    private static byte[] freeRecord(long generation) {
        byte[] record = new byte[InodeFormat.SIZE];
        ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN).putLong(InodeFormat.GENERATION, generation);
        return seal(record);
    }

    private static byte[] seal(byte[] record) {
        ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN).putInt(InodeFormat.CRC, Checksums.crc32c(record, 0, InodeFormat.CRC));
        return record;
    }

    @Test
    void aFreedRecordHoldsOnlyItsGeneration() {
        assertNull(InodeRecord.decode(freeRecord(7), 3, LAYOUT));
        byte[] stale = freeRecord(7);
        stale[InodeFormat.FILE_SIZE] = 1;
        CorruptStoreException e = assertThrows(CorruptStoreException.class, () -> InodeRecord.decode(seal(stale), 3, LAYOUT));
        assertTrue(e.getMessage().contains("inode 3 at offset " + LAYOUT.inodeOffset(3) + ": free slot holds data at byte 16"),
                e.getMessage());
    }

    /**
     * Found reviewing what the image fuzzer reaches: a free slot whose generation was -1 (or 2^63 - 1) under a good checksum
     * gave the next file created there generation 0 (or a negative one), a record the next open
     * refused. A free slot's generation must not be negative, and the count wraps to 1.
     */
    @Test
    void generationsStayPositive() {
        CorruptStoreException e = assertThrows(CorruptStoreException.class, () -> InodeRecord.decode(freeRecord(-1), 2, LAYOUT));
        assertTrue(e.getMessage().contains("negative generation -1"), e.getMessage());
        assertEquals(1, InodeRecord.nextGeneration(Long.MAX_VALUE));
        assertEquals(8, InodeRecord.nextGeneration(7));
    }

    /**
     * Found reviewing what the image fuzzer reaches: a block-map root whose slots all point back at the root makes a map of
     * height 4 look like 512^4 blocks. Walking it for {@code force} took hours; the walk now
     * stops, typed, once it has reached more blocks than the store has.
     */
    @Test
    void aMapThatPointsAtItselfFailsForceInsteadOfHanging() throws Exception {
        Path path = TempStores.newContainerPath("cycle-");
        Volume volume = Volume.open(path, VolumeOptions.capacity(1 << 20).withMaxFiles(16), Volume.OpenMode.NEW);
        boolean walkEnded = false;
        try {
            FileData data = new FileData(volume);
            FileNode file = new Namespace(volume).create("f");
            data.write(file, 1L << 39, new byte[] {1}, 0, 1);
            assertEquals(4, file.mapHeight());
            long root = file.mapRoot();
            for (int slot = 0; slot < volume.layout().pointersPerBlock(); slot++) {
                Memory.putLong(volume.medium().address(volume.layout().blockOffset(root) + slot * 8L), root);
            }
            // A daemon thread, not assertTimeoutPreemptively: if the walk hangs, the store must stay
            // mapped under it (closing it would unmap the memory the walk reads and crash the JVM).
            FutureTask<Throwable> force = new FutureTask<>(() -> {
                try {
                    data.force(file);
                    return null;
                } catch (Throwable e) {
                    return e;
                }
            });
            Thread walker = new Thread(force, "force-walker");
            walker.setDaemon(true);
            walker.start();
            Throwable thrown;
            try {
                thrown = force.get(10, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("force still walks the map after 10 s");
            }
            walkEnded = true;
            assertTrue(thrown instanceof CorruptStoreException, String.valueOf(thrown));
            assertTrue(thrown.getMessage().contains("file 'f' (inode 0): its block map reaches more blocks than the"),
                    thrown.getMessage());
        } finally {
            if (walkEnded) {
                volume.close();
                TempStores.delete(path);
            }
        }
    }
}
