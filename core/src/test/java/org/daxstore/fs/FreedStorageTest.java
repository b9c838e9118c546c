package org.daxstore.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.daxstore.StoreFullException;
import org.daxstore.StoreIOException;
import org.daxstore.TempStores;
import org.daxstore.alloc.BlockAllocator;
import org.daxstore.check.Fsck;
import org.daxstore.check.FsckReport;
import org.daxstore.check.StoreChecker;
import org.daxstore.media.ForwardingMedium;
import org.daxstore.media.Medium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 3: the storage of freed blocks is punched after the metadata lock is released
 * and outside every seqtex write section, and a block is not handed out again until its storage
 * has been dealt with ({@link BlockAllocator}, "Storage returned off the critical path").
 */
class FreedStorageTest {
    private static final int BLOCK = 4096;
    /** Bigger than the warm pool, so that every removal below punches. */
    private static final int FILE_BYTES = 4 << 20;

    /** One call of {@code punch}, with the state of the calling thread. */
    record Punch(long offset, long length, String thread, boolean underMetadataLock, List<String> inWriteSection) {
        boolean covers(long blockOffset) {
            return blockOffset >= offset && blockOffset < offset + length;
        }
    }

    /** Records every punch; can hold the first one to come on a latch, or fail it. */
    static final class WatchingMedium extends ForwardingMedium {
        final List<Punch> punches = new CopyOnWriteArrayList<>();
        final List<FileNode> watched = new CopyOnWriteArrayList<>();
        volatile Volume volume;
        /** If set, the next punch counts {@code held} down and waits for {@code release}. */
        volatile CountDownLatch release;
        final CountDownLatch held = new CountDownLatch(1);
        volatile Punch heldPunch;
        /** If true, the next punch throws, as a file system's I/O error would. */
        volatile boolean failNext;

        WatchingMedium(Medium inner) {
            super(inner);
        }

        @Override
        public boolean punch(long offset, long length) {
            List<String> writing = new ArrayList<>();
            for (FileNode node : watched) {
                // A write section makes the sequence odd; a closed seqtex (a deleted file) is odd for good.
                if (node.seqtex.isWriteLocked() && !node.seqtex.isClosed()) {
                    writing.add(node.name());
                }
            }
            Punch punch = new Punch(offset, length, Thread.currentThread().getName(), volume.holdsMetadataLock(), writing);
            punches.add(punch);
            CountDownLatch hold = release;
            if (hold != null) {
                release = null;
                heldPunch = punch;
                held.countDown();
                try {
                    assertTrue(hold.await(30, TimeUnit.SECONDS), "the test never released the punch");
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            if (failNext) {
                failNext = false;
                throw new StoreIOException("injected: cannot punch " + length + " bytes at container offset " + offset
                        + ": Input/output error");
            }
            return super.punch(offset, length);
        }
    }

    private final List<Path> paths = new ArrayList<>();
    private final List<Volume> open = new ArrayList<>();
    private WatchingMedium medium;
    private Volume volume;
    private Namespace names;
    private FileData data;

    private void openStore(long capacity) {
        Path path = TempStores.newContainerPath("freed-storage-");
        paths.add(path);
        AtomicReference<WatchingMedium> decorated = new AtomicReference<>();
        VolumeOptions options = VolumeOptions.capacity(capacity).withHooks(StoreHooks.NONE.withMediumDecorator(inner -> {
            WatchingMedium m = new WatchingMedium(inner);
            decorated.set(m);
            return m;
        }));
        volume = Volume.open(path, options, Volume.OpenMode.NEW);
        open.add(volume);
        medium = decorated.get();
        medium.volume = volume;
        names = new Namespace(volume);
        data = new FileData(volume);
    }

    @AfterEach
    void cleanUp() {
        for (Volume v : open) {
            v.close();
        }
        paths.forEach(TempStores::delete);
    }

    private FileNode fileOf(String name, int bytes, byte fill) {
        FileNode node = names.create(name);
        medium.watched.add(node);
        byte[] contents = new byte[bytes];
        Arrays.fill(contents, fill);
        data.write(node, 0, contents, 0, contents.length);
        return node;
    }

    private void assertPunchedOffTheCriticalPath(String operation, Runnable action) {
        medium.punches.clear();
        action.run();
        assertFalse(medium.punches.isEmpty(), operation + " punched nothing: the test would prove nothing");
        for (Punch punch : medium.punches) {
            assertFalse(punch.underMetadataLock(), operation + ": " + punch + " ran under the metadata lock");
            assertTrue(punch.inWriteSection().isEmpty(), operation + ": " + punch + " ran inside the write section of "
                    + punch.inWriteSection());
        }
        assertConsistent(operation);
    }

    private void assertConsistent(String when) {
        RuleReport report = volume.locked(() -> StoreChecker.check(volume));
        assertTrue(report.isConsistent(), when + ": " + report);
    }

    /** Every kind of removal, a failed growth's undo and close punch without the lock and outside the section. */
    @Test
    void storageIsPunchedWithoutTheMetadataLockAndOutsideEveryWriteSection() {
        openStore(16 << 20);
        FileNode a = fileOf("a", FILE_BYTES, (byte) 1);
        assertPunchedOffTheCriticalPath("truncate", () -> data.truncate(a, BLOCK));
        data.write(a, 0, new byte[FILE_BYTES], 0, FILE_BYTES);
        assertPunchedOffTheCriticalPath("punchHole", () -> data.punchHole(a, 0, FILE_BYTES));
        data.write(a, 0, new byte[FILE_BYTES], 0, FILE_BYTES);
        // Blocks freed by an update nested in locked (no view of 'a' is open, so no grace period
        // is needed): nothing is punched until the outer hold of the lock ends.
        assertPunchedOffTheCriticalPath("an update nested in locked", () -> volume.locked(() -> volume.update(a, w -> {
            volume.blockMap().free(w, 0, Long.MAX_VALUE);
            w.size = 0;
            return null;
        })));
        data.write(a, 0, new byte[FILE_BYTES], 0, FILE_BYTES);
        assertPunchedOffTheCriticalPath("delete", () -> names.delete("a"));

        fileOf("from", BLOCK, (byte) 2);
        fileOf("to", FILE_BYTES, (byte) 3);
        assertPunchedOffTheCriticalPath("renameReplacing", () -> names.renameReplacing("from", "to"));

        FileNode grown = fileOf("grown", BLOCK, (byte) 4);
        byte[] tooMuch = new byte[32 << 20];
        assertPunchedOffTheCriticalPath("a growth undone after StoreFullException", () -> assertThrows(
                StoreFullException.class, () -> data.write(grown, 0, tooMuch, 0, tooMuch.length)));

        medium.punches.clear();
        volume.close();
        assertFalse(medium.punches.isEmpty(), "close punched nothing: the warm pool was left backed");
        for (Punch punch : medium.punches) {
            assertFalse(punch.underMetadataLock(), "close: " + punch + " ran under the metadata lock");
        }
    }

    /** The blocks of {@code node}, data and map nodes. */
    private Set<Long> blocksOf(FileNode node) {
        Set<Long> blocks = new HashSet<>();
        volume.locked(() -> {
            volume.blockMap().forEachBlock(node, (block, level, firstPage) -> blocks.add(block));
            return null;
        });
        return blocks;
    }

    /** Starts {@code action} on a thread of its own; its failure, if any, lands in {@code failure}. */
    private static Thread start(String name, Runnable action, AtomicReference<Throwable> failure) {
        Thread thread = new Thread(() -> {
            try {
                action.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, name);
        thread.start();
        return thread;
    }

    /** Holds the next punch; returns once a thread is held in it. */
    private Thread truncateHeld(FileNode node, CountDownLatch release, AtomicReference<Throwable> failure)
            throws InterruptedException {
        medium.release = release;
        Thread truncator = start("truncator", () -> data.truncate(node, 0), failure);
        assertTrue(medium.held.await(10, TimeUnit.SECONDS), "the truncate never punched");
        return truncator;
    }

    /**
     * Blocks freed by a truncate whose punch is held are not handed out meanwhile, although the
     * allocator's scan reaches them before the blocks that are free: the blocks a file gets while
     * the punch is held are never in the punched range.
     */
    @Test
    void aBlockIsNotHandedOutWhileItsStorageIsPunched() throws Exception {
        openStore(16 << 20);
        FileNode a = fileOf("a", FILE_BYTES, (byte) 1);
        // Fill the store, then free that file: the scan's cursor is left at the end, so the next
        // scan wraps around and meets a's blocks before the free ones above them.
        FileNode filler = names.create("filler");
        long free = volume.locked(() -> volume.allocator().freeBlocks());
        data.allocate(filler, 0, (free - 16) * BLOCK);
        data.truncate(filler, 0); // its storage returned, by this thread, before it returns

        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread truncator = truncateHeld(a, release, failure);
        try {
            Punch held = medium.heldPunch;
            assertTrue(held.length() >= FILE_BYTES / 2, "the held punch covers only " + held.length() + " bytes");
            FileNode b = fileOf("b", 2 * FILE_BYTES / 4 * 3, (byte) 5); // more than the warm pool and the cursor's word
            for (long block : blocksOf(b)) {
                assertFalse(held.covers(volume.layout().blockOffset(block)),
                        "block " + block + " was handed out while its storage was being punched: " + held);
            }
        } finally {
            release.countDown();
            truncator.join(10_000);
        }
        assertFalse(truncator.isAlive(), "the truncate did not finish");
        if (failure.get() != null) {
            throw new AssertionError("the truncate failed", failure.get());
        }
        assertConsistent("after the punch");
    }

    /** True once {@code thread} waits in the allocator for punched storage to come back. */
    private static boolean waitsForReturnedStorage(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals("org.daxstore.alloc.StorageReturns") && frame.getMethodName().equals("awaitReturn")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A store whose only free space is being punched by another thread is not full: the
     * allocation waits for the punch and then succeeds, and meanwhile it does not hold up the
     * puncher (which returns the blocks without the metadata lock the allocation holds).
     */
    @Test
    void aFullStoreWhoseFreeSpaceIsBeingPunchedWaitsInsteadOfThrowing() throws Exception {
        openStore(4 << 20);
        FileNode a = names.create("a");
        medium.watched.add(a);
        long free = volume.locked(() -> volume.allocator().freeBlocks());
        data.allocate(a, 0, (free - 8) * BLOCK);
        try {
            for (long page = free - 8; volume.locked(() -> volume.allocator().freeBlocks()) > 0; page++) {
                data.write(a, page * BLOCK, new byte[1], 0, 1); // the last blocks, map nodes included
            }
        } catch (StoreFullException e) {
            // one block short of a new map node: full enough
        }
        assertTrue(volume.locked(() -> volume.allocator().freeBlocks()) <= 1, "the store is not full");
        long pages = a.size / BLOCK; // b needs no more blocks than a holds

        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Throwable> truncateFailure = new AtomicReference<>();
        AtomicReference<Throwable> growFailure = new AtomicReference<>();
        Thread truncator = truncateHeld(a, release, truncateFailure);
        Thread grower;
        try {
            FileNode b = names.create("b");
            grower = start("grower", () -> data.allocate(b, 0, pages * BLOCK), growFailure);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (grower.isAlive() && !waitsForReturnedStorage(grower) && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertTrue(grower.isAlive(), "the allocation did not wait for the held punch: "
                    + (growFailure.get() == null ? "it finished" : "it failed with " + growFailure.get()));
            assertTrue(waitsForReturnedStorage(grower), "the allocation is not waiting for punched storage");
        } finally {
            release.countDown();
            truncator.join(10_000);
        }
        grower.join(20_000);
        assertFalse(truncator.isAlive(), "the truncate did not finish");
        assertFalse(grower.isAlive(), "the allocation did not finish after the punch was released");
        if (truncateFailure.get() != null) {
            throw new AssertionError("the truncate failed", truncateFailure.get());
        }
        if (growFailure.get() != null) {
            throw new AssertionError("the allocation failed although the store had room once punched", growFailure.get());
        }
        assertConsistent("after the regrowth");
    }

    /**
     * A punch that fails loses no block: the free count comes back to what it was, the blocks
     * read as zeros when handed out again (the failed punch left their old bytes), and the store
     * checks clean, open and after close and reopen.
     */
    @Test
    void aFailedPunchLosesNoBlockAndItsBlocksAreZeroedBeforeReuse() {
        openStore(16 << 20);
        long freeAtStart = volume.locked(() -> volume.allocator().freeBlocks());
        FileNode a = fileOf("a", FILE_BYTES, (byte) 0x5A);
        medium.failNext = true;
        data.truncate(a, 0); // committed: the failure of the punch after it is not the truncate's
        assertFalse(medium.failNext, "the truncate punched nothing");
        assertEquals(freeAtStart, (long) volume.locked(() -> volume.allocator().freeBlocks()), "blocks lost");
        assertEquals(0, (long) volume.locked(() -> volume.allocator().storagePendingBlocks()), "blocks left pending");
        assertConsistent("after a failed punch");

        FileNode b = names.create("b");
        long whole = (freeAtStart - 16) * BLOCK; // every block but what b's map needs: a's are among them
        data.allocate(b, 0, whole);
        byte[] chunk = new byte[1 << 20];
        for (long pos = 0; pos < whole; pos += chunk.length) {
            int n = data.read(b, pos, chunk, 0, (int) Math.min(chunk.length, whole - pos));
            for (int i = 0; i < n; i++) {
                if (chunk[i] != 0) {
                    fail("byte " + (pos + i) + " of a fresh file reads " + chunk[i] + ": a block whose punch failed was"
                            + " handed out without being zeroed");
                }
            }
        }
        Path path = volume.path();
        volume.close();
        FsckReport report = Fsck.check(path);
        assertEquals(FsckReport.Status.CLEAN, report.status(), report.toString());
        volume = Volume.open(path, VolumeOptions.forExisting(), Volume.OpenMode.EXISTING);
        open.add(volume);
        assertConsistent("after reopen");
    }
}
