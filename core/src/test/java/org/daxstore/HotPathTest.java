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
                long sum = run(view, 200_000);
                long id = Thread.currentThread().getId();
                long before = threads.getThreadAllocatedBytes(id);
                sum += run(view, 1_000_000);
                long allocated = threads.getThreadAllocatedBytes(id) - before;
                assertTrue(allocated < 1024, "a million warm view accesses allocated " + allocated + " bytes (sum " + sum + ")");
                try (AccessScope scope = view.scope(0, 64 * BLOCK, MapMode.READ_WRITE)) {
                    before = threads.getThreadAllocatedBytes(id);
                    for (int i = 0; i < 1_000_000; i++) {
                        long offset = (i * 8L * 613) % (64 * BLOCK - 8) & -8L;
                        scope.putLong(offset, i);
                        sum += scope.getLong(offset);
                    }
                    allocated = threads.getThreadAllocatedBytes(id) - before;
                    assertTrue(allocated < 1024, "a million scoped accesses allocated " + allocated + " bytes (sum " + sum + ")");
                }
            }
        } finally {
            TempStores.delete(path);
        }
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
