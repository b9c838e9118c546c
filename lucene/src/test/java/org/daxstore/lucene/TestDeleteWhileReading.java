package org.daxstore.lucene;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.tests.util.LuceneTestCase;
import org.daxstore.DaxStore;

import com.carrotsearch.randomizedtesting.annotations.ThreadLeakFilters;

/**
 * A file deleted while an input reads it: the input goes on reading its own bytes (not those of
 * a new file of the same name, nor anybody else's), the name is free at once, and the file is
 * gone from the container when the input closes, or, if the process never closes it, at the
 * next open.
 */
@ThreadLeakFilters(defaultFilters = true, filters = StoreThreadsFilter.class)
public class TestDeleteWhileReading extends LuceneTestCase {

    public void testInputKeepsItsBytesAndTheFileGoesAtClose() throws IOException {
        Path container = createTempDir("deleteWhileReading").resolve("index.dax");
        try (DaxDirectory dir = DaxDirectory.open(container, TestDaxDirectory.OPTIONS)) {
            byte[] old = write(dir, "_0.cfs", 100_000 + random().nextInt(50_000));
            IndexInput input = dir.openInput("_0.cfs", IOContext.DEFAULT);
            IndexInput slice = input.slice("half", old.length / 2, old.length - old.length / 2);
            byte[] read = new byte[old.length];
            input.readBytes(read, 0, 1000);

            dir.deleteFile("_0.cfs");

            assertFalse(Arrays.asList(dir.listAll()).contains("_0.cfs"));
            expectThrows(NoSuchFileException.class, () -> dir.fileLength("_0.cfs"));
            expectThrows(NoSuchFileException.class, () -> dir.openInput("_0.cfs", IOContext.DEFAULT));
            expectThrows(NoSuchFileException.class, () -> dir.deleteFile("_0.cfs"));
            byte[] replacement = write(dir, "_0.cfs", old.length); // the name is free at once
            assertEquals(1, dir.listAll().length);
            assertEquals(1, hiddenFiles(dir.store()));

            input.readBytes(read, 1000, old.length - 1000);
            assertArrayEquals(old, read);
            byte[] tail = new byte[(int) slice.length()];
            slice.readBytes(tail, 0, tail.length);
            assertArrayEquals(Arrays.copyOfRange(old, old.length / 2, old.length), tail);
            IndexInput clone = input.clone();
            clone.seek(12345);
            assertEquals(old[12345], clone.readByte());
            assertEquals(old[777], input.randomAccessSlice(0, old.length).readByte(777L)); // random access too

            input.close();
            assertEquals("the hidden file is deleted when its input closes", 0, hiddenFiles(dir.store()));
            expectThrows(AlreadyClosedException.class, () -> clone.readBytes(new byte[8192], 0, 8192));

            try (IndexInput fresh = dir.openInput("_0.cfs", IOContext.DEFAULT)) {
                byte[] now = new byte[replacement.length];
                fresh.readBytes(now, 0, now.length);
                assertArrayEquals(replacement, now);
            }
        }
    }

    public void testTwoInputsOfOneFile() throws IOException {
        Path container = createTempDir("twoInputs").resolve("index.dax");
        try (DaxDirectory dir = DaxDirectory.open(container, TestDaxDirectory.OPTIONS)) {
            byte[] bytes = write(dir, "a", 20_000);
            IndexInput first = dir.openInput("a", IOContext.DEFAULT);
            IndexInput second = dir.openInput("a", IOContext.DEFAULT);
            dir.deleteFile("a");
            first.close();
            assertEquals("one input still reads it", 1, hiddenFiles(dir.store()));
            second.seek(bytes.length - 1);
            assertEquals(bytes[bytes.length - 1], second.readByte());
            second.close();
            assertEquals(0, hiddenFiles(dir.store()));
        }
    }

    public void testLeftoversOfAnInputNeverClosedGoAtTheNextOpen() throws IOException {
        Path container = createTempDir("leftovers").resolve("index.dax");
        IndexInput neverClosed;
        try (DaxDirectory dir = DaxDirectory.open(container, TestDaxDirectory.OPTIONS)) {
            write(dir, "_1.si", 10_000);
            neverClosed = dir.openInput("_1.si", IOContext.DEFAULT);
            dir.deleteFile("_1.si");
            assertEquals(1, hiddenFiles(dir.store()));
        }
        // the store is closed under the input: it fails, it does not crash or read stale memory
        expectThrows(AlreadyClosedException.class, () -> neverClosed.readBytes(new byte[10_000], 0, 10_000));
        try (DaxDirectory dir = DaxDirectory.open(container, TestDaxDirectory.OPTIONS)) {
            assertEquals(0, hiddenFiles(dir.store()));
            assertEquals(0, dir.listAll().length);
        }
        neverClosed.close();
    }

    public void testRenameWhileReading() throws IOException {
        Path container = createTempDir("renameWhileReading").resolve("index.dax");
        try (DaxDirectory dir = DaxDirectory.open(container, TestDaxDirectory.OPTIONS)) {
            byte[] bytes = write(dir, "pending_segments_1", 5000);
            try (IndexInput input = dir.openInput("pending_segments_1", IOContext.DEFAULT)) {
                dir.rename("pending_segments_1", "segments_1");
                dir.deleteFile("segments_1"); // deferred: the input follows the rename
                byte[] read = new byte[bytes.length];
                input.readBytes(read, 0, read.length);
                assertArrayEquals(bytes, read);
            }
            assertEquals(0, hiddenFiles(dir.store()));
            assertEquals(0, dir.store().list().size());
        }
    }

    static int hiddenFiles(DaxStore store) {
        int n = 0;
        for (String name : store.list()) {
            n += OpenFiles.isHidden(name) ? 1 : 0;
        }
        return n;
    }

    private static byte[] write(DaxDirectory dir, String name, int length) throws IOException {
        byte[] bytes = new byte[length];
        random().nextBytes(bytes);
        try (IndexOutput out = dir.createOutput(name, IOContext.DEFAULT)) {
            out.writeBytes(bytes, bytes.length);
        }
        return bytes;
    }
}
