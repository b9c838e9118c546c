package org.daxstore.lucene;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Path;
import java.util.Arrays;

import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;
import org.daxstore.DaxStore;
import org.daxstore.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory closed while an input of a file it deleted is still open, and a second directory
 * on the same store: the second must not hide one of its own files under the name the first gave
 * its deleted file, or the first input's close deletes the second directory's file under its
 * readers (they failed with "has been deleted" before hidden names were made unique per directory).
 */
class HiddenNamesOfTwoDirectoriesTest {
    @TempDir
    Path dir;

    @Test
    void aClosedDirectorysLastInputDoesNotDeleteAnotherDirectorysHiddenFile() throws Exception {
        try (DaxStore store = DaxStore.open(dir.resolve("index.dax"), StoreOptions.capacity(16 << 20))) {
            DaxDirectory first = new DaxDirectory(store);
            write(first, "old", (byte) 1);
            IndexInput oldInput = first.openInput("old", IOContext.DEFAULT);
            first.deleteFile("old"); // hidden while oldInput is open
            first.close();           // the caller keeps the store, and oldInput stays open

            DaxDirectory second = new DaxDirectory(store);
            byte[] expected = write(second, "new", (byte) 2);
            IndexInput newInput = second.openInput("new", IOContext.DEFAULT);
            second.deleteFile("new"); // hidden too, while newInput reads it
            oldInput.close();         // the first directory's last input of its hidden file

            byte[] read = new byte[expected.length];
            newInput.readBytes(read, 0, read.length);
            assertArrayEquals(expected, read);
            newInput.close();
            second.close();
        }
    }

    private static byte[] write(DaxDirectory directory, String name, byte fill) throws Exception {
        byte[] bytes = new byte[100_000];
        Arrays.fill(bytes, fill);
        try (IndexOutput out = directory.createOutput(name, IOContext.DEFAULT)) {
            out.writeBytes(bytes, bytes.length);
        }
        return bytes;
    }
}
