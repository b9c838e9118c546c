package org.daxstore.check;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.daxstore.CorruptStoreException;
import org.daxstore.MediumChoice;
import org.daxstore.NotAContainerException;
import org.daxstore.StoreIOException;
import org.daxstore.StoreLockedException;
import org.daxstore.format.JournalFormat;
import org.daxstore.format.Layout;
import org.daxstore.format.Superblock;
import org.daxstore.format.SuperblockCopies;
import org.daxstore.fs.InUseStorage;
import org.daxstore.journal.Recovery;
import org.daxstore.journal.ReplayOverlay;
import org.daxstore.media.ContainerFile;
import org.daxstore.media.ImageReader;
import org.daxstore.media.PositionalImage;
import org.daxstore.media.Medium;
import org.daxstore.media.MediumSelector;
import org.daxstore.media.Memory;

/**
 * {@code daxstore fsck --repair}: fixes, in place, everything the offline {@link Fsck} can find,
 * so that afterwards it finds the container clean and the store opens; files the damage did not
 * reach keep every byte. FORMAT.md, "Repair", is the user's account; in order:
 *
 * <ol>
 *   <li>The container is opened and locked exclusively, as a store would be: a store open in
 *       this JVM or elsewhere makes it "in use", as for fsck, and nothing is written.</li>
 *   <li>fsck runs under that lock. Clean: nothing to do. Unusable (not a container, both
 *       superblocks damaged): nothing is written, ever: an image the repair cannot identify as a
 *       container is never touched.</li>
 *   <li>The superblock to trust is chosen ({@link SuperblockChoice}); the file is cut or
 *       extended (with zeros) to the length it describes, and its metadata pages are backed.</li>
 *   <li>Both superblock copies are written from it with the clean flag 0, primary first, each
 *       durable before the next: a store opened after a repair cut short recovers and checks
 *       everything, and both copies are never torn at once.</li>
 *   <li>The journal: a valid record is replayed in place (after a crash it is the transaction
 *       the crash interrupted; after a clean close its words must already be there, and where
 *       they are not, the record, under its checksum, is the likelier truth than the words,
 *       which have none); a record that names a word it may not is discarded.</li>
 *   <li>The rest is planned ({@link RepairPlan}) and written ({@link RepairWriter}) through the
 *       store's own journal.</li>
 *   <li>Everything is made durable, both superblocks are marked clean, and fsck runs again: the
 *       report's verdict. Should it still find a problem (a defect of the repair), the clean flag
 *       goes back to 0, so that an open checks everything.</li>
 * </ol>
 * Idempotent: a repaired container checks clean, and a clean one is left untouched. A repair
 * cut short at any instant leaves a container that a second repair finishes: every write is a
 * journal transaction or a superblock copy written while the other is intact, and the plan is
 * made from the image alone (see {@link RepairWriter} for the order that makes this so).
 */
final class Repair {
    private final Path path;
    private final ContainerFile container;
    private final UnaryOperator<Medium> decorator;
    private final List<String> fixes = new ArrayList<>();

    private Repair(Path path, ContainerFile container, UnaryOperator<Medium> decorator) {
        this.path = path;
        this.container = container;
        this.decorator = decorator;
    }

    /**
     * Repairs the container at {@code path}; {@code decorator} wraps the medium the repair
     * writes through (tests record it, or stop it after some fences, to cut the repair short).
     */
    static RepairReport run(Path path, UnaryOperator<Medium> decorator) {
        if (ContainerFile.isOpenInThisJvm(path)) {
            return RepairReport.untouched(FsckReport.unusable(path, Fsck.IN_USE_IN_THIS_JVM));
        }
        ContainerFile container;
        try {
            container = ContainerFile.open(path, false);
        } catch (StoreLockedException e) {
            return RepairReport.untouched(FsckReport.unusable(path, Fsck.IN_USE_ELSEWHERE));
        } catch (NotAContainerException e) {
            // a FIFO, a directory, a device: refused before anything opened it (a FIFO would block the open)
            return RepairReport.untouched(FsckReport.unusable(path, e.getMessage()));
        } catch (StoreIOException e) {
            return RepairReport.untouched(FsckReport.unusable(path, path.toFile().exists() ? e.getMessage() : "no such file"));
        }
        try {
            FsckReport before = Fsck.check(path, container.file());
            if (before.status() != FsckReport.Status.INCONSISTENT) {
                return RepairReport.untouched(before);
            }
            return new Repair(path, container, decorator).repair(before);
        } finally {
            container.close();
        }
    }

    private RepairReport repair(FsckReport before) {
        SuperblockChoice choice;
        long length = container.size();
        try {
            choice = SuperblockChoice.choose(SuperblockCopies.decode(
                    Fsck.readSuperblock(container.file(), Layout.PRIMARY_SUPERBLOCK),
                    Fsck.readSuperblock(container.file(), Layout.SECONDARY_SUPERBLOCK), path.toString()),
                    container.file(), path, length);
        } catch (IOException e) {
            return RepairReport.untouched(FsckReport.unusable(path, "I/O error: " + e.getMessage()));
        }
        Superblock superblock = choice.chosen();
        Layout layout = superblock.layout();
        long lostFrom = fixLength(layout, length);
        boolean wasClean = superblock.clean();
        Medium medium = decorator.apply(MediumSelector.map(container, layout.containerSize(), layout.blockSize(),
                MediumChoice.fromSystemProperty()).medium());
        FsckReport after;
        try {
            medium.preallocate(0, layout.blockOffset(layout.firstDataBlock()));
            writeSuperblocks(medium, superblock.withClean(false));
            fixes.addAll(choice.damage());
            long sequence = settleJournal(medium, layout, wasClean);
            RepairPlan plan = RepairPlan.make(reader(medium, layout), layout, lostFrom);
            fixes.addAll(plan.fixes());
            backWhatThePlanKeeps(medium, layout, plan);
            String bitmap = new RepairWriter(medium, reader(medium, layout), layout, sequence).write(plan);
            if (bitmap != null) {
                fixes.add(bitmap);
            }
            medium.drain();
            writeSuperblocks(medium, superblock.withClean(true));
            after = Fsck.check(path, container.file());
            if (after.status() != FsckReport.Status.CLEAN) {
                writeSuperblocks(medium, superblock.withClean(false));
            }
        } finally {
            medium.close();
        }
        RepairReport.Status status = after.status() == FsckReport.Status.CLEAN
                ? RepairReport.Status.REPAIRED : RepairReport.Status.INCONSISTENT;
        return new RepairReport(path, status, fixes, before, after);
    }

    /**
     * Backs the holes under every block the mended maps keep, before anything is written into
     * them: a repair keeps what a truncation or a sparse copy left as holes (the lost tail reads
     * as zeros), and a store into a hole through the mapping is SIGBUS on a full tmpfs. The
     * copies' targets are backed as they are written. A full file system is
     * {@link org.daxstore.StoreFullException} here, before the plan's first write: the container
     * is then as the steps before left it, which a second repair finishes.
     */
    private void backWhatThePlanKeeps(Medium medium, Layout layout, RepairPlan plan) {
        long[] owned = plan.owned();
        InUseStorage.back(container, medium, layout, first -> {
            int word = (int) (first >>> 6);
            return word < owned.length ? owned[word] : 0;
        });
    }

    /**
     * Backs the data blocks the replay of a journal record writes into (block-map nodes in use
     * after the record), before it writes: they may be holes, as above. Backing a block that is
     * backed already changes nothing.
     */
    private static void backReplayTargets(Medium medium, Layout layout, ReplayOverlay replayed) {
        long metadata = layout.metadataBytes();
        long lastBacked = -1;
        for (long offset : replayed.changedOffsets()) {
            long block = offset >>> layout.blockShift();
            if (offset >= metadata && block != lastBacked) {
                medium.preallocate(layout.blockOffset(block), layout.blockSize());
                lastBacked = block;
            }
        }
    }

    /**
     * How the repair reads the image it mends: by positional reads where the container is a file,
     * because a damaged pointer may lead into a hole, which a load through the mapping would make
     * tmpfs allocate (see {@link PositionalImage}); a device has no holes, and no {@code pread}.
     */
    private ImageReader reader(Medium medium, Layout layout) {
        return container.isDevice() ? ImageReader.of(medium) : new PositionalImage(container.file(), path, layout.containerSize());
    }

    /**
     * Gives the file the length {@code layout} describes. Returns the first block that lay
     * (wholly or partly) past the end of a file that was too short, or {@code Long.MAX_VALUE}.
     */
    private long fixLength(Layout layout, long length) {
        long size = layout.containerSize();
        if (container.isDevice() || length == size) {
            return Long.MAX_VALUE;
        }
        container.setLength(size);
        if (length > size) {
            fixes.add("the container was " + length + " bytes, " + (length - size) + " more than the " + size
                    + " its superblock describes: cut to " + size + " (the bytes past the last block belong to nothing)");
            return Long.MAX_VALUE;
        }
        long lostFrom = length >>> layout.blockShift();
        fixes.add("the container was " + length + " bytes, " + (size - length) + " fewer than the " + size
                + " its superblock describes: extended with zeros (blocks from " + lostFrom + " on read as zeros)");
        return lostFrom;
    }

    /** Writes both copies where they differ from {@code value}: primary first, each durable before the next. */
    private static void writeSuperblocks(Medium medium, Superblock value) {
        byte[] bytes = value.encode();
        byte[] current = new byte[bytes.length];
        for (long offset : new long[] {Layout.PRIMARY_SUPERBLOCK, Layout.SECONDARY_SUPERBLOCK}) {
            Memory.copyToHeap(medium.address(offset), current, 0, current.length);
            if (!java.util.Arrays.equals(current, bytes)) {
                Memory.copyFromHeap(bytes, 0, medium.address(offset), bytes.length);
                medium.persist(offset, bytes.length);
            }
        }
    }

    /**
     * Settles the journal: after a crash, replays a valid record in place, as the next open
     * would; after a clean close, discards a record whose words the image no longer holds (a
     * clean open never replays it, and the image, not a record of part of it, is what the rules
     * then repair); discards a record that the rules refuse. Returns the sequence number the
     * repair's own transactions follow.
     */
    private long settleJournal(Medium medium, Layout layout, boolean wasClean) {
        zeroReservedHeader(medium);
        Recovery.JournalRecord record;
        try {
            record = Recovery.read(medium, layout, path.toString());
        } catch (CorruptStoreException e) {
            discardJournal(medium);
            fixes.add(e.getMessage() + ": the record discarded");
            return 0;
        }
        if (record.status() != Recovery.Status.VALID) {
            return record.sequence();
        }
        if (wasClean) {
            String unapplied = Recovery.unappliedAfterCleanClose(record, layout, reader(medium, layout));
            if (unapplied != null) {
                discardJournal(medium);
                fixes.add(unapplied + ": the record discarded and the image kept (an open after a clean close never"
                        + " replays it)");
            }
            return record.sequence();
        }
        try {
            ReplayOverlay replayed = Recovery.replayOver(record, layout, reader(medium, layout), path.toString());
            backReplayTargets(medium, layout, replayed);
            replayed.applyTo(medium);
            if (replayed.changedWords() > 0) {
                fixes.add("journal record #" + record.sequence() + " replayed, as the next open would: "
                        + replayed.changedWords() + " of its " + record.size()
                        + " words written (the transaction a crash interrupted)");
            }
        } catch (CorruptStoreException e) {
            medium.drain();
            discardJournal(medium);
            fixes.add(e.getMessage() + ": the record discarded");
        }
        return record.sequence();
    }

    /**
     * Zeroes the reserved bytes of the record's header, which every record is written with and
     * which its CRC does not cover: a record whose only damage is there is kept (and replayed
     * after a crash), not discarded with the transaction it holds.
     */
    private void zeroReservedHeader(Medium medium) {
        boolean set = false;
        for (int at = JournalFormat.RESERVED_AT; at < JournalFormat.HEADER_BYTES; at++) {
            set |= Memory.getByte(medium.address(Layout.JOURNAL_OFFSET + at)) != 0;
        }
        if (set) {
            for (int at = JournalFormat.RESERVED_AT; at < JournalFormat.HEADER_BYTES; at++) {
                Memory.putByte(medium.address(Layout.JOURNAL_OFFSET + at), (byte) 0);
            }
            medium.persist(Layout.JOURNAL_OFFSET, JournalFormat.HEADER_BYTES);
            fixes.add("journal: reserved header bytes [" + (Layout.JOURNAL_OFFSET + JournalFormat.RESERVED_AT) + ", "
                    + (Layout.JOURNAL_OFFSET + JournalFormat.HEADER_BYTES) + ") were not zero: zeroed (the record's"
                    + " checksum does not cover them)");
        }
    }

    /** Zeroes the record's header: the journal reads as empty (torn, if cut short: ignored either way). */
    private static void discardJournal(Medium medium) {
        for (int at = 0; at < JournalFormat.HEADER_BYTES; at += Long.BYTES) {
            Memory.putLong(medium.address(Layout.JOURNAL_OFFSET + at), 0);
        }
        medium.persist(Layout.JOURNAL_OFFSET, JournalFormat.HEADER_BYTES);
    }
}
