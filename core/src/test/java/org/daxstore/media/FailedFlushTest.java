package org.daxstore.media;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

import org.daxstore.StoreIOException;
import org.daxstore.nativebridge.LibC;
import org.daxstore.nativebridge.Pmem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A flush the operating system refuses reaches the caller as a {@link StoreIOException} that
 * names the container and the range, on every medium that flushes with msync, never as the
 * native bridge's or the JDK's own exception (which name neither).
 *
 * <p>A real write-back error needs a failing device; msync also fails, with ENOMEM, on a range
 * that is not mapped, so each test maps a container on a disk file system (tmpfs is never
 * flushed), unmaps it behind the medium's back (with munmap, so that the medium, the JDK's
 * mapping included, still thinks it is mapped and calls msync), and flushes the whole of it.
 * Nothing else maps those 64 MiB in between in practice; if something did, msync would succeed
 * and the test would fail, not pass wrongly.
 */
class FailedFlushTest {
    private static final long SIZE = 64L << 20;

    private Path dir;

    @BeforeEach
    void makeDirectoryOnDisk() throws IOException {
        dir = Files.createTempDirectory(Path.of("target"), "flush");
        assumeFalse(LibC.isAvailable() && LibC.statfs(dir.toString()).type() == LibC.TMPFS_MAGIC,
                "the build directory is on tmpfs, which is never flushed");
    }

    @AfterEach
    void removeDirectory() throws IOException {
        try (var paths = Files.list(dir)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.delete(path);
            }
        }
        Files.delete(dir);
    }

    @Test
    void theMappedMediumsFailedMsyncNamesTheContainerAndTheRange() {
        assumeTrue(LibC.isAvailable(), "the native bridge is unavailable: " + LibC.unavailableReason());
        refusedFlushIsAStoreIOException(container -> MappedMedium.map(container, SIZE));
    }

    @Test
    void thePmemMediumsFailedMsyncNamesTheContainerAndTheRange() {
        assumeTrue(Pmem.isAvailable(), "libpmem is unavailable: " + Pmem.unavailableReason());
        refusedFlushIsAStoreIOException(container -> PmemMedium.map(container, SIZE));
    }

    private void refusedFlushIsAStoreIOException(Function<ContainerFile, Medium> mapping) {
        Path path = dir.resolve("container");
        try (ContainerFile container = ContainerFile.open(path, true)) {
            container.setLength(SIZE);
            Medium medium = mapping.apply(container);
            if (medium instanceof PmemMedium pmem && pmem.writesBackCacheLines()) {
                medium.close();
                // Writing cache lines back is an instruction on the address, which must be mapped.
                assumeTrue(false, "libpmem writes back cache lines here (PMEM_IS_PMEM_FORCE=1?): no msync to fail");
            }
            // One mapping of the whole container on both media here (64 MiB is one JDK chunk).
            LibC.munmap(medium.address(0), SIZE);
            StoreIOException e = assertThrows(StoreIOException.class, () -> medium.flush(0, SIZE));
            medium.close();
            assertTrue(e.getMessage().startsWith(path + ": cannot make container bytes [0, " + SIZE + ") durable: "),
                    e.getMessage());
            assertInstanceOf(RuntimeException.class, e.getCause());
        }
    }
}
