package org.daxstore.nativebridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link NativeFile#map} and friends on a tmpfs file: data goes both ways, refusals are typed. */
class MmapTest {
    private Path path;
    private long page;

    @BeforeEach
    void createFile() throws IOException {
        assumeTrue(LibC.isAvailable(), () -> "the native bridge is unavailable: " + LibC.unavailableReason());
        path = Files.createTempFile(Path.of("/dev/shm"), "mmap-test-", ".bin");
        page = LibC.pageSize();
        Files.write(path, new byte[(int) (4 * page)]);
    }

    @AfterEach
    void deleteFile() throws IOException {
        if (path != null) {
            Files.deleteIfExists(path);
        }
    }

    @Test
    void aSharedMappingAndTheFileSeeEachOthersWrites() throws IOException {
        try (NativeFile file = new NativeFile(path);
                FileMapping mapping = file.map(page, 2 * page, 0);
                FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            assertEquals(0, mapping.address() % page);
            assertEquals(2 * page, mapping.length());
            assertEquals(page, mapping.offset());
            assertFalse(mapping.isSync());

            RawMemory.putLong(mapping.address() + 8, 0x1122334455667788L);
            assertEquals(0x1122334455667788L, readLong(channel, page + 8), "a store through the mapping reaches the file");

            writeLong(channel, 2 * page + 16, 0x0102030405060708L);
            assertEquals(0x0102030405060708L, RawMemory.getLong(mapping.address() + page + 16),
                    "a write to the file shows through the mapping");
        }
    }

    @Test
    void populateMapsTheSameBytes() throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            writeLong(channel, 24, 77);
        }
        try (NativeFile file = new NativeFile(path); FileMapping mapping = file.map(0, 4 * page, LibC.MAP_POPULATE)) {
            assertEquals(77, RawMemory.getLong(mapping.address() + 24));
        }
    }

    /** tmpfs is not DAX: MAP_SYNC is refused with EOPNOTSUPP, as a value from mapSync, as a typed error from map. */
    @Test
    void mapSyncOnTmpfsIsRefusedRecognisably() {
        try (NativeFile file = new NativeFile(path)) {
            Optional<FileMapping> sync = file.mapSync(0, page, 0);
            assertTrue(sync.isEmpty(), () -> "MAP_SYNC on tmpfs gave " + sync);

            NativeCallException e = assertThrows(NativeCallException.class, () -> file.map(0, page, LibC.MAP_SYNC));
            assertTrue(e.isNotSupported(), e.getMessage());
            assertEquals(LibC.EOPNOTSUPP, e.errno());
            assertEquals(path.toString(), e.path());
            assertTrue(e.getMessage().startsWith("mmap(SHARED_VALIDATE|SYNC, prot=READ|WRITE, fd="), e.getMessage());
            assertTrue(e.getMessage().endsWith(", offset=0, length=" + page + ") on " + path
                    + " failed: errno 95 (EOPNOTSUPP: Operation not supported)"), e.getMessage());
        }
    }

    @Test
    void mapFixedPlacesTheFileInsideAReservation() throws IOException {
        long reserved = LibC.reserveAddressSpace(4 * page);
        try (NativeFile file = new NativeFile(path); FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            writeLong(channel, page, 4242);
            try (FileMapping mapping = file.mapFixed(reserved + 2 * page, page, page, 0)) {
                assertEquals(reserved + 2 * page, mapping.address());
                assertEquals(4242, RawMemory.getLong(reserved + 2 * page));
            }
        } finally {
            LibC.munmap(reserved, 4 * page);
        }
    }

    @Test
    void aMisalignedOffsetFailsWithEinvalNamingTheRangeAndPath() {
        try (NativeFile file = new NativeFile(path)) {
            NativeCallException e = assertThrows(NativeCallException.class, () -> file.map(100, page, 0));
            assertEquals(LibC.EINVAL, e.errno());
            assertEquals(path.toString(), e.path());
            assertTrue(e.getMessage().contains("offset=100, length=" + page), e.getMessage());
        }
    }

    @Test
    void aNegativeLengthIsRefusedBeforeTheKernel() {
        try (NativeFile file = new NativeFile(path)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> file.map(0, -1, 0));
            assertEquals("mmap on " + path + ": negative length -1", e.getMessage());
        }
    }

    @Test
    void flagsThatChooseTheSharingTypeAreRefused() {
        try (NativeFile file = new NativeFile(path)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> file.map(0, page, LibC.MAP_PRIVATE));
            assertTrue(e.getMessage().contains(path.toString()) && e.getMessage().contains("PRIVATE"), e.getMessage());
        }
    }

    @Test
    void aClosedFileRefusesToMapAndAClosedDescriptorFailsWithEbadf() {
        NativeFile file = new NativeFile(path);
        file.close();
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> file.map(0, page, 0));
        assertTrue(closed.getMessage().contains(path.toString()), closed.getMessage());

        int fd = LibC.open(path.toString(), LibC.O_RDWR);
        LibC.close(fd);
        NativeCallException e = assertThrows(NativeCallException.class,
                () -> LibC.mmap(0, page, LibC.PROT_READ, LibC.MAP_SHARED, fd, 0, path.toString()));
        assertEquals(LibC.EBADF, e.errno());
        assertTrue(e.getMessage().contains("fd=" + fd), e.getMessage());
    }

    @Test
    void aMappingOutlivesItsFileAndUnmapsOnce() {
        FileMapping mapping;
        try (NativeFile file = new NativeFile(path)) {
            mapping = file.map(0, page, 0);
        }
        RawMemory.putLong(mapping.address(), 5);
        assertEquals(5, RawMemory.getLong(mapping.address()));
        mapping.close();
        mapping.close();
        assertTrue(mapping.toString().endsWith(", closed]"), mapping.toString());
    }

    @Test
    void munmapOfAMisalignedAddressFailsWithEinval() {
        NativeCallException e = assertThrows(NativeCallException.class, () -> LibC.munmap(1, page));
        assertEquals(LibC.EINVAL, e.errno());
        assertEquals("munmap(address=0x1, length=" + page + ")", e.call());
    }

    private static long readLong(FileChannel channel, long position) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.nativeOrder());
        channel.read(buffer, position);
        return buffer.getLong(0);
    }

    private static void writeLong(FileChannel channel, long position, long value) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.nativeOrder()).putLong(0, value);
        channel.write(buffer, position);
    }
}
