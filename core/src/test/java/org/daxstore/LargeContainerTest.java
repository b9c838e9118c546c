package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * A 6 GiB sparse container, mapped in 1 GiB chunks: a file crossing the 2 GiB and 4 GiB marks
 * of its own offsets, with its blocks placed past the 4 GiB mark of the container.
 */
class LargeContainerTest {
    private static final long GIB = 1L << 30;

    @Test
    void filesAndBlocksPastTwoAndFourGibibytes() {
        Path path = TempStores.newContainerPath("large-");
        byte[] pattern = new byte[3 * 4096 + 123];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) (i * 31 + 7);
        }
        long[] offsets = {2 * GIB - 5000, 4 * GIB - 5000};
        try {
            try (DaxStore store = DaxStore.open(path, StoreOptions.capacity(6 * GIB))) {
                // The allocator searches onward from its last allocation, so allocating and
                // freeing 4.5 GiB moves it past the 4 GiB mark without holding that memory.
                try (DaxFile spacer = store.create("spacer")) {
                    for (int i = 0; i < 9; i++) {
                        spacer.allocate(0, GIB / 2);
                        spacer.truncate(0);
                    }
                }
                try (DaxFile file = store.create("big")) {
                    for (long offset : offsets) {
                        file.write(offset, pattern);
                    }
                }
                assertTrue(store.check().isConsistent(), store.check().toString());
            }
            try (DaxStore store = DaxStore.open(path); DaxFile file = store.openFile("big")) {
                for (long offset : offsets) {
                    byte[] back = new byte[pattern.length];
                    file.read(offset, back);
                    assertArrayEquals(pattern, back, "at file offset " + offset);
                }
                assertTrue(store.check().isConsistent(), store.check().toString());
            }
        } finally {
            TempStores.delete(path);
        }
    }
}
