package org.daxstore.hostile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.daxstore.ClosedException;
import org.daxstore.DaxFile;
import org.daxstore.DaxMapping;
import org.daxstore.DaxStore;
import org.daxstore.StoreOptions;
import org.daxstore.TempStores;
import org.junit.jupiter.api.Test;

/**
 * {@code persist} of a huge range of a sparse file: one access section walks every page of the
 * range (holes included), and every remover of the store waits for that section.
 */
class LongPersistTest {
    private static final int PAGE = 4096;

    // FAILED BEFORE THE FIX: ViewAccess.persist runs FileData.persistRange in ONE access section, and
    // persistRange looks up every page of the range, holes and pages past the file's end
    // included (the range is checked against the view only). persist(0, 2^44) of a sparse file
    // with one written page holds its section for the whole walk of 2^32 pages, and a punch of
    // one page of ANOTHER file, whose grace period waits for every section of the store, waits
    // as long: 8 to 10 s here, or it fails after 10 s with OpenScopesException "... 1 live
    // thread(s) still have access scopes of this store open: 'Thread-1'", a thread that has no
    // scope open at all (seen in the pmem-forced and mapped executions, under load).
    /**
     * A thread per task: the common pool has one thread on a 2-core machine, and on JDK 25
     * CompletableFuture queues a second task behind the first there (on 17 it starts a thread),
     * which made the punch wait for the persist's end whatever the store did.
     */
    private static final java.util.concurrent.Executor OWN_THREAD = task -> new Thread(task).start();

    @Test
    void aPersistOfAHugeSparseRangeDoesNotHoldUpRemovalsOfOtherFiles() throws Exception {
        Path path = TempStores.newContainerPath("hostile-persist");
        try (DaxStore store = DaxStore.create(path, StoreOptions.capacity(64L << 20))) {
            DaxFile sparse = store.create("sparse");
            sparse.truncate(1L << 44);
            DaxFile other = store.create("other");
            other.write(0, new byte[4 * PAGE]);
            DaxMapping view = sparse.map(0, 1L << 44);
            {
                view.putLong(0, 42);
                CompletableFuture<Void> persist = CompletableFuture.runAsync(() -> view.persist(0, 1L << 44), OWN_THREAD);
                Thread.sleep(200);
                long start = System.nanoTime();
                CompletableFuture<Void> punch = CompletableFuture.runAsync(() -> other.punchHole(PAGE, PAGE), OWN_THREAD);
                try {
                    punch.get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new AssertionError("the punch of another file failed while a persist ran", e.getCause());
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("the punch of another file did not end within 30 s while a persist ran");
                }
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                boolean persistDone = persist.isDone();
                // Closing the view ends a persist that is still walking, at its next section
                // (ClosedException): the walk of 2^32 pages would take half a minute.
                view.close();
                try {
                    persist.get(60, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    assertTrue(e.getCause() instanceof ClosedException, "the persist failed with " + e.getCause());
                }
                assertTrue(millis < 2000, "a punch of one page of another file took " + millis + " ms behind persist(0, 2^44)"
                        + " of a sparse file (persist " + (persistDone ? "had" : "had not") + " ended by then)");
            }
        } finally {
            TempStores.delete(path);
        }
    }
}
