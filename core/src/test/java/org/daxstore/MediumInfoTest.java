package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.daxstore.nativebridge.Pmem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The typed medium of {@link StoreInfo#mediumInfo()}: which medium the choice gave, what its
 * persist does on the directory's file system, and why it was chosen, for every choice. The
 * expected persistence is worked out here from the file system's type and the environment, not
 * from the medium's own description. Runs again with {@code PMEM_IS_PMEM_FORCE=1} (core's
 * pom, the pmem-forced run), where libpmem's persist writes back cache lines.
 */
class MediumInfoTest {
    private static final long CAPACITY = 8L << 20;

    @TempDir Path dir;

    @Test
    void theMappedMediumForcedByTheOptions() throws IOException {
        MediumInfo medium = mediumOf(dir, MediumChoice.MAPPED);
        assertEquals(MediumChoice.MAPPED, medium.kind());
        // No DAX file system here, so no MAP_SYNC: msync, or nothing on tmpfs.
        assertEquals(isTmpfs(dir) ? MediumInfo.Persistence.NONE : MediumInfo.Persistence.MSYNC, medium.persistence());
        assertEquals("forced by the options", medium.reason());
    }

    @Test
    void onTmpfsPersistIsNothing() throws IOException {
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm) && isTmpfs(shm), "no writable tmpfs at /dev/shm");
        Path here = Files.createTempDirectory(shm, "medium-info-");
        try {
            assertEquals(MediumInfo.Persistence.NONE, mediumOf(here, MediumChoice.MAPPED).persistence());
            if (Pmem.isAvailable() && !"1".equals(System.getenv("PMEM_IS_PMEM_FORCE"))) {
                assertEquals(MediumInfo.Persistence.NONE, mediumOf(here, MediumChoice.PMEM).persistence());
            }
        } finally {
            Files.delete(here);
        }
    }

    @Test
    void thePmemMediumForcedByTheOptions() throws IOException {
        assumeTrue(Pmem.isAvailable(), () -> "libpmem is unavailable: " + Pmem.unavailableReason());
        MediumInfo medium = mediumOf(dir, MediumChoice.PMEM);
        assertEquals(MediumChoice.PMEM, medium.kind());
        MediumInfo.Persistence expected = "1".equals(System.getenv("PMEM_IS_PMEM_FORCE")) ? MediumInfo.Persistence.CACHE_LINES
                : isTmpfs(dir) ? MediumInfo.Persistence.NONE : MediumInfo.Persistence.MSYNC;
        assertEquals(expected, medium.persistence());
        assertEquals("forced by the options", medium.reason());
    }

    @Test
    void theAutomaticChoiceNamesWhatItChoseAndWhy() throws IOException {
        MediumInfo medium = mediumOf(dir, MediumChoice.AUTO);
        assertEquals(Pmem.isAvailable() ? MediumChoice.PMEM : MediumChoice.MAPPED, medium.kind());
        assertTrue(medium.reason().startsWith(Pmem.isAvailable() ? "chosen because libpmem is available"
                : "chosen because libpmem is unavailable: "), medium.reason());
    }

    @Test
    void theTextSaysWhatTheValuesSay() throws IOException {
        try (DaxStore store = DaxStore.open(dir.resolve("text"), StoreOptions.capacity(CAPACITY).withMedium(MediumChoice.MAPPED))) {
            StoreInfo info = store.info();
            assertTrue(info.medium().startsWith("mapped: "), info.medium());
            assertTrue(info.medium().endsWith("; " + info.mediumInfo().reason()), info.medium());
        }
    }

    private static MediumInfo mediumOf(Path dir, MediumChoice choice) throws IOException {
        Path container = dir.resolve("store-" + choice);
        try (DaxStore store = DaxStore.open(container, StoreOptions.capacity(CAPACITY).withMedium(choice))) {
            return store.info().mediumInfo();
        } finally {
            Files.deleteIfExists(container);
        }
    }

    private static boolean isTmpfs(Path dir) throws IOException {
        return "tmpfs".equals(Files.getFileStore(dir).type());
    }
}
