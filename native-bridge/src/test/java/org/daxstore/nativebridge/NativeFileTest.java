package org.daxstore.nativebridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NativeFileTest {
    private static final int MIB = 1 << 20;

    private Path path;

    @BeforeEach
    void createFile() throws IOException {
        assumeTrue(LibC.isAvailable(), () -> "the native bridge is unavailable: " + LibC.unavailableReason());
        path = Files.createTempFile(Path.of("/dev/shm"), "native-file-test-", ".bin");
    }

    @AfterEach
    void deleteFile() throws IOException {
        if (path != null) {
            Files.deleteIfExists(path);
        }
    }

    @Test
    void posixFallocateBacksTheRange() throws IOException {
        try (NativeFile file = new NativeFile(path)) {
            assertEquals(path, file.path());
            assertEquals(0, file.allocatedBytes());
            file.posixFallocate(0, 4 * MIB);
            assertEquals(4 * MIB, file.allocatedBytes());
            assertEquals(4 * MIB, Files.size(path));
        }
    }

    @Test
    void punchHoleFreesStorageKeepsTheSizeAndReadsAsZeros() throws IOException {
        try (NativeFile file = new NativeFile(path);
                FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(filled(4 * MIB, (byte) 9)), 0);
            assertEquals(4 * MIB, file.allocatedBytes());

            file.punchHole(MIB, 2 * MIB);

            assertEquals(2 * MIB, file.allocatedBytes());
            assertEquals(4 * MIB, channel.size());
            ByteBuffer contents = ByteBuffer.allocate(4 * MIB);
            channel.read(contents, 0);
            byte[] bytes = contents.array();
            assertArrayEquals(filled(MIB, (byte) 9), Arrays.copyOfRange(bytes, 0, MIB));
            assertArrayEquals(new byte[2 * MIB], Arrays.copyOfRange(bytes, MIB, 3 * MIB));
            assertArrayEquals(filled(MIB, (byte) 9), Arrays.copyOfRange(bytes, 3 * MIB, 4 * MIB));
        }
    }

    /** SEEK_DATA and SEEK_HOLE find the extents of a file with holes, and answer -1 past them. */
    @Test
    void nextDataAndNextHoleWalkTheExtents() throws IOException {
        try (NativeFile file = new NativeFile(path);
                FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            assertEquals(-1, file.nextData(0), "an empty file holds no data");
            assertEquals(-1, file.nextHole(0), "offset 0 is the end of an empty file");
            channel.write(ByteBuffer.wrap(filled(4 * MIB, (byte) 9)), 0);
            file.punchHole(MIB, MIB);
            file.punchHole(3 * MIB, MIB);
            assertEquals(0, file.nextData(0));
            assertEquals(MIB, file.nextHole(0));
            assertEquals(2 * MIB, file.nextData(MIB));
            assertEquals(3 * MIB, file.nextHole(2 * MIB));
            assertEquals(-1, file.nextData(3 * MIB), "the last MiB is a hole up to the end");
            assertEquals(3 * MIB, file.nextHole(3 * MIB));
            assertEquals(-1, file.nextHole(4 * MIB), "past the end");
        }
    }

    @Test
    void aNegativeLengthFailsWithEinvalNamingTheCallAndPath() {
        try (NativeFile file = new NativeFile(path)) {
            NativeCallException e = assertThrows(NativeCallException.class, () -> file.punchHole(0, -1));
            assertEquals(22, e.errno());
            assertEquals(path.toString(), e.path());
            assertEquals("fallocate(PUNCH_HOLE|KEEP_SIZE, offset=0, length=-1) on " + path
                    + " failed: errno 22 (EINVAL: Invalid argument)", e.getMessage());
        }
    }

    @Test
    void refusesCallsAfterCloseAndClosesOnce() {
        NativeFile file = new NativeFile(path);
        file.close();
        file.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, file::allocatedBytes);
        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
        assertThrows(IllegalStateException.class, () -> file.posixFallocate(0, 4096));
        assertThrows(IllegalStateException.class, () -> file.fallocate(0, 0, 4096));
        assertThrows(IllegalStateException.class, () -> file.punchHole(0, 4096));
        assertThrows(IllegalStateException.class, () -> file.nextData(0));
        assertThrows(IllegalStateException.class, () -> file.nextHole(0));
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
