package org.daxstore.nativebridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatxTest {
    private Path path;

    @BeforeEach
    void createFile() throws IOException {
        assumeTrue(LibC.isAvailable(), () -> "the native bridge is unavailable: " + LibC.unavailableReason());
        path = Files.createTempFile(Path.of("/dev/shm"), "statx-test-", ".bin");
    }

    @AfterEach
    void deleteFile() throws IOException {
        if (path != null) {
            Files.deleteIfExists(path);
        }
    }

    @Test
    void readsTypeSizeAndStorageOfATmpfsFile() throws IOException {
        long page = LibC.pageSize();
        Files.write(path, new byte[(int) (page + 1)]);
        Statx statx = LibC.statx(path.toString());
        assertTrue(statx.isRegularFile(), statx.toString());
        assertFalse(statx.isCharacterDevice(), statx.toString());
        assertEquals(page + 1, statx.size());
        assertEquals(2 * page, statx.allocatedBytes(), "tmpfs allocates whole pages");
        assertEquals(0, statx.rdevMajor());
    }

    /** Linux 5.8+ reports STATX_ATTR_DAX for every file system; tmpfs files are never in DAX state. */
    @Test
    void tmpfsReportsNoDax() {
        Statx statx = LibC.statx(path.toString());
        assumeTrue(statx.dax() != DaxAttribute.UNKNOWN, "this kernel does not report STATX_ATTR_DAX (before 5.8)");
        assertEquals(DaxAttribute.NO, statx.dax());
        assertEquals(0, statx.attributes() & Statx.STATX_ATTR_DAX);
    }

    @Test
    void aCharacterDeviceNamesItsDevice() {
        Statx devNull = LibC.statx("/dev/null");
        assertTrue(devNull.isCharacterDevice(), devNull.toString());
        assertEquals(1, devNull.rdevMajor());
        assertEquals(3, devNull.rdevMinor());
    }

    @Test
    void reportsTheMountIdWhereTheKernelDoes() {
        Statx statx = LibC.statx(path.toString());
        assertTrue(statx.mountId() > 0 || statx.mountId() == -1, statx.toString());
    }

    @Test
    void aMissingPathFailsWithEnoentNamingIt() {
        String missing = path + ".missing";
        NativeCallException e = assertThrows(NativeCallException.class, () -> LibC.statx(missing));
        assertEquals(LibC.ENOENT, e.errno());
        assertEquals(missing, e.path());
        assertEquals("statx on " + missing + " failed: errno 2 (ENOENT: No such file or directory)", e.getMessage());
    }
}
