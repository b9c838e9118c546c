package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DaxStoreTest {
    private Path path;
    private DaxStore store;

    @BeforeEach
    void open() {
        path = TempStores.newContainerPath("api-");
        store = DaxStore.open(path, StoreOptions.capacity(16 << 20));
    }

    @AfterEach
    void close() {
        store.close();
        TempStores.delete(path);
    }

    @Test
    void writtenBytesReadBackAndSurviveReopen() {
        byte[] hello = "hello, persistent memory".getBytes(StandardCharsets.UTF_8);
        try (DaxFile file = store.create("greeting")) {
            file.write(5000, hello);
            assertEquals(5000 + hello.length, file.size());
        }
        store.close();
        store = DaxStore.open(path);
        assertTrue(store.wasCleanlyClosed());
        try (DaxFile file = store.openFile("greeting")) {
            byte[] back = new byte[hello.length];
            assertEquals(hello.length, file.read(5000, back));
            assertArrayEquals(hello, back);
            byte[] hole = new byte[5000];
            hole[17] = 1;
            assertEquals(5000, file.read(0, hole));
            assertArrayEquals(new byte[5000], hole);
        }
    }

    /** open(Path, MediumChoice) maps an existing store on the medium given, whatever the property says, and creates none. */
    @Test
    void openWithAMediumUsesThatMediumAndCreatesNothing() {
        store.close();
        String before = System.getProperty(MediumChoice.PROPERTY);
        System.setProperty(MediumChoice.PROPERTY, "pmem");
        try {
            store = DaxStore.open(path, MediumChoice.MAPPED);
            assertTrue(store.info().medium().startsWith("mapped"), store.info().medium());
            Path missing = path.resolveSibling(path.getFileName() + "-missing");
            assertThrows(StoreIOException.class, () -> DaxStore.open(missing, MediumChoice.MAPPED));
            assertFalse(java.nio.file.Files.exists(missing), "an open of an existing store created " + missing);
        } finally {
            if (before == null) {
                System.clearProperty(MediumChoice.PROPERTY);
            } else {
                System.setProperty(MediumChoice.PROPERTY, before);
            }
        }
    }

    @Test
    void readsAtOrPastTheEndReturnMinusOneAndShortReadsStopAtTheEnd() {
        try (DaxFile file = store.create("short")) {
            file.write(0, new byte[] {1, 2, 3});
            byte[] buffer = new byte[10];
            assertEquals(3, file.read(0, buffer));
            assertEquals(-1, file.read(3, buffer));
            assertEquals(-1, file.read(1 << 20, buffer));
            assertEquals(0, file.read(1, buffer, 0, 0));
        }
    }

    @Test
    void byteBuffersWorkLikeArrays() {
        try (DaxFile file = store.create("buffers")) {
            ByteBuffer direct = ByteBuffer.allocateDirect(6000);
            for (int i = 0; i < 6000; i++) {
                direct.put(i, (byte) i);
            }
            file.write(100, direct);
            assertEquals(6000, direct.position());
            ByteBuffer heap = ByteBuffer.allocate(6000);
            assertEquals(6000, file.read(100, heap));
            direct.flip();
            heap.flip();
            assertEquals(direct, heap);
        }
    }

    @Test
    void namespaceOperations() {
        store.create("b").close();
        store.create("a").close();
        assertEquals(List.of("a", "b"), store.list());
        assertThrows(DaxFileExistsException.class, () -> store.create("a"));
        store.rename("a", "c");
        assertEquals(List.of("b", "c"), store.list());
        assertThrows(DaxFileExistsException.class, () -> store.rename("b", "c"));
        assertThrows(NoSuchDaxFileException.class, () -> store.rename("a", "d"));
        store.delete("b");
        assertFalse(store.exists("b"));
        assertThrows(NoSuchDaxFileException.class, () -> store.delete("b"));
        assertThrows(NoSuchDaxFileException.class, () -> store.openFile("b"));
        assertEquals(1, store.info().files());
    }

    @Test
    void badNamesAreRefusedWithTheReason() {
        assertTrue(assertThrows(InvalidNameException.class, () -> store.create("")).getMessage().contains("empty"));
        assertThrows(InvalidNameException.class, () -> store.create("a/b"));
        assertThrows(InvalidNameException.class, () -> store.create("nul\0"));
        String longName = "x".repeat(256);
        assertTrue(assertThrows(InvalidNameException.class, () -> store.create(longName)).getMessage().contains("256"));
        store.create("é".repeat(127)).close();
    }

    @Test
    void handlesFailOnceClosedOrDeleted() {
        DaxFile file = store.create("f");
        DaxFile other = store.openFile("f");
        file.close();
        assertThrows(ClosedException.class, () -> file.write(0, new byte[1]));
        store.delete("f");
        NoSuchDaxFileException deleted = assertThrows(NoSuchDaxFileException.class, () -> other.read(0, new byte[1]));
        assertTrue(deleted.getMessage().contains("'f'"), deleted.getMessage());
        store.create("f").close();
        assertThrows(NoSuchDaxFileException.class, () -> other.size());
    }

    @Test
    void everythingFailsOnceTheStoreIsClosed() {
        DaxFile file = store.create("f");
        store.close();
        assertThrows(ClosedException.class, () -> file.write(0, new byte[1]));
        assertThrows(ClosedException.class, () -> store.create("g"));
        assertThrows(ClosedException.class, () -> store.list());
        store.close();
    }

    @Test
    void badOffsetsAndLengthsAreRefused() {
        try (DaxFile file = store.create("f")) {
            assertThrows(IllegalArgumentException.class, () -> file.write(-1, new byte[1]));
            assertThrows(IllegalArgumentException.class, () -> file.read(-1, new byte[1]));
            assertThrows(IllegalArgumentException.class, () -> file.truncate(-1));
            assertThrows(IllegalArgumentException.class, () -> file.punchHole(0, -1));
            assertThrows(IllegalArgumentException.class, () -> file.write(Long.MAX_VALUE - 1, new byte[4]));
            assertThrows(IndexOutOfBoundsException.class, () -> file.write(0, new byte[4], 2, 4));
        }
    }

    @Test
    void statReportsSizeAndAllocation() {
        try (DaxFile file = store.create("f")) {
            file.truncate(1 << 20);
            FileStat sparse = file.stat();
            assertEquals(1 << 20, sparse.size());
            assertEquals(0, sparse.allocatedBytes());
            file.write(0, new byte[1]);
            assertEquals(4096, file.stat().allocatedBytes(), "one data block, no map node at height 0");
            file.write(8192, new byte[1]);
            assertEquals(3 * 4096, file.stat().allocatedBytes(), "two data blocks and a map node");
        }
    }

    @Test
    void formatOptionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> StoreOptions.capacity(0));
        assertThrows(IllegalArgumentException.class, () -> StoreOptions.capacity(1 << 20).withBlockSize(3000));
        Path tiny = TempStores.newContainerPath("tiny-");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DaxStore.open(tiny, StoreOptions.capacity(64 << 10)));
            assertTrue(e.getMessage().contains("below the minimum"), e.getMessage());
        } finally {
            TempStores.delete(tiny);
        }
    }
}
