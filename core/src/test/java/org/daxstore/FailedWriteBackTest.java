package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.daxstore.format.Layout;
import org.daxstore.media.ForwardingMedium;
import org.daxstore.testing.Hooked;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
        Hooked options = Hooked.decorating(StoreOptions.capacity(8 << 20), medium -> new ForwardingMedium(medium) {
            @Override
            public void flush(long offset, long length) {
                if (failing && offset != Layout.JOURNAL_OFFSET) {
                    throw new StoreIOException("test: msync of [" + offset + ", " + (offset + length) + ") failed");
                }
                super.flush(offset, length);
            }
        });
        try (DaxStore store = options.create(path)) {
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

    /** How many of the next flushes of the journal record (those at the journal's offset) fail. */
    private final java.util.concurrent.atomic.AtomicInteger journalFailures = new java.util.concurrent.atomic.AtomicInteger();

    private Hooked failingJournal() {
        return Hooked.decorating(StoreOptions.capacity(8 << 20), medium -> new ForwardingMedium(medium) {
            @Override
            public void flush(long offset, long length) {
                if (offset == Layout.JOURNAL_OFFSET && journalFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new StoreIOException("test: msync of the journal [" + offset + ", " + (offset + length) + ") failed");
                }
                super.flush(offset, length);
            }
        });
    }

    /**
     * A record whose own flush fails is erased: the operation failed, so neither a kill now (the
     * mapping is what a kill leaves on tmpfs: a copy of the container is that image) nor a clean
     * close may bring it back. With the erasure's flush failing too (2), the header is owed.
     */
    @ParameterizedTest(name = "{0} failed journal flush(es)")
    @ValueSource(ints = {1, 2})
    void aRecordWhoseFlushFailsIsErasedSoNoRecoveryReplaysTheFailedOperation(int failures) throws IOException {
        Path killed = TempStores.newContainerPath("writeback-killed");
        try {
            try (DaxStore store = failingJournal().create(path)) {
                store.create("kept").close();
                store.create("renamed").close();
                journalFailures.set(failures);
                StoreIOException refused = assertThrows(StoreIOException.class, () -> store.delete("kept"));
                assertEquals(failures - 1, suppressedInChain(refused), "the erasure's own failure is attached");
                assertEquals(List.of("kept", "renamed"), sorted(store.list()));
                java.nio.file.Files.copy(path, killed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            for (Path image : List.of(killed, path)) {
                try (DaxStore store = DaxStore.open(image)) {
                    assertEquals(List.of("kept", "renamed"), sorted(store.list()), image + ": the failed delete came back");
                    assertTrue(store.check().isConsistent(), store.check().toString());
                }
            }
        } finally {
            TempStores.delete(killed);
        }
    }

    private static int suppressedInChain(Throwable failure) {
        int count = 0;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            count += t.getSuppressed().length;
        }
        return count;
    }

    private static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }

    /**
     * A write of several transactions with every flush failing from the {@code n}th on, for each
     * {@code n} that reaches it: it either works, or fails leaving the file as it was, or (when
     * taking back its committed steps fails too) fails saying the file is not as it was and
     * which size it has, and has that size. Reopened, the store agrees with what was reported.
     */
    @ParameterizedTest(name = "flushes fail from the {0}th")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 16})
    void aWriteOfSeveralStepsSaysWhatItLeftWhenItsUndoFailsToo(int n) {
        java.util.concurrent.atomic.AtomicInteger flushes = new java.util.concurrent.atomic.AtomicInteger();
        Hooked options = Hooked.decorating(StoreOptions.capacity(16 << 20), medium -> new ForwardingMedium(medium) {
            @Override
            public void flush(long offset, long length) {
                if (failing && flushes.incrementAndGet() >= n) {
                    throw new StoreIOException("test: msync #" + flushes.get() + " failed");
                }
                super.flush(offset, length);
            }
        });
        byte[] data = new byte[3 << 20];
        java.util.Arrays.fill(data, (byte) 7);
        long reported;
        try (DaxStore store = options.create(path); DaxFile file = store.create("big")) {
            failing = true;
            try {
                file.write(0, data);
                reported = data.length;
            } catch (StoreIOException e) {
                java.util.regex.Matcher kept = java.util.regex.Pattern.compile("the file is not as it was: its size is (\\d+) bytes")
                        .matcher(e.getMessage());
                reported = kept.find() ? Long.parseLong(kept.group(1)) : 0;
                assertEquals(reported, file.size(), "the size after: " + e.getMessage());
            } finally {
                failing = false;
            }
            assertTrue(store.check().isConsistent(), store.check().toString());
        }
        try (DaxStore store = DaxStore.open(path); DaxFile file = store.openFile("big")) {
            assertEquals(reported, file.size(), "reopened");
            assertTrue(store.check().isConsistent(), store.check().toString());
        }
    }
}
