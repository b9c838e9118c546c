package org.daxstore.nativebridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * libpmem on a tmpfs file, in this JVM. Skipped, with the reason, where libpmem is absent or
 * disabled; {@link PmemAbsentTest} covers that case and {@link PmemChildTest} the environment
 * libpmem reads when it loads.
 */
class PmemTest {
    private static final int MIB = 1 << 20;

    private Path path;
    private PmemMapping mapping;

    @BeforeEach
    void mapAFile() throws IOException {
        assumeTrue(Pmem.isAvailable(), () -> "libpmem is unavailable: " + Pmem.unavailableReason());
        path = Files.createTempFile(Path.of("/dev/shm"), "pmem-test-", ".bin");
        try (NativeFile file = new NativeFile(path)) {
            file.posixFallocate(0, 4 * MIB); // backed, so no store below can meet an unbacked page
        }
        mapping = Pmem.mapFile(path);
    }

    @AfterEach
    void unmapAndDelete() throws IOException {
        if (mapping != null) {
            mapping.close();
        }
        if (path != null) {
            Files.deleteIfExists(path);
        }
    }

    @Test
    void versionNamesTheReleaseApiAndFile() {
        String version = Pmem.version();
        assertTrue(version.startsWith("libpmem ") && version.contains("API 1.") && version.contains(Pmem.LIBRARY),
                version);
    }

    @Test
    void mapsTheWholeFileAndTmpfsIsNotPmem() {
        assertEquals(4 * MIB, mapping.length());
        assertEquals(path.toString(), mapping.path());
        assumeTrue(System.getenv("PMEM_IS_PMEM_FORCE") == null, "PMEM_IS_PMEM_FORCE is set for this JVM");
        assertFalse(mapping.isPmem(), mapping.toString());
        assertFalse(Pmem.isPmem(mapping.address(), mapping.length()));
    }

    @Test
    void storesPersistedEachWayReachTheFile() throws IOException {
        long a = mapping.address();
        RawMemory.putLong(a, 11);
        Pmem.persist(a, Long.BYTES);
        RawMemory.putLong(a + MIB, 22);
        RawMemory.putLong(a + 2 * MIB + 64, 33);
        Pmem.flush(a + MIB, Long.BYTES);
        Pmem.flush(a + 2 * MIB + 64, Long.BYTES);
        Pmem.drain();
        RawMemory.putLong(a + 3 * MIB + 4000, 44); // crosses no page; msync widens to the page itself
        Pmem.msync(a + 3 * MIB + 4000, Long.BYTES);

        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            assertEquals(11, readLong(channel, 0));
            assertEquals(22, readLong(channel, MIB));
            assertEquals(33, readLong(channel, 2 * MIB + 64));
            assertEquals(44, readLong(channel, 3 * MIB + 4000));
        }
    }

    @Test
    void memcpyPersistCopiesAndMemsetPersistFills() throws IOException {
        int length = 100_000; // large enough for libpmem's non-temporal path
        long source = RawMemory.allocate(length);
        byte[] expected = new byte[length];
        try {
            for (int i = 0; i + Long.BYTES <= length; i += Long.BYTES) {
                RawMemory.putLong(source + i, 0x0101010101010101L * (i / Long.BYTES % 251));
            }
            for (int i = 0; i < length; i++) {
                expected[i] = RawMemory.getByte(source + i);
            }
            Pmem.memcpyPersist(mapping.address() + 3, source, length);
        } finally {
            RawMemory.free(source);
        }
        Pmem.memsetPersist(mapping.address() + MIB + 1, 0xAB, 5000);

        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            assertArrayEquals(expected, read(channel, 3, length));
            byte[] filled = new byte[5000];
            Arrays.fill(filled, (byte) 0xAB);
            assertArrayEquals(filled, read(channel, MIB + 1, 5000));
            assertArrayEquals(new byte[2], read(channel, MIB - 1, 2), "memset wrote nothing before its range");
            assertArrayEquals(new byte[1], read(channel, MIB + 5001, 1), "memset wrote nothing after its range");
        }
    }

    @Test
    void createSparseMakesAFileOfTheLengthAndAllocatesNothing() throws IOException {
        Path created = path.resolveSibling(path.getFileName() + ".created");
        try (PmemMapping made = Pmem.mapFile(created, 2 * MIB, Pmem.FILE_CREATE | Pmem.FILE_EXCL | Pmem.FILE_SPARSE,
                0600)) {
            assertEquals(2 * MIB, made.length());
            assertEquals(2 * MIB, Files.size(created));
            assertEquals(0, LibC.statx(created.toString()).allocatedBytes());
            NativeCallException exists = assertThrows(NativeCallException.class,
                    () -> Pmem.mapFile(created, 2 * MIB, Pmem.FILE_CREATE | Pmem.FILE_EXCL, 0600));
            assertEquals(17, exists.errno(), exists.getMessage()); // EEXIST
            assertTrue(exists.getMessage().contains("flags=CREATE|EXCL, mode=0600"), exists.getMessage());
        } finally {
            Files.deleteIfExists(created);
        }
    }

    @Test
    void aMissingFileFailsWithEnoentThePathAndLibpmemsWords() {
        Path missing = path.resolveSibling(path.getFileName() + ".missing");
        NativeCallException e = assertThrows(NativeCallException.class, () -> Pmem.mapFile(missing));
        assertEquals(LibC.ENOENT, e.errno());
        assertEquals(missing.toString(), e.path());
        assertEquals("pmem_map_file(length=0, flags=0)", e.call());
        assertTrue(e.detail().startsWith("libpmem: ") && e.detail().contains(missing.toString()), e.detail());
        assertTrue(e.getMessage().startsWith("pmem_map_file(length=0, flags=0) on " + missing
                + " failed: errno 2 (ENOENT: No such file or directory); libpmem: "), e.getMessage());
    }

    @Test
    void anEmptyFileOrALengthWithoutCreateFailsWithEinval() throws IOException {
        Path empty = path.resolveSibling(path.getFileName() + ".empty");
        Files.createFile(empty);
        try {
            assertEquals(LibC.EINVAL, assertThrows(NativeCallException.class, () -> Pmem.mapFile(empty)).errno());
            NativeCallException e = assertThrows(NativeCallException.class, () -> Pmem.mapFile(path, 4096, 0, 0));
            assertEquals(LibC.EINVAL, e.errno());
            assertTrue(e.detail().contains("PMEM_FILE_CREATE"), e.detail());
        } finally {
            Files.delete(empty);
        }
    }

    @Test
    void msyncOfUnmappedMemoryFailsWithEnomem() {
        long page = LibC.pageSize();
        long hole = LibC.reserveAddressSpace(page);
        LibC.munmap(hole, page);
        NativeCallException e = assertThrows(NativeCallException.class, () -> Pmem.msync(hole, page));
        assertEquals(12, e.errno()); // ENOMEM: no mapping there
        assertEquals("pmem_msync(address=0x" + Long.toHexString(hole) + ", length=" + page + ")", e.call());
    }

    @Test
    void negativeLengthsAreRefusedBeforeLibpmem() {
        long a = mapping.address();
        assertNegativeLengthRefused("pmem_persist", () -> Pmem.persist(a, -1));
        assertNegativeLengthRefused("pmem_flush", () -> Pmem.flush(a, -1));
        assertNegativeLengthRefused("pmem_msync", () -> Pmem.msync(a, -1));
        assertNegativeLengthRefused("pmem_is_pmem", () -> Pmem.isPmem(a, -1));
        assertNegativeLengthRefused("pmem_memcpy_persist", () -> Pmem.memcpyPersist(a, a + MIB, -1));
        assertNegativeLengthRefused("pmem_memset_persist", () -> Pmem.memsetPersist(a, 0, -1));
        assertNegativeLengthRefused("pmem_unmap", () -> Pmem.unmap(a, -1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pmem.mapFile(path, -5, Pmem.FILE_CREATE, 0600));
        assertEquals("pmem_map_file(length=-5, flags=CREATE, mode=0600) on " + path + ": negative length -5",
                e.getMessage());
    }

    @Test
    void closeUnmapsOnce() {
        mapping.close();
        mapping.close();
        assertTrue(mapping.toString().endsWith(", closed]"), mapping.toString());
    }

    private static void assertNegativeLengthRefused(String call, Runnable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        assertEquals(call + ": negative length -1", e.getMessage());
    }

    private static long readLong(FileChannel channel, long position) throws IOException {
        return ByteBuffer.wrap(read(channel, position, Long.BYTES)).order(ByteOrder.nativeOrder()).getLong();
    }

    private static byte[] read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) > 0) {
            // a read may return fewer bytes than asked
        }
        return buffer.array();
    }
}
