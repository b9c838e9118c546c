package org.daxstore.check;

import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.daxstore.CorruptStoreException;
import org.daxstore.NotAContainerException;
import org.daxstore.StoreIOException;
import org.daxstore.format.Layout;
import org.daxstore.format.Superblock;
import org.daxstore.format.SuperblockCopies;
import org.daxstore.fs.ImageRules;
import org.daxstore.fs.InodeRecord;
import org.daxstore.journal.Recovery;
import org.daxstore.journal.ReplayOverlay;
import org.daxstore.media.ContainerFile;
import org.daxstore.media.ImageReader;
import org.daxstore.media.MediumSelector;
import org.daxstore.media.PositionalFile;
import org.daxstore.media.PositionalImage;

/**
 * The offline fsck: checks every rule of the on-media format on a container file without
 * opening it as a store and without writing to it.
 *
 * <ol>
 *   <li>The file is opened read-only and locked shared, so a running store (which holds an
 *       exclusive lock) makes it {@link FsckReport.Status#UNUSABLE "in use"}, and a store cannot
 *       open while fsck runs. In this JVM the path is {@link ContainerFile#claim claimed} first,
 *       before the file is opened, because closing any descriptor of a file drops the process's
 *       locks on it: a store open here makes it "in use", and no store here opens meanwhile.</li>
 *   <li>Both superblocks are decoded and compared ({@link SuperblockCopies}, the store's own
 *       choice); the file's length is compared with the layout before anything is mapped, so no
 *       access can fault past the end of a truncated file.</li>
 *   <li>The journal record is read ({@link Recovery#read}). If the store was not closed cleanly
 *       and the record is valid, the next open will replay it: the replay
 *       ({@link Recovery#replay}) is made into an in-memory {@link ReplayOverlay}, and the rest
 *       is checked as recovery would leave it. On a cleanly closed store the record must already
 *       be applied. A record that replay refuses (it would write into a file's data) is a
 *       finding, in the words the next open refuses the store with.</li>
 *   <li>The inodes, block maps and bitmap are checked by {@link ImageRules}, the rules the
 *       online {@link StoreChecker} runs.</li>
 * </ol>
 * Every walk is bounded (each block entered at most once, every pointer bounds-checked first),
 * so a corrupt image cannot make it loop.
 */
public final class Fsck {
    static final String IN_USE_IN_THIS_JVM = "in use: a store in this JVM has it open";
    static final String IN_USE_ELSEWHERE = "in use: a running store holds its lock";

    private final Path path;
    private final PositionalFile file;
    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    /** The superblock in effect, once {@link #run} has decoded it; null before, or if it could not. */
    private Superblock superblock;
    /** The valid in-use inode records {@link #run} found. */
    private List<InodeRecord> records = List.of();

    private Fsck(Path path, PositionalFile file) {
        this.path = path;
        this.file = file;
    }

    /** Checks the container file at {@code path}; never writes to it. */
    public static FsckReport check(Path path) {
        requirePath(path, "Fsck.check");
        try (ContainerFile.Claim claim = ContainerFile.claim(path, "an offline fsck")) {
            if (!claim.granted()) {
                return FsckReport.unusable(path, "in use: " + claim.holder() + " in this JVM has it open");
            }
            return checkLocked(path, claim);
        } catch (NoSuchFileException e) {
            return FsckReport.unusable(path, "no such file");
        } catch (NotAContainerException e) {
            // a FIFO, a directory, a device: refused before anything opened it (a FIFO would block the open)
            return FsckReport.unusable(path, e.getMessage());
        } catch (IOException e) {
            return FsckReport.unusable(path, "I/O error: " + e.getMessage());
        } catch (StoreIOException e) {
            return FsckReport.unusable(path, e.getMessage());
        }
    }

    /**
     * Reads the container file at {@code path} as {@link #check} does, for looking at a store:
     * its superblock, its files and the check's findings. If a running store holds the lock, it
     * is read all the same, without the lock ({@link StoreSnapshot#inUse}): pread calls only, so
     * nothing the store does can fault this process, and nothing is written. A store open in this
     * JVM is refused (opening and closing another descriptor of its file would drop its lock).
     */
    public static StoreSnapshot inspect(Path path) {
        requirePath(path, "Fsck.inspect");
        try (ContainerFile.Claim claim = ContainerFile.claim(path, "an inspection")) {
            if (!claim.granted()) {
                return unusableSnapshot(FsckReport.unusable(path, "in use: " + claim.holder() + " in this JVM has it open"));
            }
            try (PositionalFile file = PositionalFile.open(path, false)) {
                claim.requireStillAt(path);
                FileLock lock;
                try {
                    lock = file.tryLock(true); // held while it reads, if free: no store opens meanwhile
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                Fsck fsck = new Fsck(path, file);
                FsckReport report;
                try {
                    report = fsck.run();
                } catch (IOException e) {
                    report = FsckReport.unusable(path, "I/O error: " + e.getMessage());
                }
                return report.status() == FsckReport.Status.UNUSABLE ? unusableSnapshot(report)
                        : new StoreSnapshot(report, fsck.superblock, fsck.records, lock == null);
            }
        } catch (NoSuchFileException e) {
            return unusableSnapshot(FsckReport.unusable(path, "no such file"));
        } catch (NotAContainerException | StoreIOException e) {
            return unusableSnapshot(FsckReport.unusable(path, e.getMessage()));
        } catch (IOException e) {
            return unusableSnapshot(FsckReport.unusable(path, "I/O error: " + e.getMessage()));
        }
    }

    private static StoreSnapshot unusableSnapshot(FsckReport report) {
        return new StoreSnapshot(report, null, List.of(), false);
    }

    private static FsckReport checkLocked(Path path, ContainerFile.Claim claim) throws IOException {
        try (PositionalFile file = PositionalFile.open(path, false)) {
            claim.requireStillAt(path);
            FileLock lock;
            try {
                lock = file.tryLock(true);
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                return FsckReport.unusable(path, IN_USE_ELSEWHERE);
            }
            return check(path, file);
        }
    }

    /**
     * Checks the container through {@code file}, which the caller has opened and locked
     * ({@link Repair} checks under its exclusive lock before and after it writes).
     */
    static FsckReport check(Path path, PositionalFile file) {
        try {
            return new Fsck(path, file).run();
        } catch (IOException e) {
            return FsckReport.unusable(path, "I/O error: " + e.getMessage());
        }
    }

    /**
     * Repairs the container file at {@code path} in place, so that afterwards it checks clean and
     * opens: see {@link Repair} for what it fixes and how, and FORMAT.md, "Repair". A container it
     * cannot identify (not a container, both superblocks damaged) or that a running store holds
     * is left untouched; so is one that checks clean.
     *
     * @throws org.daxstore.StoreFullException if the file system under the container has no room
     *     to back what the repair would write into or keep, naming the container and the range;
     *     it is refused before the first write, so the container is left byte for byte, and at
     *     the length, it was found with
     */
    public static RepairReport repair(Path path) {
        return repair(path, MediumSelector.Choice.AUTO);
    }

    /** As {@link #repair(Path)}, writing through the medium {@code medium} chooses (the tool passes the user's choice). */
    public static RepairReport repair(Path path, MediumSelector.Choice medium) {
        requirePath(path, "Fsck.repair");
        if (medium == null) {
            throw new NullPointerException("medium is null: Fsck.repair needs one (MediumSelector.Choice.AUTO for the default)");
        }
        return Repair.run(path, medium, mapped -> mapped);
    }

    /** Refuses a null path as the rest of the API refuses a null argument (the org.daxstore package comment). */
    private static void requirePath(Path path, String method) {
        if (path == null) {
            throw new NullPointerException("path is null: " + method + " needs one");
        }
    }

    private FsckReport run() throws IOException {
        long length = file.length();
        SuperblockCopies copies = SuperblockCopies.decode(readSuperblock(file, Layout.PRIMARY_SUPERBLOCK),
                readSuperblock(file, Layout.SECONDARY_SUPERBLOCK), path.toString());
        try {
            superblock = copies.effective();
        } catch (NotAContainerException e) {
            return FsckReport.unusable(path, "not a daxstore container (" + length + " bytes; no superblock magic)");
        } catch (CorruptStoreException e) {
            return FsckReport.unusable(path, "both superblocks are damaged: " + e.getMessage());
        }
        checkSuperblocks(copies);
        Layout layout = superblock.layout();
        notes.add(layout.blockCount() + " blocks of " + layout.blockSize() + " bytes, " + layout.inodeCount()
                + " inodes, journal of " + layout.journalBytes() + " bytes; data from block " + layout.firstDataBlock());
        if (length != layout.containerSize()) {
            problems.add("the container is " + length + " bytes but its superblock describes " + layout.containerSize()
                    + " (" + layout.blockCount() + " blocks of " + layout.blockSize() + ")");
            if (length < layout.containerSize()) {
                notes.add("not checked further: the file lacks bytes the layout needs");
                return report(0, 0, 0, 0);
            }
        }
        try {
            return checkContents(new PositionalImage(file, path, layout.containerSize()), layout, superblock.clean());
        } catch (StoreIOException e) {
            // The file shrank under us, or the device failed.
            return FsckReport.unusable(path, "I/O error: " + e.getMessage());
        }
    }

    /**
     * One damaged copy is a note, as a pending journal replay is: the next open uses the valid
     * copy and rewrites both from it (a crash tears a copy while it is written, and the other is
     * what the copies are for). Two valid copies that disagree are a problem, which open refuses
     * too: a checksum cannot tell which copy is right, and only the repair looks at the image.
     */
    private void checkSuperblocks(SuperblockCopies copies) {
        if (copies.primary() == null) {
            notes.add(copies.primaryError().getMessage() + " (the secondary copy is valid: the next open uses it and"
                    + " rewrites the primary from it)");
        } else if (copies.secondary() == null) {
            notes.add(copies.secondaryError().getMessage() + " (the primary copy is valid: the next open rewrites the"
                    + " secondary from it)");
        } else if (!copies.disagreement().isEmpty()) {
            problems.add(copies.disagreement());
        } else if (copies.primary().clean() != copies.secondary().clean()) {
            notes.add("the superblocks differ only in the clean flag (primary " + copies.primary().clean()
                    + "): a stop between their writes; the next open rewrites both");
        }
    }

    private FsckReport checkContents(ImageReader image, Layout layout, boolean clean) {
        ImageReader state = image;
        long pending = 0;
        Recovery.JournalRecord record = null;
        try {
            record = Recovery.read(image, layout, path.toString());
            notes.add("journal: " + record.status() + ", " + record.detail());
        } catch (CorruptStoreException e) {
            problems.add(e.getMessage());
        }
        ReplayOverlay replayed = null;
        boolean refused = false;
        if (record != null && clean) {
            String unapplied = Recovery.unappliedAfterCleanClose(record, layout, image);
            if (unapplied != null) {
                problems.add(unapplied);
            }
        } else if (record != null && record.status() == Recovery.Status.VALID) {
            replayed = new ReplayOverlay(image);
            try {
                Recovery.replay(record, layout, replayed, replayed::putLong, path.toString());
            } catch (CorruptStoreException e) {
                // The record writes into file data: after a crash the next open refuses the store for it,
                // and no record a transaction wrote names such a word, so it is damage either way.
                problems.add(e.getMessage());
                notes.add("journal record #" + record.sequence() + " is refused; the rest is checked as the image is");
                replayed = null;
                refused = true;
            }
        }
        if (replayed != null) {
            pending = replayed.changedWords();
            state = replayed;
            notes.add("not closed cleanly: the next open replays journal record #" + record.sequence()
                    + ", which changes " + pending + " of its " + record.size() + " words; checked as that replay leaves it");
        } else if (!clean && !refused) {
            notes.add("not closed cleanly: the next open has no record to replay and checks the store as it is");
        }
        ImageRules rules = new ImageRules(state, layout);
        records = rules.checkFiles();
        long free = rules.checkBitmap();
        problems.addAll(rules.problems());
        return report(records.size(), rules.usedBlocks(), free, pending);
    }

    private FsckReport report(int files, long used, long free, long pending) {
        return new FsckReport(path, problems.isEmpty() ? FsckReport.Status.CLEAN : FsckReport.Status.INCONSISTENT,
                problems, notes, files, used, free, pending);
    }

    /** The superblock copy at {@code offset} of {@code file}, zero-filled where the file ends first. */
    static byte[] readSuperblock(PositionalFile file, long offset) throws IOException {
        byte[] bytes = new byte[Superblock.BYTES];
        file.read(offset, bytes, 0, bytes.length);
        return bytes;
    }
}
