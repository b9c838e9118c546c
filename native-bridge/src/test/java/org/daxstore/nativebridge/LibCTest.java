package org.daxstore.nativebridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileChannel.MapMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

class LibCTest {
    private static final int EBADF = 9;
    private static final int ENOENT = 2;
    private static final int EINVAL = 22;

    private Path path;

    @BeforeEach
    void createFile() throws IOException {
        assumeTrue(LibC.isAvailable(), () -> "the native bridge is unavailable: " + LibC.unavailableReason());
        path = Files.createTempFile(Path.of("/dev/shm"), "libc-test-", ".bin");
    }

    @AfterEach
    void deleteFile() throws IOException {
        if (path != null) {
            Files.deleteIfExists(path);
        }
    }

    @Test
    void openOfAMissingFileFailsWithEnoent() {
        String missing = path + ".missing";
        NativeCallException e = assertThrows(NativeCallException.class, () -> LibC.open(missing, LibC.O_RDWR));
        assertEquals(ENOENT, e.errno());
        assertEquals(missing, e.path());
        assertEquals("open(flags=2) on " + missing + " failed: errno 2 (ENOENT: No such file or directory)",
                e.getMessage());
    }

    @Test
    void fallocateThroughAReadOnlyDescriptorFailsWithEbadf() {
        int fd = LibC.open(path.toString(), LibC.O_RDONLY);
        try {
            NativeCallException e = assertThrows(NativeCallException.class,
                    () -> LibC.fallocate(fd, 0, 0, 4096, path.toString()));
            assertEquals(EBADF, e.errno());
            assertEquals("fallocate(0x0, offset=0, length=4096) on " + path
                    + " failed: errno 9 (EBADF: Bad file descriptor)", e.getMessage());
        } finally {
            LibC.close(fd);
        }
    }

    @Test
    void fstatReadsSizeAndAllocation() throws IOException {
        long page = LibC.pageSize();
        Files.write(path, new byte[(int) (2 * page + 10)]);
        int fd = LibC.open(path.toString(), LibC.O_RDONLY);
        try {
            assertEquals(2 * page + 10, LibC.fileSize(fd));
            assertEquals(3 * page, LibC.allocatedBytes(fd), "tmpfs allocates whole pages");
        } finally {
            LibC.close(fd);
        }
    }

    @Test
    void statfsRecognisesTmpfs() {
        StatFs fs = LibC.statfs("/dev/shm");
        assertEquals(LibC.TMPFS_MAGIC, fs.type());
        assertEquals(LibC.pageSize(), fs.blockSize(), "tmpfs counts in pages");
        assertTrue(fs.blocks() > 0 && fs.blocksFree() <= fs.blocks() && fs.blocksAvailable() <= fs.blocksFree(),
                fs.toString());
    }

    @Test
    void msyncAcceptsAPageAndRejectsAMisalignedAddress() throws IOException {
        long page = LibC.pageSize();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer mapped = channel.map(MapMode.READ_WRITE, 0, 2 * page);
            long address = addressOf(mapped);
            assertEquals(0, address % page);
            mapped.put(0, (byte) 1);

            LibC.msync(address, page, LibC.MS_SYNC);
            LibC.msync(address, 2 * page, LibC.MS_ASYNC);

            NativeCallException e = assertThrows(NativeCallException.class,
                    () -> LibC.msync(address + 1, page, LibC.MS_SYNC));
            assertEquals(EINVAL, e.errno());
            assertTrue(e.getMessage().startsWith("msync(address=0x" + Long.toHexString(address + 1)), e.getMessage());
        }
    }

    /** MADV_DONTNEED drops a private mapping's copied pages, so they read the file again: proof the call arrived. */
    @Test
    void madviseDontneedDiscardsPrivateChanges() throws IOException {
        long page = LibC.pageSize();
        Files.write(path, new byte[(int) page]);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer mapped = channel.map(MapMode.PRIVATE, 0, page);
            long address = addressOf(mapped);
            LibC.madvise(address, page, LibC.MADV_WILLNEED);
            mapped.put(0, (byte) 7);
            assertEquals(7, mapped.get(0));

            LibC.madvise(address, page, LibC.MADV_DONTNEED);
            assertEquals(0, mapped.get(0));
        }
    }

    private static long addressOf(ByteBuffer direct) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(direct));
    }
}
