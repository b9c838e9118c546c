package org.daxstore.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Layout parameters come from a superblock, which may hold anything its checksum covers. */
class LayoutTest {
    /**
     * A journal size near 2^63 (a multiple of 4 KiB) made the region offsets overflow; the layout
     * was refused only by luck, with a message about "-9223372036854759424 bytes of metadata".
     * It is now refused first, for what it is.
     */
    @Test
    void aJournalLargerThanTheContainerIsRefused() {
        long blockCount = 256;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Layout(12, blockCount, 16, Long.MAX_VALUE & -Layout.META_PAGE));
        assertTrue(e.getMessage().contains("journal"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Layout(12, blockCount, 16, blockCount << 12));
    }

    @Test
    void everyRegionOfAnAcceptedLayoutLiesInsideTheContainer() {
        Layout layout = Layout.forCapacity(512 << 10, 12, 16);
        assertTrue(layout.bitmapOffset() > 0 && layout.inodeTableOffset() > layout.bitmapOffset());
        assertTrue(layout.metadataBytes() < layout.containerSize());
    }

    /**
     * The minimum capacity a failed format names is exact: a store of that size formats, one
     * block less does not, for every block size and for small and large inode tables.
     */
    @Test
    void theMinimumCapacityIsTheSmallestThatFormats() {
        for (int shift = Layout.MIN_BLOCK_SHIFT; shift <= Layout.MAX_BLOCK_SHIFT; shift++) {
            for (int inodes : new int[] {1, 16, 1024, 100_000}) {
                long minimum = Layout.minimumCapacity(shift, inodes);
                Layout smallest = Layout.forCapacity(minimum, shift, inodes);
                assertEquals(1, smallest.dataBlockCount(), "2^" + shift + ", " + inodes + " inodes");
                long fewer = (minimum >>> shift) - 1;
                int blockShift = shift;
                assertThrows(IllegalArgumentException.class,
                        () -> new Layout(blockShift, fewer, inodes, Layout.requiredJournalBytes(blockShift, fewer)));
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> Layout.forCapacity(minimum - 1, blockShift, inodes));
                assertTrue(e.getMessage().contains("below the minimum of " + minimum + " bytes"), e.getMessage());
            }
        }
    }
}
