package org.daxstore.lucene;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.lucene.store.Directory;

import com.carrotsearch.randomizedtesting.annotations.ThreadLeakFilters;
import org.apache.lucene.tests.store.BaseDirectoryTestCase;
import org.daxstore.StoreOptions;

/**
 * Lucene's own suite for directories ({@link BaseDirectoryTestCase}) over a {@link DaxDirectory}:
 * each test gets a fresh container in the test's temporary directory. Two of its tests assume an
 * {@code FSDirectory} (they reach the files through the file system) and report themselves
 * skipped: testFsyncDoesntCreateNewFiles and testPendingDeletions.
 */
@ThreadLeakFilters(defaultFilters = true, filters = StoreThreadsFilter.class)
public class TestDaxDirectory extends BaseDirectoryTestCase {
    /** Room for the largest files of the suite (testCopyBytes writes up to 1.7 MB, several at once). */
    static final StoreOptions OPTIONS = StoreOptions.capacity(256L << 20).withMaxFiles(4096);

    @Override
    protected Directory getDirectory(Path path) throws IOException {
        Files.createDirectories(path); // testNoDir removes it, and wants an empty index, not a failed open
        return DaxDirectory.open(path.resolve("index.dax"), OPTIONS);
    }
}
