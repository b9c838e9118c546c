package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.daxstore.fs.StoreHooks;
import org.daxstore.media.ForwardingMedium;
import org.daxstore.media.Medium;
import org.daxstore.nativebridge.LibC;
import org.daxstore.testing.SmallTmpfs;
import org.junit.jupiter.api.Test;

/**
 * {@code DaxFile.allocate} only reserves, as {@code fallocate} mode 0 does: its blocks are backed
 * ({@code Medium.preallocate}) but not mapped ahead ({@code Medium.prefault}), which for 1 GiB
 * was most of its cost; writes still map what they back ahead. Backing alone keeps every store
 * safe: on a full tmpfs, stores through a view into every page of an allocated range land, no
 * SIGBUS (docs/DESIGN.md section 3).
 */
class ReservedBlocksTest {
    private static final int MIB = 1 << 20;

    /** Counts the bytes a store's medium is asked to back and to map ahead. */
    private static final class CountingMedium extends ForwardingMedium {
        final AtomicLong backed = new AtomicLong();
        final AtomicLong prefaulted = new AtomicLong();

        CountingMedium(Medium inner) {
            super(inner);
        }

        @Override
        public void preallocate(long offset, long length) {
            backed.addAndGet(length);
            super.preallocate(offset, length);
        }

        @Override
        public void prefault(long offset, long length) {
            prefaulted.addAndGet(length);
            super.prefault(offset, length);
        }
    }

    @Test
    void anAllocateBacksItsBlocksWithoutMappingThemAheadAndAWriteMapsThem() {
        Path path = TempStores.newContainerPath("reserved-");
        CountingMedium[] medium = new CountingMedium[1];
        try (DaxStore store = StoreHooks.NONE.withMediumDecorator(inner -> medium[0] = new CountingMedium(inner))
                .openForTesting(() -> DaxStore.open(path, StoreOptions.capacity(64L * MIB)))) {
            long backedBefore = medium[0].backed.get();
            long prefaultedBefore = medium[0].prefaulted.get();
            try (DaxFile file = store.create("reserved")) {
                file.allocate(0, 16L * MIB);
            }
            long backed = medium[0].backed.get() - backedBefore;
            long prefaulted = medium[0].prefaulted.get() - prefaultedBefore;
            assertTrue(backed >= 16L * MIB, "an allocate of 16 MiB backed only " + backed + " bytes");
            // The run backed with the map's root node is mapped ahead (a node is written at once).
            assertTrue(prefaulted <= 2L * MIB, "an allocate of 16 MiB mapped " + prefaulted + " bytes ahead");

            long writtenBefore = medium[0].prefaulted.get();
            try (DaxFile file = store.create("written")) {
                file.write(0, new byte[8 * MIB]);
            }
            long mapped = medium[0].prefaulted.get() - writtenBefore;
            assertTrue(mapped >= 8L * MIB, "a write of 8 MiB mapped only " + mapped + " bytes ahead");
        } finally {
            TempStores.delete(path);
        }
    }

    @Test
    void storesIntoEveryPageOfAnAllocatedRangeLandWhenTheFileSystemIsFull() throws Exception {
        assumeTrue(LibC.isAvailable(), "backing with fallocate needs the native bridge: " + LibC.unavailableReason());
        try (SmallTmpfs tmpfs = SmallTmpfs.mount("24m")) {
            long size = 8L * MIB;
            try (DaxStore store = DaxStore.open(tmpfs.resolve("reserved.dax"), StoreOptions.capacity(32L * MIB));
                    DaxFile file = store.create("reserved")) {
                file.allocate(0, size);
                tmpfs.fill("filler", 0);
                try (DaxMapping view = file.map(0, size)) {
                    for (long at = 0; at < size; at += 4096) {
                        view.putLong(at + 8, at + 1);
                    }
                    for (long at = 0; at < size; at += 4096) {
                        assertEquals(at + 1, view.getLong(at + 8), "page " + at / 4096);
                        assertEquals(0, view.getLong(at), "page " + at / 4096 + " reads zeros where nothing was stored");
                    }
                }
                assertTrue(store.check().isConsistent(), store.check().toString());
            }
        }
    }
}
