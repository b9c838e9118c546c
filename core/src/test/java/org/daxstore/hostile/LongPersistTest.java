package org.daxstore.hostile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.daxstore.ClosedException;
import org.daxstore.DaxFile;
import org.daxstore.DaxMapping;
import org.daxstore.DaxStore;
import org.daxstore.PersistBatch;
import org.daxstore.StoreOptions;
import org.daxstore.TempStores;
import org.junit.jupiter.api.Test;

/**
 * {@code persist}, and a {@link PersistBatch}, of huge ranges of a sparse file: one access
 * section walked every page of the ranges (holes included), and every remover of the store
 * waited for that section.
 */
class LongPersistTest {
    private static final int PAGE = 4096;

    /**
     * A thread per task: the common pool has one thread on a 2-core machine, and on JDK 25
     * CompletableFuture queues a second task behind the first there (on 17 it starts a thread),
     * which made the punch wait for the persist's end whatever the store did.
     */
    private static final java.util.concurrent.Executor OWN_THREAD = task -> new Thread(task).start();

    // FAILED BEFORE THE FIX: ViewAccess.persist runs FileData.persistRange in ONE access section, and
    // persistRange looks up every page of the range, holes and pages past the file's end
    // included (the range is checked against the view only). persist(0, 2^44) of a sparse file
    // with one written page holds its section for the whole walk of 2^32 pages, and a punch of
    // one page of ANOTHER file, whose grace period waits for every section of the store, waits
    // as long: 8 to 10 s here, or it fails after 10 s with OpenScopesException "... 1 live
    // thread(s) still have access scopes of this store open: 'Thread-1'", a thread that has no
    // scope open at all (seen in the pmem-forced and mapped executions, under load).
    @Test
    void aPersistOfAHugeSparseRangeDoesNotHoldUpRemovalsOfOtherFiles() throws Exception {
        assertAPunchOfAnotherFileIsNotHeldUpBy("persist(0, 2^44)", view -> view.persist(0, 1L << 44));
    }

    // FAILED BEFORE THE FIX: PersistBatch.persist went to ViewAccess.persistRanges, which ran
    // FileData.persistRanges for the whole batch in ONE access section, looking up every page of
    // every range: a batch of two ranges of 2^43 bytes over the sparse file held its section for
    // the walk of 2^32 pages, as persist did before its fix, and the punch of another file waited
    // for it. Now a batch is translated and flushed in sections of at most 256 KiB of its
    // ranges, each clipped to the file's end, then fenced once.
    @Test
    void aBatchOfHugeSparseRangesDoesNotHoldUpRemovalsOfOtherFiles() throws Exception {
        assertAPunchOfAnotherFileIsNotHeldUpBy("a batch of [0, 2^43) and [2^43, 2^44)", view -> {
            PersistBatch batch = view.persistBatch();
            batch.add(0, 1L << 43);
            batch.add(1L << 43, 1L << 43);
            batch.persist();
        });
    }

    /**
     * A batch's ranges stop at the file's end, as a persist does: a batch of 2^44 bytes over a
     * view of a one-page file walks one page, not 2^32 (which takes half a minute here).
     */
    @Test
    void aBatchStopsAtTheEndOfTheFile() throws Exception {
        Path path = TempStores.newContainerPath("hostile-persist");
        try (DaxStore store = DaxStore.create(path, StoreOptions.capacity(64L << 20))) {
            DaxFile small = store.create("small");
            small.write(0, new byte[PAGE]);
            DaxMapping view = small.map(0, 1L << 44);
            PersistBatch batch = view.persistBatch();
            batch.add(0, 1L << 44);
            batch.add(1L << 43, 1L << 43);
            CompletableFuture<Void> persisting = CompletableFuture.runAsync(batch::persist, OWN_THREAD);
            try {
                persisting.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("a batch of 2^44 bytes over a file of one page did not end within 10 s");
            } finally {
                view.close(); // ends a persist still walking past the end, at its next section
            }
        } finally {
            TempStores.delete(path);
        }
    }

    /**
     * Runs {@code persist} on a view of a sparse file of 2^44 bytes with one written page, and
     * meanwhile punches one page of another file: the punch must not wait for the persist.
     */
    private static void assertAPunchOfAnotherFileIsNotHeldUpBy(String what, Consumer<DaxMapping> persist) throws Exception {
        Path path = TempStores.newContainerPath("hostile-persist");
        try (DaxStore store = DaxStore.create(path, StoreOptions.capacity(64L << 20))) {
            DaxFile sparse = store.create("sparse");
            sparse.truncate(1L << 44);
            DaxFile other = store.create("other");
            other.write(0, new byte[4 * PAGE]);
            DaxMapping view = sparse.map(0, 1L << 44);
            view.putLong(0, 42);
            CompletableFuture<Void> persisting = CompletableFuture.runAsync(() -> persist.accept(view), OWN_THREAD);
            Thread.sleep(200);
            long start = System.nanoTime();
            CompletableFuture<Void> punch = CompletableFuture.runAsync(() -> other.punchHole(PAGE, PAGE), OWN_THREAD);
            try {
                punch.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new AssertionError("the punch of another file failed while " + what + " ran", e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the punch of another file did not end within 30 s while " + what + " ran");
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            boolean persistDone = persisting.isDone();
            // Closing the view ends a persist that is still walking, at its next section
            // (ClosedException): the walk of 2^32 pages would take half a minute.
            view.close();
            try {
                persisting.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                assertTrue(e.getCause() instanceof ClosedException, "the persist failed with " + e.getCause());
            }
            assertTrue(millis < 2000, "a punch of one page of another file took " + millis + " ms behind " + what
                    + " of a sparse file (the persist " + (persistDone ? "had" : "had not") + " ended by then)");
        } finally {
            TempStores.delete(path);
        }
    }
}
