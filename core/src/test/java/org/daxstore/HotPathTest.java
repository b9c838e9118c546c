package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * docs/DESIGN.md invariant 7, the part a test can see: with translations warm, loads and stores
 * through a view and through a scope allocate nothing. (That the hot path takes no lock and no
 * read-modify-write is visible in DaxMapping.load/store and Translator.loadAddress/storeAddress;
 * the JMH suite measures its cost.)
 */
class HotPathTest {
    private static final int BLOCK = 4096;

    @Test
    void warmAccessesAllocateNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "this JVM cannot count allocated bytes per thread");
        Path path = TempStores.newContainerPath("hot-");
        try (DaxStore store = DaxStore.open(path, StoreOptions.capacity(16 << 20)); DaxFile file = store.create("f")) {
            file.allocate(0, 64 * BLOCK);
            try (DaxMapping view = file.map(0, 64 * BLOCK)) {
                long[] sum = {run(view, 200_000)};
                long allocated = leastAllocated(threads, () -> sum[0] += run(view, 1_000_000));
                assertTrue(allocated < 1024, "a million warm view accesses allocated " + allocated + " bytes (sum " + sum[0] + ")");
                try (AccessScope scope = view.scope(0, 64 * BLOCK, MapMode.READ_WRITE)) {
                    sum[0] += runScoped(scope, 200_000);
                    allocated = leastAllocated(threads, () -> sum[0] += runScoped(scope, 1_000_000));
                    assertTrue(allocated < 1024, "a million warm scoped accesses allocated " + allocated + " bytes (sum "
                            + sum[0] + ")");
                }
            }
        } finally {
            TempStores.delete(path);
        }
    }

    /**
     * The fewest bytes {@code accesses} allocated in three runs: a path that allocates per access
     * does so in every run, while a compilation that finishes late on a loaded machine (a few
     * hundred bytes, once: CI saw 1,056 at a load average of 15) shows in one run at most.
     */
    private static long leastAllocated(com.sun.management.ThreadMXBean threads, Runnable accesses) {
        long id = Thread.currentThread().getId();
        long least = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 3; attempt++) {
            long before = threads.getThreadAllocatedBytes(id);
            accesses.run();
            least = Math.min(least, threads.getThreadAllocatedBytes(id) - before);
        }
        return least;
    }

    private static long runScoped(AccessScope scope, int accesses) {
        long sum = 0;
        for (int i = 0; i < accesses; i++) {
            long offset = (i * 8L * 613) % (64 * BLOCK - 8) & -8L;
            scope.putLong(offset, i);
            sum += scope.getLong(offset);
        }
        return sum;
    }

    private static long run(DaxMapping view, int accesses) {
        long sum = 0;
        for (int i = 0; i < accesses; i++) {
            long offset = (i * 8L * 613) % (64 * BLOCK - 8) & -8L;
            view.putLong(offset, i);
            sum += view.getLong(offset);
        }
        return sum;
    }
}
