package org.daxstore.nativebridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

class LibCTest {
    private static final int MIB = 1 << 20;
    private Path path;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(LibC.isAvailable(), "the native bridge is unavailable: " + LibC.unavailableReason());
        path = Files.createTempFile(Path.of("/dev/shm"), "libc-", ".bin");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (path != null) {
            Files.deleteIfExists(path);
        }
    }

    @Test
    void preallocateBacksAndPunchReturnsStorageKeepingTheSize() throws Exception {
        try (NativeFile file = new NativeFile(path)) {
            assertEquals(0, file.allocatedBytes());
            file.posixFallocate(0, 4 * MIB);
            assertEquals(4 * MIB, file.size());
            assertTrue(file.allocatedBytes() >= 4 * MIB, "allocated " + file.allocatedBytes());
            Files.write(path, filled(4 * MIB, (byte) 9), StandardOpenOption.WRITE);
            file.punchHole(MIB, 2 * MIB);
            assertEquals(4 * MIB, file.size(), "KEEP_SIZE");
            assertTrue(file.allocatedBytes() <= 2 * MIB, "allocated after punch " + file.allocatedBytes());
            byte[] contents = Files.readAllBytes(path);
            assertArrayEquals(new byte[2 * MIB], Arrays.copyOfRange(contents, MIB, 3 * MIB));
            assertArrayEquals(filled(MIB, (byte) 9), Arrays.copyOfRange(contents, 0, MIB));
        }
    }

    @Test
    void failuresNameTheCallThePathAndErrno() {
        try (NativeFile file = new NativeFile(path)) {
            NativeCallException e = assertThrows(NativeCallException.class, () -> file.punchHole(0, -1));
            assertEquals(22, e.errno());
            assertTrue(e.getMessage().contains("fallocate(PUNCH_HOLE|KEEP_SIZE, offset=0, length=-1)"), e.getMessage());
            assertTrue(e.getMessage().contains(path.toString()) && e.getMessage().contains("EINVAL"), e.getMessage());
        }
        NativeCallException missing = assertThrows(NativeCallException.class,
                () -> new NativeFile(path.resolveSibling("no-such-file-" + System.nanoTime())));
        assertTrue(missing.getMessage().contains("ENOENT"), missing.getMessage());
        assertEquals(2, missing.errno());
    }

    @Test
    void statfsKnowsTmpfs() {
        LibC.StatFs fs = LibC.statfs("/dev/shm");
        assertEquals(LibC.TMPFS_MAGIC, fs.type());
        assertTrue(fs.blocks() > 0 && fs.blockSize() > 0, fs.toString());
    }

    @Test
    void msyncAndMadviseAcceptAPageOfAMapping() throws Exception {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(8192), 0);
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, 8192);
            long address = Pointer.nativeValue(Native.getDirectBufferPointer(mapped));
            assertEquals(0, address % LibC.pageSize());
            mapped.put(0, (byte) 1);
            LibC.msync(address, 4096, LibC.MS_SYNC, path.toString());
            LibC.madvise(address, 8192, LibC.MADV_WILLNEED, path.toString());
            NativeCallException e = assertThrows(NativeCallException.class,
                    () -> LibC.msync(address + 1, 4096, LibC.MS_SYNC, path.toString()));
            assertTrue(e.getMessage().contains("msync"), e.getMessage());
        }
    }

    @Test
    void aClosedFileRefusesCalls() {
        NativeFile file = new NativeFile(path);
        file.close();
        file.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, file::allocatedBytes);
        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
