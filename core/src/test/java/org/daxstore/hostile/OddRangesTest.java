package org.daxstore.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.function.LongConsumer;

import org.daxstore.AccessScope;
import org.daxstore.DaxFile;
import org.daxstore.DaxMapping;
import org.daxstore.DaxStore;
import org.daxstore.MapMode;
import org.daxstore.StoreOptions;
import org.daxstore.TempStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Views of odd ranges (empty, one byte, at the largest file size, unaligned, past the end) and
 * accesses at the edges: blocks, leaves of 512 pages, the file's size after truncates down and up.
 */
class OddRangesTest {
    private static final int PAGE = 4096;
    private static final long MAX = 1L << 46;

    private Path path;
    private DaxStore store;

    @BeforeEach
    void open() {
        path = TempStores.newContainerPath("hostile-odd");
        store = DaxStore.create(path, StoreOptions.capacity(64L << 20));
    }

    @AfterEach
    void close() {
        store.close();
        TempStores.delete(path);
    }

    @Test
    void emptyViewsRefuseEveryAccessAndCopyNothing() {
        DaxFile file = store.create("f");
        file.truncate(3 * PAGE);
        for (long offset : new long[] {0, 1, PAGE, 5 * PAGE, MAX}) {
            try (DaxMapping view = file.map(offset, 0)) {
                for (long index : new long[] {0, -1, 1, Long.MAX_VALUE, Long.MIN_VALUE}) {
                    assertThrows(IndexOutOfBoundsException.class, () -> view.getByte(index));
                    assertThrows(IndexOutOfBoundsException.class, () -> view.putLong(index, 1));
                    if (offset % 8 == 0) { // ordered accesses refuse an unaligned file offset first (IllegalArgumentException)
                        assertThrows(IndexOutOfBoundsException.class, () -> view.getLongVolatile(index & ~7L));
                    }
                }
                if (offset <= file.size()) {
                    view.get(0, new byte[0], 0, 0);
                    view.put(0, new byte[0], 0, 0);
                } else { // an empty copy past the end is refused like any access there (invariant 4)
                    assertThrows(IndexOutOfBoundsException.class, () -> view.get(0, new byte[0], 0, 0));
                    assertThrows(IndexOutOfBoundsException.class, () -> view.put(0, new byte[0], 0, 0));
                }
                view.persist(0, 0);
            }
        }
    }

    @Test
    void oneByteViewsAtEveryEdge() {
        DaxFile file = store.create("f");
        file.truncate(MAX);
        for (long offset : new long[] {0, PAGE - 1, PAGE, 512L * PAGE - 1, 512L * PAGE, MAX - PAGE, MAX - 1}) {
            try (DaxMapping view = file.map(offset, 1)) {
                assertEquals(0, view.getByte(0));
                view.putByte(0, (byte) 0x5A);
                assertEquals(0x5A, view.getByte(0));
                assertThrows(IndexOutOfBoundsException.class, () -> view.getByte(1));
                assertThrows(IndexOutOfBoundsException.class, () -> view.getShort(0));
                assertThrows(IndexOutOfBoundsException.class, () -> view.putShort(0, (short) 1));
                byte[] one = new byte[1];
                file.read(offset, one);
                assertEquals(0x5A, one[0], "at file offset " + offset);
            }
        }
        try (DaxMapping end = file.map(MAX, 0)) {
            assertThrows(IndexOutOfBoundsException.class, () -> end.getByte(0));
        }
        assertThrows(IllegalArgumentException.class, () -> file.map(MAX, 1));
        assertThrows(IllegalArgumentException.class, () -> file.map(MAX - 1, 2));
        assertThrows(IllegalArgumentException.class, () -> file.map(Long.MAX_VALUE, 1));
    }

    @Test
    void aViewOfTheWholeLargestFile() {
        DaxFile file = store.create("f");
        file.truncate(MAX);
        try (DaxMapping view = file.map(0, MAX)) {
            view.putLong(MAX - 8, 0x0102030405060708L);
            assertEquals(0x0102030405060708L, view.getLong(MAX - 8));
            assertEquals(0x0102030405060708L, view.getLongVolatile(MAX - 8));
            assertThrows(IndexOutOfBoundsException.class, () -> view.getLong(MAX - 7));
            assertThrows(IndexOutOfBoundsException.class, () -> view.getByte(MAX));
            view.putInt(MAX - 4096 - 2, 0xA1B2C3D4); // straddles the last two pages
            assertEquals(0xA1B2C3D4, view.getInt(MAX - 4096 - 2));
            try (AccessScope scope = view.scope(MAX - 2 * PAGE, 2 * PAGE, MapMode.READ_ONLY)) {
                assertEquals(0x0102030405060708L, scope.getLong(2 * PAGE - 8));
            }
            file.truncate(MAX - 4);
            assertThrows(IndexOutOfBoundsException.class, () -> view.getLong(MAX - 8));
            assertEquals(0x05060708, view.getInt(MAX - 8));
            file.truncate(MAX);
            assertEquals(0x05060708L, view.getLong(MAX - 8), "bytes past a truncated end read zero after growth");
        }
    }

    @Test
    void unalignedViewsStraddlingBlocksAndLeaves() {
        DaxFile file = store.create("f");
        long length = 1100L * PAGE + 123;
        file.truncate(length);
        long[] offsets = {1, 100, PAGE - 3, 511L * PAGE + 4093};
        for (long offset : offsets) {
            try (DaxMapping view = file.map(offset, length - offset)) {
                for (long edge = PAGE; edge < length; edge += PAGE) {
                    long index = edge - offset - 3;
                    if (index < 0 || index + 8 > view.length()) {
                        continue;
                    }
                    long value = edge * 31 + offset;
                    view.putLong(index, value);
                    assertEquals(value, view.getLong(index), "straddling file offset " + edge);
                }
            }
            try (DaxMapping check = file.map(0, length)) {
                for (long edge = PAGE; edge < length; edge += PAGE) {
                    long index = edge - 3;
                    if (index - offset < 0 || index + 8 > length) {
                        continue;
                    }
                    assertEquals(edge * 31 + offset, check.getLong(index), "a fresh aligned view at " + edge);
                }
            }
        }
    }

    @Test
    void theSizeBoundsEveryWidthAfterTruncatesDownAndUp() {
        DaxFile file = store.create("f");
        file.truncate(4 * PAGE);
        try (DaxMapping old = file.map(0, 8 * PAGE); DaxMapping unaligned = file.map(5, 8 * PAGE)) {
            for (long i = 0; i < 4 * PAGE; i += 8) {
                old.putLong(i, ~i); // every page translated through the old view
                unaligned.getByte(Math.max(0, i - 5));
            }
            for (long size : new long[] {3 * PAGE + 1000, 3 * PAGE, 3 * PAGE - 1, PAGE + 1, 1, 0, 2 * PAGE + 7}) {
                long before = file.size();
                file.truncate(size);
                DaxMapping fresh = file.map(0, 8 * PAGE);
                try {
                    for (DaxMapping view : new DaxMapping[] {old, fresh}) {
                        checkBound(view, 0, size);
                    }
                    checkBound(unaligned, 5, size);
                } finally {
                    fresh.close();
                }
                if (size > before) {
                    byte[] grown = new byte[(int) (size - before)];
                    old.get(before, grown, 0, grown.length);
                    assertArrayEquals(new byte[grown.length], grown, "bytes past the old end after growth to " + size);
                }
            }
        }
    }

    /** Every width at and around {@code size}, through a view starting at file offset {@code offset}. */
    private static void checkBound(DaxMapping view, long offset, long size) {
        for (int width : new int[] {1, 2, 4, 8}) {
            long lastIn = size - width - offset;
            for (long index = lastIn - 9; index <= lastIn + 9; index++) {
                if (index < 0) {
                    continue;
                }
                long at = index;
                LongConsumer access = switch (width) {
                    case 1 -> i -> view.getByte(i);
                    case 2 -> i -> view.getShort(i);
                    case 4 -> i -> view.putInt(i, view.getInt(i));
                    default -> i -> view.getLong(i);
                };
                if (index <= lastIn) {
                    access.accept(at);
                } else {
                    assertThrows(IndexOutOfBoundsException.class, () -> access.accept(at),
                            "width " + width + " at file offset " + (offset + at) + ", size " + size);
                }
            }
        }
        if (size - offset > 0) {
            assertThrows(IndexOutOfBoundsException.class, () -> view.get(0, new byte[(int) (size - offset + 1)], 0, (int) (size - offset + 1)));
        }
    }
}
