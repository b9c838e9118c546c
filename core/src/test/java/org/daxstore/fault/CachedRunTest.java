package org.daxstore.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.daxstore.TempStores;
import org.daxstore.fs.FileData;
import org.daxstore.fs.FileNode;
import org.daxstore.fs.Namespace;
import org.daxstore.fs.Volume;
import org.daxstore.fs.VolumeOptions;
import org.daxstore.sync.AccessSections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ViewAccess#hitRun}: the runs a bulk copy moves in one copy. A run may only cover pages
 * with installed translations whose blocks follow each other in the container, and a removal
 * takes its pages out of every run.
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
        volume = Volume.open(path, VolumeOptions.capacity(8 << 20), Volume.OpenMode.NEW);
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

    private ViewAccess view(int pages, boolean writable) {
        return new ViewAccess(volume, data, node, 0, (long) pages * BLOCK, writable, null);
    }

    /** Faults {@code pages} (view page numbers) for a load, each in a section of its own. */
    private void fault(ViewAccess view, int... pages) {
        Translator translator = view.translator();
        for (int page : pages) {
            AccessSections.Slot slot = sections.enter();
            try {
                translator.fault(slot, (long) page * BLOCK, false, translator.stableSequence(slot));
            } finally {
                sections.leave(slot);
            }
        }
    }

    /** The run from {@code index}, measured as a copy does: 0 if its page misses. */
    private static int run(ViewAccess view, long index, int limit) {
        long address = view.hitAddress(index, 1, false);
        return address == 0 ? 0 : view.hitRun(index, address, limit);
    }

    @Test
    void adjacentBlocksMakeOneRunUpToTheLimit() {
        writePages(0, 1, 2, 3);
        ViewAccess view = view(4, false);
        fault(view, 0, 1, 2, 3);
        assertEquals(4 * BLOCK - 10, run(view, 10, 4 * BLOCK - 10));
        assertEquals(2 * BLOCK + 5, run(view, 10, 2 * BLOCK + 5), "the limit cuts the run");
        assertEquals(7, run(view, BLOCK, 7));
    }

    @Test
    void aRunEndsWhereTheNextBlockIsNotAdjacent() {
        writePages(1, 0, 2, 3);
        ViewAccess view = view(4, false);
        fault(view, 0, 1, 2, 3);
        assertEquals(BLOCK, run(view, 0, 4 * BLOCK), "page 1's block comes before page 0's");
        assertEquals(BLOCK, run(view, BLOCK, 3 * BLOCK), "page 2's block is two after page 1's");
        assertEquals(2 * BLOCK, run(view, 2 * BLOCK, 2 * BLOCK));
    }

    @Test
    void aRunEndsAtAnUntranslatedPageAndIsEmptyOnAMiss() {
        writePages(0, 1, 2, 3);
        ViewAccess view = view(4, false);
        assertEquals(0, run(view, 0, 4 * BLOCK), "nothing is translated yet");
        fault(view, 0, 1, 3);
        assertEquals(2 * BLOCK, run(view, 0, 4 * BLOCK));
        assertEquals(view.hitAddress(0, 1, false) + 100, view.hitAddress(100, 1, false));
        assertEquals(0, view.hitAddress(2 * BLOCK, 1, false));
    }

    @Test
    void aReadOnlyViewHasNoTranslationForAStore() {
        writePages(0, 1);
        ViewAccess view = view(2, false);
        fault(view, 0, 1);
        assertEquals(0, view.hitAddress(0, 1, true));
        assertTrue(view.hitAddress(0, 1, false) != 0);
    }

    @Test
    void aPunchTakesItsPageOutOfEveryRun() {
        writePages(0, 1, 2, 3);
        ViewAccess view = view(4, false);
        fault(view, 0, 1, 2, 3);
        assertEquals(4 * BLOCK, run(view, 0, 4 * BLOCK));
        data.punchHole(node, 2 * BLOCK, BLOCK);
        assertEquals(2 * BLOCK, run(view, 0, 4 * BLOCK), "the punched page must end the run");
        assertEquals(0, view.hitAddress(2 * BLOCK, 1, false));
        assertTrue(view.hitAddress(3 * BLOCK, 1, false) != 0, "the punch shot down only its own page");
    }
}
