package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.daxstore.format.Layout;
import org.daxstore.media.ForwardingMedium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A metadata write-back that fails after its transaction's commit point (the journal record is
 * durable, the words are in place, their msync fails) does not fail the operation: undoing it in
 * memory would leave memory and media disagreeing. The next commit writes the lines back first,
 * and if that fails too, it is that operation that fails, before its commit point, leaving the
 * store as it was. What the store says afterwards, open and reopened, is what the calls reported.
 *
 * <p>The medium fails every flush but the journal record's (which starts at the journal's offset)
 * while {@link #failing} is set, as an msync of the metadata pages would on a device with an I/O
 * error: the journal's flush succeeds, so
 * each commit reaches its commit point and fails in step 3 (or, for the next one, in step 1).
 */
class FailedWriteBackTest {
    private volatile boolean failing;
    private Path path;

    @BeforeEach
    void name() {
        path = TempStores.newContainerPath("writeback");
    }

    @AfterEach
    void remove() {
        TempStores.delete(path);
    }

    @Test
    void aWriteBackFailingAfterTheCommitPointIsOwedToTheNextCommitNotUndone() throws IOException {
        StoreOptions options = StoreOptions.capacity(8 << 20).withMediumDecorator(medium -> new ForwardingMedium(medium) {
            @Override
            public void flush(long offset, long length) {
                if (failing && offset != Layout.JOURNAL_OFFSET) {
                    throw new StoreIOException("test: msync of [" + offset + ", " + (offset + length) + ") failed");
                }
                super.flush(offset, length);
            }
        });
        try (DaxStore store = DaxStore.create(path, options)) {
            failing = true;
            store.create("committed").close();
            StoreIOException refused = assertThrows(StoreIOException.class, () -> store.create("refused"));
            assertTrue(refused.getMessage().contains("msync of"), refused.getMessage());
            assertEquals(List.of("committed"), store.list(), "the refused create left nothing behind");
            failing = false;
            store.create("after").close();
            assertEquals(List.of("after", "committed"), store.list().stream().sorted().toList());
            assertTrue(store.check().isConsistent(), store.check().toString());
        }
        try (DaxStore store = DaxStore.open(path)) {
            assertEquals(List.of("after", "committed"), store.list().stream().sorted().toList());
            assertTrue(store.check().isConsistent(), store.check().toString());
        }
    }
}
