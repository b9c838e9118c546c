package org.daxstore.lucene;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.tests.util.LuceneTestCase;
import org.daxstore.DaxStore;

import com.carrotsearch.randomizedtesting.annotations.ThreadLeakFilters;

/**
 * What {@link DaxDirectory} promises beyond Lucene's suite: its locks, its refusals once
 * closed, the exceptions for bad and taken names, and one directory per store.
 */
@ThreadLeakFilters(defaultFilters = true, filters = StoreThreadsFilter.class)
public class TestDirectoryContract extends LuceneTestCase {

    public void testLocks() throws IOException {
        DaxDirectory dir = open("locks");
        Lock lock = dir.obtainLock("write.lock");
        lock.ensureValid();
        expectThrows(LockObtainFailedException.class, () -> dir.obtainLock("write.lock"));
        Lock other = dir.obtainLock("other.lock");
        lock.close();
        expectThrows(AlreadyClosedException.class, lock::ensureValid);
        Lock again = dir.obtainLock("write.lock");
        again.ensureValid();
        dir.close();
        expectThrows(AlreadyClosedException.class, again::ensureValid);
        expectThrows(AlreadyClosedException.class, other::ensureValid);
        again.close();
        other.close();
    }

    public void testEveryMethodOfAClosedDirectoryRefuses() throws IOException {
        DaxDirectory dir = open("closed");
        try (IndexOutput out = dir.createOutput("a", IOContext.DEFAULT)) {
            out.writeInt(1);
        }
        dir.close();
        dir.close(); // idempotent
        expectThrows(AlreadyClosedException.class, dir::listAll);
        expectThrows(AlreadyClosedException.class, () -> dir.deleteFile("a"));
        expectThrows(AlreadyClosedException.class, () -> dir.fileLength("a"));
        expectThrows(AlreadyClosedException.class, () -> dir.createOutput("b", IOContext.DEFAULT));
        expectThrows(AlreadyClosedException.class, () -> dir.createTempOutput("p", "s", IOContext.DEFAULT));
        expectThrows(AlreadyClosedException.class, () -> dir.sync(List.of("a")));
        expectThrows(AlreadyClosedException.class, dir::syncMetaData);
        expectThrows(AlreadyClosedException.class, () -> dir.rename("a", "c"));
        expectThrows(AlreadyClosedException.class, () -> dir.openInput("a", IOContext.DEFAULT));
        expectThrows(AlreadyClosedException.class, () -> dir.openChecksumInput("a", IOContext.DEFAULT));
        expectThrows(AlreadyClosedException.class, () -> dir.obtainLock("write.lock"));
        expectThrows(AlreadyClosedException.class, dir::getPendingDeletions);
    }

    public void testNames() throws IOException {
        try (DaxDirectory dir = open("names")) {
            dir.createOutput("a", IOContext.DEFAULT).close();
            dir.createOutput("b", IOContext.DEFAULT).close();
            expectThrows(FileAlreadyExistsException.class, () -> dir.createOutput("a", IOContext.DEFAULT));
            expectThrows(FileAlreadyExistsException.class, () -> dir.rename("a", "b"));
            expectThrows(NoSuchFileException.class, () -> dir.rename("missing", "c"));
            expectThrows(NoSuchFileException.class, () -> dir.openInput("missing", IOContext.DEFAULT));
            expectThrows(NoSuchFileException.class, () -> dir.fileLength("missing"));
            expectThrows(NoSuchFileException.class, () -> dir.deleteFile("missing"));
            expectThrows(NoSuchFileException.class, () -> dir.sync(List.of("missing")));
            expectThrows(NoSuchFileException.class, () -> dir.openInput("no/such", IOContext.DEFAULT));
            expectThrows(IllegalArgumentException.class, () -> dir.createOutput("x/y", IOContext.DEFAULT));
            expectThrows(IllegalArgumentException.class, () -> dir.rename("a", "x/y"));
            expectThrows(IllegalArgumentException.class,
                    () -> dir.createOutput(OpenFiles.HIDDEN_PREFIX + "0", IOContext.DEFAULT));
            expectThrows(NoSuchFileException.class, () -> dir.openInput(OpenFiles.HIDDEN_PREFIX + "0", IOContext.DEFAULT));
            dir.rename("a", "c");
            assertArrayEquals(new String[] {"b", "c"}, dir.listAll());
            assertTrue(dir.getPendingDeletions().isEmpty());
        }
    }

    public void testOneDirectoryPerStore() throws IOException {
        Path container = createTempDir("onePerStore").resolve("index.dax");
        try (DaxStore store = DaxStore.open(container, TestDaxDirectory.OPTIONS)) {
            DaxDirectory first = new DaxDirectory(store);
            expectThrows(IllegalStateException.class, () -> new DaxDirectory(store));
            first.close();
            new DaxDirectory(store).close(); // free again once the first is closed
            // list() never returns null: it throws ClosedException if a directory closed the store
            assertEquals("a directory over a store it did not open leaves it open", List.of(), store.list());
        }
    }

    private DaxDirectory open(String name) throws IOException {
        return DaxDirectory.open(createTempDir(name).resolve("index.dax"), TestDaxDirectory.OPTIONS);
    }
}
