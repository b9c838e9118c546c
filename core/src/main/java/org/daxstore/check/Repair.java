package org.daxstore.check;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.daxstore.NotAContainerException;
import org.daxstore.StoreFullException;
import org.daxstore.StoreIOException;
import org.daxstore.StoreLockedException;
import org.daxstore.format.Layout;
import org.daxstore.format.Superblock;
import org.daxstore.format.SuperblockCopies;
import org.daxstore.fs.InUseStorage;
import org.daxstore.media.ContainerFile;
import org.daxstore.media.ImageReader;
import org.daxstore.media.Medium;
import org.daxstore.media.MediumSelector;
import org.daxstore.media.Memory;
import org.daxstore.media.PositionalImage;

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
 *   <li>The superblock to trust is chosen ({@link SuperblockChoice}). What the journal needs
 *       ({@link JournalSettlement}) and the rest ({@link RepairPlan}) are decided from the image
 *       alone, and every page the repair will write into or keep is backed (a short file
 *       extended first, to be backed): a full file system is {@link StoreFullException} with
 *       nothing written, the file cut back to the length it was found with. Then the file is
 *       cut or extended (with zeros) to the length the superblock describes.</li>
 *   <li>Both superblock copies are written from it with the clean flag 0, primary first, each
 *       durable before the next: a store opened after a repair cut short recovers and checks
 *       everything, and both copies are never torn at once.</li>
 *   <li>The journal, as decided: a valid record is replayed in place (after a crash it is the transaction
 *       the crash interrupted; after a clean close its words must already be there, and where
 *       they are not, the record, under its checksum, is the likelier truth than the words,
 *       which have none); a record that names a word it may not is discarded.</li>
 *   <li>The plan is written ({@link RepairWriter}) through the store's own journal.</li>
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
    private final MediumSelector.Choice mediumChoice;
    private final List<String> fixes = new ArrayList<>();
    /** Whether the repair has begun to write; before, a failure leaves the container as it was found. */
    private boolean written;

    private Repair(Path path, ContainerFile container, MediumSelector.Choice mediumChoice, UnaryOperator<Medium> decorator) {
        this.mediumChoice = mediumChoice;
        this.path = path;
        this.container = container;
        this.decorator = decorator;
    }

    /**
     * Repairs the container at {@code path}; {@code decorator} wraps the medium the repair
     * writes through (tests record it, or stop it after some fences, to cut the repair short).
     */
    static RepairReport run(Path path, MediumSelector.Choice mediumChoice, UnaryOperator<Medium> decorator) {
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
            return new Repair(path, container, mediumChoice, decorator).repair(before);
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
        boolean extend = !container.isDevice() && length < layout.containerSize();
        if (extend) {
            container.setLength(layout.containerSize()); // undone below if the storage cannot be had
        }
        try {
            return repair(before, choice, length);
        } catch (RuntimeException e) {
            if (extend && !written) {
                restoreLength(length, e);
            }
            throw e;
        }
    }

    /**
     * The repair proper, the container's length as {@code layout} describes it or longer (its
     * length as found is {@code length}). Everything it will write into is backed first, then
     * written: a failure to back leaves {@link #written} false.
     */
    private RepairReport repair(FsckReport before, SuperblockChoice choice, long length) {
        Superblock superblock = choice.chosen();
        Layout layout = superblock.layout();
        Medium medium = decorator.apply(MediumSelector.map(container, layout.containerSize(), layout.blockSize(),
                mediumChoice).medium());
        FsckReport after;
        try {
            JournalSettlement journal = JournalSettlement.decide(reader(medium, layout), layout, superblock.clean(),
                    path.toString());
            long lostFrom = length < layout.containerSize() ? length >>> layout.blockShift() : Long.MAX_VALUE;
            RepairPlan plan = RepairPlan.make(journal.image(), layout, lostFrom);
            back(medium, layout, plan, journal);
            // The first write: nothing above changed a byte or a flag, only the length (undone on failure).
            written = true;
            fixLength(layout, length);
            writeSuperblocks(medium, superblock.withClean(false));
            fixes.addAll(choice.damage());
            fixes.addAll(journal.fixes());
            journal.apply(medium);
            fixes.addAll(plan.fixes());
            String bitmap = new RepairWriter(medium, reader(medium, layout), layout, journal.sequence()).write(plan);
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
     * Backs, before anything is written, every page the repair will write into or keep: the
     * metadata, the blocks the journal's replay writes (block-map nodes), and every block the
     * mended maps keep, the copies' targets among them. A repair keeps what a truncation or a
     * sparse copy left as holes (the lost tail reads as zeros), and a store into a hole through
     * the mapping is SIGBUS on a full tmpfs. The holes are backed by {@link InUseStorage}, which
     * counts the metadata in use and on a failure punches again what it backed. The copies'
     * targets are backed through the medium as well, for a container it cannot scan (without
     * the native bridge that writes zeros, which a free block may take). The metadata is not:
     * without the bridge, backing it would write zeros over the image being repaired.
     *
     * @throws StoreFullException if the file system has no room, naming the container and the range
     */
    private void back(Medium medium, Layout layout, RepairPlan plan, JournalSettlement journal) {
        long[] inUse = plan.owned().clone();
        long metadata = layout.metadataBytes();
        for (long offset : journal.replayedOffsets()) {
            if (offset >= metadata) {
                MapMender.set(inUse, offset >>> layout.blockShift());
            }
        }
        InUseStorage.back(container, medium, layout, first -> {
            int word = (int) (first >>> 6);
            return word < inUse.length ? inUse[word] : 0;
        });
        for (int i = 0; i < plan.copyCount(); i++) {
            medium.preallocate(layout.blockOffset(plan.copyTarget(i)), layout.blockSize());
            medium.prefault(layout.blockOffset(plan.copyTarget(i)), layout.blockSize()); // written next
        }
    }

    /** Cuts the file back to the length it was found with, after backing the extension failed. */
    private void restoreLength(long length, RuntimeException failure) {
        try {
            container.setLength(length);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
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
     * Gives the file the length {@code layout} describes (an extension was made already, before
     * the backing), and reports a length that was wrong.
     */
    private void fixLength(Layout layout, long length) {
        long size = layout.containerSize();
        if (container.isDevice() || length == size) {
            return;
        }
        if (length > size) {
            container.setLength(size);
            fixes.add("the container was " + length + " bytes, " + (length - size) + " more than the " + size
                    + " its superblock describes: cut to " + size + " (the bytes past the last block belong to nothing)");
            return;
        }
        fixes.add("the container was " + length + " bytes, " + (size - length) + " fewer than the " + size
                + " its superblock describes: extended with zeros (blocks from " + (length >>> layout.blockShift())
                + " on read as zeros)");
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
}
