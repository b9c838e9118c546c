package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The journal holds the largest transaction a store can run (Layout.requiredJournalBytes): a
 * file that holds every block is punched with ragged ends, cut short and deleted, each in one
 * transaction, and replaced by an empty file (renameReplacing). A transaction the journal cannot
 * hold fails with IllegalStateException.
 */
class JournalCapacityTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "block size {0}")
    @ValueSource(ints = {4096, 2 << 20})
    void theLargestTransactionsFitTheJournal(int blockSize) {
        // Big enough that a transaction writing one word per block would overflow the journal.
        long capacity = blockSize == 4096 ? 64L << 20 : 128L << 20;
        Path path = dir.resolve("full.dax");
        try (DaxStore store = DaxStore.create(path, StoreOptions.capacity(capacity).withBlockSize(blockSize))) {
            long free = store.info().freeBlocks();

            fillTheStore(store.create("all"), blockSize);
            store.delete("all");
            assertEquals(free, store.info().freeBlocks());

            DaxFile file = fillTheStore(store.create("all"), blockSize);
            file.punchHole(blockSize / 2, file.size() - blockSize);
            file.truncate(blockSize + 1);
            store.delete("all");
            assertEquals(free, store.info().freeBlocks());

            store.create("empty").close();
            fillTheStore(store.create("all"), blockSize);
            store.renameReplacing("empty", "all"); // frees every block, and renames, in one transaction
            assertEquals(free, store.info().freeBlocks());
            assertTrue(store.check().isConsistent(), store.check().toString());
        }
    }

    /** Allocates blocks to {@code file} until the store is full, leaving no room to guess how many nodes it needs. */
    private static DaxFile fillTheStore(DaxFile file, int blockSize) {
        long size = 0;
        for (long step = 64L * blockSize; step >= blockSize; step /= 2) {
            try {
                while (true) {
                    file.allocate(size, step);
                    size += step;
                }
            } catch (StoreFullException expected) {
                size = file.size();
            }
        }
        return file;
    }
}
