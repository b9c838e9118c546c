package org.daxstore.lucene;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.RandomAccessInput;
import org.apache.lucene.tests.util.LuceneTestCase;

import com.carrotsearch.randomizedtesting.annotations.ThreadLeakFilters;

/**
 * Values that straddle the end of an input's window ({@link DaxIndexInput#MAX_FILL}), where its
 * fast paths hand over to the byte-by-byte ones: a mixed stream of vints, vlongs, shorts, ints,
 * longs and bulk arrays at every alignment, read back sequentially, through slices at odd
 * offsets, and at random positions.
 */
@ThreadLeakFilters(defaultFilters = true, filters = StoreThreadsFilter.class)
public class TestWindowEdges extends LuceneTestCase {

    public void testMixedValuesAcrossWindows() throws IOException {
        Path container = createTempDir("windowEdges").resolve("index.dax");
        long seed = random().nextLong();
        int values = 20_000;
        try (DaxDirectory dir = DaxDirectory.open(container, TestDaxDirectory.OPTIONS)) {
            try (IndexOutput out = dir.createOutput("mixed", IOContext.DEFAULT)) {
                out.writeByte((byte) 7); // everything after it is unaligned
                Random r = new Random(seed);
                for (int i = 0; i < values; i++) {
                    write(out, r);
                }
            }
            try (IndexInput in = dir.openInput("mixed", IOContext.DEFAULT)) {
                assertTrue("the file spans many windows", in.length() > 10 * DaxIndexInput.MAX_FILL);
                assertEquals(7, in.readByte());
                Random r = new Random(seed);
                for (int i = 0; i < values; i++) {
                    check(in, r, i);
                }
                assertEquals(in.length(), in.getFilePointer());

                int offset = 1 + random().nextInt(DaxIndexInput.MAX_FILL);
                IndexInput slice = in.slice("odd", offset, in.length() - offset);
                RandomAccessInput random = in.randomAccessSlice(offset, in.length() - offset);
                byte[] whole = new byte[(int) in.length()];
                in.seek(0);
                in.readBytes(whole, 0, whole.length);
                for (int i = 0; i < 2000; i++) {
                    int at = random().nextInt(whole.length - offset - 8);
                    slice.seek(at);
                    long expected = littleEndianLong(whole, offset + at);
                    assertEquals(expected, slice.readLong());
                    assertEquals(expected, random.readLong(at));
                    assertEquals((int) expected, random.readInt(at));
                    assertEquals((short) expected, random.readShort(at));
                    assertEquals((byte) expected, random.readByte(at));
                }
            }
        }
    }

    private static void write(IndexOutput out, Random r) throws IOException {
        switch (r.nextInt(6)) {
            case 0: out.writeVInt(r.nextInt() >>> r.nextInt(32)); break;
            case 1: out.writeVLong(r.nextLong() >>> (1 + r.nextInt(63))); break;
            case 2: out.writeShort((short) r.nextInt()); break;
            case 3: out.writeInt(r.nextInt()); break;
            case 4: out.writeLong(r.nextLong()); break;
            default:
                int n = r.nextInt(40);
                for (int i = 0; i < n; i++) {
                    out.writeLong(r.nextLong());
                }
                break;
        }
    }

    private static void check(IndexInput in, Random r, int i) throws IOException {
        String at = "value " + i + " at " + in.getFilePointer();
        switch (r.nextInt(6)) {
            case 0: assertEquals(at, r.nextInt() >>> r.nextInt(32), in.readVInt()); break;
            case 1: assertEquals(at, r.nextLong() >>> (1 + r.nextInt(63)), in.readVLong()); break;
            case 2: assertEquals(at, (short) r.nextInt(), in.readShort()); break;
            case 3: assertEquals(at, r.nextInt(), in.readInt()); break;
            case 4: assertEquals(at, r.nextLong(), in.readLong()); break;
            default:
                int n = r.nextInt(40);
                long[] longs = new long[n];
                in.readLongs(longs, 0, n);
                for (int k = 0; k < n; k++) {
                    assertEquals(at, r.nextLong(), longs[k]);
                }
                break;
        }
    }

    private static long littleEndianLong(byte[] b, int at) {
        long v = 0;
        for (int k = 7; k >= 0; k--) {
            v = (v << 8) | (b[at + k] & 0xFFL);
        }
        return v;
    }
}
