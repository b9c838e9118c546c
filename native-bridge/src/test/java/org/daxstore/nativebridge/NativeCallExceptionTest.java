package org.daxstore.nativebridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NativeCallExceptionTest {
    @BeforeEach
    void needsStrerror() {
        assumeTrue(LibC.isAvailable(), () -> "the native bridge is unavailable: " + LibC.unavailableReason());
    }

    @Test
    void namesTheCallThePathAndErrno() {
        NativeCallException e = new NativeCallException(
                "fallocate(PUNCH_HOLE|KEEP_SIZE, offset=4096, length=8192)", "/dev/shm/x.dax", LibC.ENOSPC);
        assertEquals("fallocate(PUNCH_HOLE|KEEP_SIZE, offset=4096, length=8192) on /dev/shm/x.dax failed: "
                + "errno 28 (ENOSPC: No space left on device)", e.getMessage());
        assertEquals("fallocate(PUNCH_HOLE|KEEP_SIZE, offset=4096, length=8192)", e.call());
        assertEquals("/dev/shm/x.dax", e.path());
        assertEquals(28, e.errno());
        assertTrue(e.isNoSpace());
    }

    @Test
    void leavesOutWhatIsUnknown() {
        NativeCallException e = new NativeCallException("msync(address=0x1000, length=4096, flags=4)", null, 200);
        assertEquals("msync(address=0x1000, length=4096, flags=4) failed: errno 200 (Unknown error 200)",
                e.getMessage());
        assertFalse(e.isNoSpace());
    }

    @Test
    void appendsTheLibrarysOwnWordsAndKnowsEopnotsupp() {
        NativeCallException e = new NativeCallException("pmem_map_file(length=0, flags=0x0, mode=0)", "/mnt/x",
                LibC.EOPNOTSUPP, "mmap: Operation not supported");
        assertEquals("pmem_map_file(length=0, flags=0x0, mode=0) on /mnt/x failed: errno 95 (EOPNOTSUPP: "
                + "Operation not supported); mmap: Operation not supported", e.getMessage());
        assertEquals("mmap: Operation not supported", e.detail());
        assertTrue(e.isNotSupported());
        assertFalse(new NativeCallException("mmap", null, LibC.EINVAL).isNotSupported());
    }
}
