package org.daxstore.lucene;

import com.carrotsearch.randomizedtesting.ThreadFilter;

/**
 * The threads the store's libraries start once per JVM and keep (JNA's cleaner of native
 * memory), which the Lucene test framework would otherwise report as leaked by the first suite
 * that opens a store.
 */
public final class StoreThreadsFilter implements ThreadFilter {
    @Override
    public boolean reject(Thread t) {
        return t.getName().equals("JNA Cleaner");
    }
}
