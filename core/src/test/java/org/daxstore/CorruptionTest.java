package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import org.daxstore.format.InodeFormat;
import org.daxstore.format.Layout;
import org.daxstore.testing.Layouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Damaged containers give a typed exception that says what and where; never a crash. */
class CorruptionTest {
    private Path path;

    @BeforeEach
    void create() {
        path = TempStores.newContainerPath("corrupt-");
        try (DaxStore store = DaxStore.open(path, StoreOptions.capacity(8 << 20)); DaxFile file = store.create("f")) {
            file.write(0, new byte[] {42});
        }
    }

    @AfterEach
    void delete() {
        TempStores.delete(path);
    }

    private void overwrite(long offset, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(bytes), offset);
        }
    }

    @Test
    void aFileOfRandomBytesIsNotAContainer() throws IOException {
        byte[] noise = new byte[1 << 20];
        new Random(1).nextBytes(noise);
        Files.write(path, noise);
        NotAContainerException e = assertThrows(NotAContainerException.class, () -> DaxStore.open(path));
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void anEmptyOrTinyFileIsNotAContainer() throws IOException {
        Files.write(path, new byte[0]);
        assertThrows(NotAContainerException.class, () -> DaxStore.open(path));
        Files.write(path, new byte[100]);
        assertThrows(NotAContainerException.class, () -> DaxStore.open(path));
    }

    @Test
    void aMissingFileIsReported() throws IOException {
        Files.delete(path);
        StoreIOException e = assertThrows(StoreIOException.class, () -> DaxStore.open(path));
        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
    }

    @Test
    void aTruncatedContainerIsCorrupt() throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(4 << 20);
        }
        CorruptStoreException e = assertThrows(CorruptStoreException.class, () -> DaxStore.open(path));
        assertTrue(e.getMessage().contains("superblock describes"), e.getMessage());
    }

    @Test
    void aDamagedPrimarySuperblockFallsBackToTheSecondary() throws IOException {
        overwrite(Layout.PRIMARY_SUPERBLOCK + 24, new byte[] {1, 2, 3});
        try (DaxStore store = DaxStore.open(path); DaxFile file = store.openFile("f")) {
            byte[] one = new byte[1];
            file.read(0, one);
            assertArrayEquals(new byte[] {42}, one);
        }
    }

    @Test
    void twoDamagedSuperblocksAreCorrupt() throws IOException {
        overwrite(Layout.PRIMARY_SUPERBLOCK + 24, new byte[] {1, 2, 3});
        overwrite(Layout.SECONDARY_SUPERBLOCK + 24, new byte[] {1, 2, 3});
        CorruptStoreException e = assertThrows(CorruptStoreException.class, () -> DaxStore.open(path));
        assertTrue(e.getMessage().contains("primary superblock at offset 0: checksum mismatch"), e.getMessage());
    }

    @Test
    void aDamagedInodeIsCorruptAndNamed() throws IOException {
        Layout layout = Layouts.of(StoreOptions.capacity(8 << 20));
        overwrite(layout.inodeOffset(0) + InodeFormat.FILE_SIZE, new byte[] {7});
        CorruptStoreException e = assertThrows(CorruptStoreException.class, () -> DaxStore.open(path));
        assertTrue(e.getMessage().contains("inode 0 at offset " + layout.inodeOffset(0)), e.getMessage());
    }

    /**
     * A wild pointer in a block map: refused at open (the image is checked before anything is
     * built from it, docs/DESIGN.md invariant 8); and if it appears while the store is open (a stray
     * write to the file, which on tmpfs reaches the store's shared mapping), the read that meets
     * it fails with a typed exception, not a JVM crash.
     */
    @Test
    void aBlockPointerOutOfRangeIsRefusedAtOpenAndFailsTheReadNotTheJvm() throws IOException {
        try (DaxStore store = DaxStore.open(path); DaxFile file = store.openFile("f")) {
            file.write(8192, new byte[] {1});
        }
        Layout layout = Layouts.of(StoreOptions.capacity(8 << 20));
        // The file has a map node now (height 1): its root is the first block allocated after
        // the original data block. Point slot 2 of that node far outside the container.
        long node = layout.firstDataBlock() + 1;
        long slot = layout.blockOffset(node) + 16;
        byte[] good = new byte[8];
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.read(ByteBuffer.wrap(good), slot);
        }
        byte[] wild = ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 40).array();
        overwrite(slot, wild);
        CorruptStoreException refused = assertThrows(CorruptStoreException.class, () -> DaxStore.open(path));
        assertTrue(refused.getMessage().contains("block-map node " + node + " slot 2 (offset " + slot
                + ") points to block " + (1L << 40) + ", outside the data blocks"), refused.getMessage());

        overwrite(slot, good);
        try (DaxStore store = DaxStore.open(path); DaxFile file = store.openFile("f")) {
            overwrite(slot, wild);
            CorruptStoreException e = assertThrows(CorruptStoreException.class, () -> file.read(8192, new byte[1]));
            assertTrue(e.getMessage().contains("outside the data blocks"), e.getMessage());
            assertTrue(!store.check().isConsistent());
            overwrite(slot, good);
        }
    }
}
