package org.daxstore.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.daxstore.DaxFile;
import org.daxstore.DaxMapping;
import org.daxstore.DaxStore;
import org.daxstore.StoreFullException;
import org.daxstore.StoreOptions;
import org.daxstore.TempStores;
import org.junit.jupiter.api.Test;

/**
 * A store kept nearly full while other threads free space (delete, truncate, punch): storage
 * being returned must never show up as a spurious {@link StoreFullException}, and once every
 * file is deleted, the free blocks are a fresh store's (no block lost in the storage-pending
 * hand-off).
 */
class FullStoreUnderRemovalsTest {
    private static final int PAGE = 4096;
    private static final int THREADS = 3;
    private static final int ROUNDS = 300;

    @Test
    void freedStorageIsNeverReportedAsFullAndNoBlockIsLost() throws Exception {
        Path path = TempStores.newContainerPath("hostile-full");
        try (DaxStore store = DaxStore.create(path, StoreOptions.capacity(16L << 20))) {
            long fresh = store.info().freeBlocks();
            // each thread's file takes a little under 1/THREADS of the data blocks (block-map
            // nodes included), so the store is nearly full whenever all of them hold their files,
            // and one thread's allocations often run while another's removal returns its storage
            long pagesEach = fresh / THREADS * 9 / 10 - 8;
            Throwable first = Fillers.run(THREADS, 120_000, id -> {
                for (int round = 0; round < ROUNDS; round++) {
                    String name = "t" + id;
                    DaxFile file = store.create(name);
                    long length = pagesEach * PAGE;
                    switch (round % 3) {
                        case 0 -> file.allocate(0, length);
                        case 1 -> {
                            file.truncate(length);
                            try (DaxMapping view = file.map(0, length)) {
                                for (long page = 0; page < pagesEach; page++) {
                                    view.putLong(page * PAGE, page); // write faults allocate
                                }
                            }
                        }
                        default -> file.write(0, new byte[(int) length]);
                    }
                    switch (round % 4) {
                        case 0 -> store.delete(name);
                        case 1 -> {
                            file.truncate(PAGE);
                            store.delete(name);
                        }
                        case 2 -> {
                            file.punchHole(0, length);
                            store.delete(name);
                        }
                        default -> {
                            DaxFile other = store.create(name + ".x");
                            other.truncate(PAGE);
                            store.renameReplacing(name + ".x", name);
                            store.delete(name);
                        }
                    }
                }
            });
            if (first != null) {
                // What is left once every filler has stopped tells a lost block (fewer free than
                // fresh, files deleted) from a moment of real shortage (the books balance).
                throw new AssertionError("a filler failed while the others were freeing space (each file " + pagesEach
                        + " pages, the store " + fresh + " free blocks when fresh; after the fillers stopped: files "
                        + store.list() + ", " + store.info().freeBlocks() + " free blocks, check: " + store.check() + ")",
                        first);
            }
            assertEquals(List.of(), store.list());
            assertEquals(fresh, store.info().freeBlocks(), "free blocks after every file was deleted");
        } finally {
            TempStores.delete(path);
        }
    }
}
