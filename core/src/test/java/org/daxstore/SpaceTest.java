package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.daxstore.alloc.BlockAllocator;
import org.daxstore.nativebridge.LibC;
import org.junit.jupiter.api.Test;

/** Storage goes back to the file system when blocks are freed, and a full one is an exception, not SIGBUS. */
class SpaceTest {

    /**
     * Freed storage goes back to the file system, except the allocator's warm pool
     * ({@link BlockAllocator#WARM_POOL_BYTES} of freed blocks kept for reuse), which close punches.
     */
    @Test
    void deletingAndPunchingReturnStorageBeyondTheWarmPool() {
        assumeTrue(LibC.isAvailable(), "punching needs the native bridge: " + LibC.unavailableReason());
        Path path = TempStores.newContainerPath("space-");
        long pool = BlockAllocator.WARM_POOL_BYTES;
        long empty;
        try {
            try (DaxStore store = DaxStore.open(path, StoreOptions.capacity(64 << 20))) {
                empty = store.info().containerAllocatedBytes();
                try (DaxFile file = store.create("f")) {
                    file.write(0, new byte[8 << 20]);
                }
                long full = store.info().containerAllocatedBytes();
                assertTrue(full >= empty + (8 << 20), "writing 8 MiB allocated " + (full - empty) + " bytes");
                try (DaxFile file = store.openFile("f")) {
                    file.punchHole(0, 4 << 20);
                }
                long punched = store.info().containerAllocatedBytes();
                assertTrue(punched <= full - (4 << 20) + pool, "punching 4 MiB returned " + (full - punched) + " bytes");
                assertTrue(punched >= full - (4 << 20) + pool / 2, "the warm pool kept nothing: "
                        + (full - punched) + " bytes returned");
                store.delete("f");
                long deleted = store.info().containerAllocatedBytes();
                assertTrue(deleted <= empty + pool + (1 << 20), "after delete " + deleted + " bytes, when empty " + empty);
            }
            try (DaxStore store = DaxStore.open(path)) {
                long reopened = store.info().containerAllocatedBytes();
                assertTrue(reopened <= empty + (1 << 20), "after close and reopen " + reopened + " bytes, when empty " + empty
                        + ": close must punch the warm pool");
            }
        } finally {
            TempStores.delete(path);
        }
    }

    /**
     * A 64 MiB store on an 8 MiB tmpfs: writes fail with StoreFullException when the file
     * system is full, the failed write changes nothing, and the store stays usable.
     */
    @Test
    void aFullFileSystemGivesStoreFullExceptionAndTheStoreStaysUsable() throws Exception {
        Path mount = Files.createTempDirectory("daxstore-small-tmpfs-");
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount.toString()) == 0,
                "mounting a small tmpfs needs root and mount permission; this test is skipped without them");
        try {
            Path path = mount.resolve("full.dax");
            byte[] chunk = new byte[256 << 10];
            java.util.Arrays.fill(chunk, (byte) 7);
            try (DaxStore store = DaxStore.open(path, StoreOptions.capacity(64 << 20))) {
                DaxFile file = store.create("filler");
                long written = 0;
                StoreFullException full = null;
                while (full == null && written < (64 << 20)) {
                    try {
                        file.write(written, chunk);
                        written += chunk.length;
                    } catch (StoreFullException e) {
                        full = e;
                    }
                }
                assertTrue(full != null, "8 MiB of tmpfs held " + written + " bytes without running out");
                assertTrue(full.getMessage().contains("no room"), full.getMessage());
                assertTrue(store.check().isConsistent(), store.check().toString());
                byte[] back = new byte[chunk.length];
                assertEquals(chunk.length, file.read(0, back));
                assertArrayEquals(chunk, back, "data written before the file system filled up reads back");
                file.truncate(chunk.length);
                file.write(chunk.length, chunk);
                assertEquals(2L * chunk.length, file.size());
                assertTrue(store.check().isConsistent(), store.check().toString());
            }
        } finally {
            run("umount", mount.toString());
            Files.deleteIfExists(mount);
        }
    }

    @Test
    void aFullStoreGivesStoreFullExceptionAndStaysUsable() {
        Path path = TempStores.newContainerPath("full-");
        try (DaxStore store = DaxStore.open(path, StoreOptions.capacity(2 << 20).withMaxFiles(2))) {
            DaxFile file = store.create("f");
            StoreFullException e = assertThrows(StoreFullException.class, () -> file.write(0, new byte[4 << 20]));
            assertTrue(e.getMessage().contains("the store is full"), e.getMessage());
            assertTrue(store.check().isConsistent(), store.check().toString());
            store.create("g");
            StoreFullException files = assertThrows(StoreFullException.class, () -> store.create("h"));
            assertTrue(files.getMessage().contains("inode table is full"), files.getMessage());
            file.truncate(0);
            file.write(0, new byte[4096]);
            assertTrue(store.check().isConsistent(), store.check().toString());
        } finally {
            TempStores.delete(path);
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
