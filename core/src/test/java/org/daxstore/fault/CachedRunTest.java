package org.daxstore.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.daxstore.StoreOptions;
import org.daxstore.TempStores;
import org.daxstore.fs.FileData;
import org.daxstore.fs.FileNode;
import org.daxstore.fs.Namespace;
import org.daxstore.fs.Volume;
import org.daxstore.sync.AccessSections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Translator#cachedRun}: the runs a bulk copy moves in one copy. A run may only cover
 * pages whose entries are valid for the section's sequence (writable, for a store) and whose
 * blocks follow each other in the container.
 */
class CachedRunTest {
    private static final int BLOCK = 4096;
    private Path path;
    private Volume volume;
    private FileData data;
    private FileNode node;
    private AccessSections sections;

    @BeforeEach
    void setUp() {
        path = TempStores.newContainerPath("cached-run-");
        volume = Volume.open(path, StoreOptions.capacity(8 << 20), Volume.OpenMode.NEW);
        data = new FileData(volume);
        node = new Namespace(volume).create("f");
        sections = volume.sections();
        // Give the block map its first level now: the pages written next then get data blocks
        // in the order written, with no map node between them.
        writePages(100);
    }

    @AfterEach
    void tearDown() {
        volume.close();
        TempStores.delete(path);
    }

    /** Pages written in this order get blocks in this order (a fresh store allocates upwards). */
    private void writePages(int... pages) {
        for (int page : pages) {
            data.write(node, (long) page * BLOCK, new byte[] {1}, 0, 1);
        }
    }

    private Translator view(int pages, boolean writable) {
        return new Translator(volume, node, 0, (long) pages * BLOCK, writable, volume.zeroPageAddress());
    }

    /** Faults every page for a load, then measures the run from {@code index}, all in one section. */
    private int warmRun(Translator view, int pages, long index, int limit, boolean storing) {
        AccessSections.Slot slot = sections.enter();
        try {
            long seq = view.begin(slot);
            for (int p = 0; p < pages; p++) {
                view.faultForLoad((long) p * BLOCK, seq);
            }
            return view.cachedRun(index, limit, seq, storing);
        } finally {
            sections.leave(slot);
        }
    }

    @Test
    void adjacentBlocksMakeOneRunUpToTheLimit() {
        writePages(0, 1, 2, 3);
        Translator view = view(4, false);
        assertEquals(4 * BLOCK - 10, warmRun(view, 4, 10, 4 * BLOCK - 10, false));
        assertEquals(2 * BLOCK + 5, warmRun(view, 4, 10, 2 * BLOCK + 5, false), "the limit cuts the run");
        assertEquals(7, warmRun(view, 4, BLOCK, 7, false));
    }

    @Test
    void aRunEndsWhereTheNextBlockIsNotAdjacent() {
        writePages(1, 0, 2, 3);
        Translator view = view(4, false);
        assertEquals(BLOCK, warmRun(view, 4, 0, 4 * BLOCK, false), "page 1's block comes before page 0's");
        assertEquals(BLOCK, warmRun(view, 4, BLOCK, 3 * BLOCK, false), "page 2's block is two after page 1's");
        assertEquals(2 * BLOCK, warmRun(view, 4, 2 * BLOCK, 2 * BLOCK, false));
    }

    @Test
    void aRunEndsAtAnUncachedPageAndIsEmptyOnAMiss() {
        writePages(0, 1, 2, 3);
        Translator view = view(4, false);
        AccessSections.Slot slot = sections.enter();
        try {
            long seq = view.begin(slot);
            assertEquals(0, view.cachedRun(0, 4 * BLOCK, seq, false), "nothing is cached yet");
            view.faultForLoad(0, seq);
            view.faultForLoad(BLOCK, seq);
            view.faultForLoad(3 * BLOCK, seq);
            assertEquals(2 * BLOCK, view.cachedRun(0, 4 * BLOCK, seq, false));
            assertEquals(view.cachedBlockAddressForTesting(0, seq) + 100, view.cachedAddress(100, seq));
            assertEquals(0, view.cachedAddress(2 * BLOCK, seq));
        } finally {
            sections.leave(slot);
        }
    }

    @Test
    void aRunForAStoreNeedsWritableEntries() {
        writePages(0, 1, 2, 3);
        Translator view = view(4, true);
        assertEquals(0, warmRun(view, 4, 0, 4 * BLOCK, true), "load faults cache read-only entries");
        AccessSections.Slot slot = sections.enter();
        try {
            long seq = view.begin(slot);
            view.faultForStore(0, seq);
            view.faultForStore(BLOCK, seq);
            assertEquals(2 * BLOCK, view.cachedRun(0, 4 * BLOCK, seq, true));
            assertEquals(4 * BLOCK, view.cachedRun(0, 4 * BLOCK, seq, false));
        } finally {
            sections.leave(slot);
        }
    }

    @Test
    void aRemovalMakesEveryEntryOfARunStale() {
        writePages(0, 1, 2, 3);
        Translator view = view(4, false);
        assertEquals(4 * BLOCK, warmRun(view, 4, 0, 4 * BLOCK, false));
        data.punchHole(node, 2 * BLOCK, BLOCK);
        AccessSections.Slot slot = sections.enter();
        try {
            long seq = view.begin(slot);
            view.faultForLoad(0, seq);
            assertEquals(BLOCK, view.cachedRun(0, 4 * BLOCK, seq, false),
                    "page 1's entry predates the punch: it must not extend the run");
        } finally {
            sections.leave(slot);
        }
    }
}
