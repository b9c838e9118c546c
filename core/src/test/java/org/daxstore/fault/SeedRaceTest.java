package org.daxstore.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
 * The race the Linux DAX fault path had to solve, made deterministic: a fault has looked up a
 * block when a punch of that block starts. The fault must not install the translation, and the
 * punch must not unlink the block while the faulting access is still running.
 */
class SeedRaceTest {
    private static final int BLOCK = 4096;
    private Path path;
    private Volume volume;
    private FileData data;
    private FileNode node;

    @BeforeEach
    void setUp() {
        path = TempStores.newContainerPath("seed-race-");
        volume = Volume.open(path, VolumeOptions.capacity(8 << 20), Volume.OpenMode.NEW);
        data = new FileData(volume);
        node = new Namespace(volume).create("f");
        byte[] page = new byte[BLOCK];
        page[0] = 42;
        data.write(node, 0, page, 0, BLOCK);
    }

    @AfterEach
    void tearDown() {
        volume.close();
        TempStores.delete(path);
    }

    /** Faults page 0 for a load in its own section, as a miss of {@code DaxMapping.getByte} does. */
    private static void faultPageZero(ViewAccess view, AccessSections sections) {
        Translator translator = view.translator();
        AccessSections.Slot slot = sections.enter();
        try {
            translator.fault(slot, 0, false, translator.stableSequence(slot));
        } finally {
            sections.leave(slot);
        }
    }

    @Test
    void aFaultThatLookedUpABlockBeforeAPunchStartsDoesNotInstallIt() throws Exception {
        AccessSections sections = volume.sections();
        CountDownLatch lookedUp = new CountDownLatch(1);
        CountDownLatch punchStarted = new CountDownLatch(1);
        AtomicLong blockSeen = new AtomicLong();
        ViewAccess view = new ViewAccess(volume, data, node, 0, BLOCK, true, (page, block) -> {
            blockSeen.set(block);
            lookedUp.countDown();
            try {
                punchStarted.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread faulting = new Thread(() -> faultPageZero(view, sections));
        faulting.start();
        assertTrue(lookedUp.await(10, TimeUnit.SECONDS));
        assertEquals(node.mapRoot(), blockSeen.get());

        Thread punching = new Thread(() -> data.punchHole(node, 0, BLOCK));
        punching.start();
        try {
            checkThePunchWaitsForTheFault(punching, blockSeen.get());
        } finally {
            punchStarted.countDown();
        }
        faulting.join(10_000);
        punching.join(10_000);
        assertFalse(punching.isAlive());
        assertEquals(0, view.hitAddress(0, 1, false),
                "the fault installed a translation although a punch had started (the seed's race)");
        assertEquals(0, node.mapRoot(), "the punch removed the block");
    }

    private void checkThePunchWaitsForTheFault(Thread punching, long block) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!node.seqtex.isWriteLocked() && punching.isAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        punching.join(200);
        assertTrue(punching.isAlive(), "the punch must wait for the access that is faulting");
        assertEquals(block, node.mapRoot(), "nothing is unlinked while the fault runs");
    }

    @Test
    void aFaultWithNoPunchInstallsItsTranslation() {
        ViewAccess view = new ViewAccess(volume, data, node, 0, BLOCK, true, null);
        faultPageZero(view, volume.sections());
        assertTrue(view.hitAddress(0, 1, false) != 0, "the control case installs the translation");
    }

    /**
     * The other order of the race: the fault installs first, then a punch starts. The
     * shootdown must drop the translation before the punch unlinks the block, so that the next
     * access faults and reads the hole.
     */
    @Test
    void aPunchAfterTheInstallShootsItDown() {
        ViewAccess view = new ViewAccess(volume, data, node, 0, BLOCK, true, null);
        faultPageZero(view, volume.sections());
        assertTrue(view.hitAddress(0, 1, false) != 0);
        data.punchHole(node, 0, BLOCK);
        assertEquals(0, view.hitAddress(0, 1, false), "the punch left a translation of its block installed");
    }
}
