package org.daxstore.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.daxstore.ClosedException;
import org.daxstore.CorruptStoreException;
import org.daxstore.DaxStoreException;
import org.daxstore.NotAContainerException;
import org.daxstore.OpenScopesException;
import org.daxstore.StoreExistsException;
import org.daxstore.StoreFullException;
import org.daxstore.StoreIOException;
import org.daxstore.alloc.BlockAllocator;
import org.daxstore.events.RemovalEvent;
import org.daxstore.format.Layout;
import org.daxstore.format.Superblock;
import org.daxstore.format.SuperblockCopies;
import org.daxstore.journal.MetadataTransaction;
import org.daxstore.journal.Recovery;
import org.daxstore.journal.ReplayOverlay;
import org.daxstore.media.ContainerFile;
import org.daxstore.media.ImageReader;
import org.daxstore.media.Medium;
import org.daxstore.media.MediumSelector;
import org.daxstore.media.Memory;
import org.daxstore.media.PositionalImage;
import org.daxstore.sync.AccessSections;

/**
 * An open container: its medium, layout, allocator, inode table and the single path by which
 * metadata changes ({@link #update}). Public API classes sit on top of it.
 *
 * <p>Locks, outermost first: the {@code lifecycle} lock (shared by every operation, exclusive for
 * close), then a file's structure lock, then the metadata lock (one metadata operation at a
 * time, store-wide). Positional reads and overwrites of mapped pages take none of them: like a
 * view's accesses, they run in access sections checked against the file's seqtex
 * ({@link StableSequence}), which close and every removal wait for.
 */
public final class Volume implements AutoCloseable {
    private final ContainerFile container;
    private final Medium medium;
    /** Which medium the selector chose (PMEM or MAPPED): a decorator of tests wraps it, but is not another kind. */
    private final MediumSelector.Choice mediumKind;
    private final String mediumReason;
    private final Layout layout;
    private final Superblock superblock;
    private final boolean wasClean;
    private final Recovery.JournalRecord journalAtOpen;
    /** How long the open's check of the image against the format's rules took, in ns. */
    private final long openCheckNanos;
    private final MetadataTransaction tx;
    private final BlockAllocator allocator;
    private final InodeTable inodes;
    private final BlockMap blockMap;
    private final ReentrantLock metadataLock = new ReentrantLock();
    /**
     * Set on a thread while it is inside {@link #removeBlocks}: {@link #update} and
     * {@link #locked} leave the freed storage to it, which returns it once its seqtex write
     * section has ended (accesses of the file park until then).
     */
    private final ThreadLocal<Boolean> insideRemoval = new ThreadLocal<>();
    /** What the store has done since it opened ({@code DaxStore.stats()}). */
    private final StoreCounters counters = new StoreCounters();
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final AccessSections sections;
    private final StoreHooks hooks;
    private final ZeroPage zeroPage;
    private final Clock clock;
    private final HeapBudget heapBudget;
    /** Set by close before it waits: refuses new operations. */
    private volatile boolean closed;
    /** Set once close has unmapped and released the container. Guarded by {@code lifecycle}. */
    private boolean released;
    /**
     * How long an operation waits for access scopes of live threads ({@link #awaitScopes}):
     * scopes are meant to be short (a hot loop), so one open this long has most likely been
     * leaked by a thread that lives on; waiting longer would only hide it.
     */
    public static final java.time.Duration SCOPE_WAIT_LIMIT = java.time.Duration.ofSeconds(10);
    private final long scopeWaitNanos;

    private Volume(ContainerFile container, Medium medium, MediumSelector.Choice mediumKind, String mediumReason, Superblock superblock,
                   Recovered recovered, Clock clock, HeapBudget heapBudget, StoreHooks hooks) {
        Recovery.JournalRecord journal = recovered.journal();
        this.container = container;
        this.hooks = hooks;
        this.sections = new AccessSections(hooks.gracePeriodOff());
        this.heapBudget = heapBudget;
        this.clock = clock;
        this.medium = medium;
        this.mediumKind = mediumKind;
        this.mediumReason = mediumReason;
        this.superblock = superblock;
        this.wasClean = superblock.clean();
        this.journalAtOpen = journal;
        this.openCheckNanos = recovered.checkNanos();
        this.layout = superblock.layout();
        this.tx = new MetadataTransaction(medium, layout, journal.sequence());
        this.allocator = BlockAllocator.load(medium, layout, tx, container.path().toString());
        this.inodes = InodeTable.load(medium, layout, tx);
        this.blockMap = new BlockMap(medium, layout, tx, allocator, container.path().toString());
        this.zeroPage = new ZeroPage(layout.blockSize());
        this.scopeWaitNanos = SCOPE_WAIT_LIMIT.toNanos();
    }

    /** What {@link #open} does with the file it finds. */
    public enum OpenMode {
        /** Open an existing store. */
        EXISTING,
        /** Open an existing store, or format a new one if the file is missing or empty. */
        EXISTING_OR_NEW,
        /** Format a new store; the file must be missing or empty. */
        NEW,
        /** Format a new store over whatever the file holds (once the file is locked). */
        REPLACE
    }

    /**
     * Opens (and, as {@code mode} says, formats with {@code options}) the container at {@code path}.
     * The format parameters of {@code options} are read only when it formats; its medium, clock,
     * heap budget and hooks apply to every open.
     */
    public static Volume open(Path path, VolumeOptions options, OpenMode mode) {
        VolumeOptions formatOptions = java.util.Objects.requireNonNull(options, "options");
        HeapBudget heap = new HeapBudget(formatOptions.heapBudget());
        if (mode == OpenMode.NEW || mode == OpenMode.REPLACE
                || mode == OpenMode.EXISTING_OR_NEW && !java.nio.file.Files.exists(path)) {
            // Options that describe no store, or one this heap cannot open, are refused before
            // anything is created or truncated.
            heap.checkOpen(path, Formatter.layout(path, formatOptions));
        }
        ContainerFile container = ContainerFile.open(path, mode != OpenMode.EXISTING);
        Medium medium = null;
        try {
            if (container.size() != 0 && mode == OpenMode.NEW) {
                throw new StoreExistsException(path + ": the file already holds " + container.size()
                        + " bytes; open it, or replace it with DaxStore.format");
            }
            if (mode == OpenMode.REPLACE) {
                container.setLength(0);
            }
            // A device has no length to be zero: it is formatted only when asked to (REPLACE).
            boolean formatted = container.isDevice() ? mode == OpenMode.REPLACE : container.size() == 0;
            if (formatted) {
                if (mode == OpenMode.EXISTING) {
                    throw new NotAContainerException(path + ": the file is empty, not a daxstore container");
                }
                heap.checkOpen(path, Formatter.layout(path, formatOptions)); // an empty file found: nothing checked it yet
                Formatter.format(container, formatOptions);
            }
            Superblock superblock = readSuperblock(container);
            long expected = superblock.layout().containerSize();
            if (container.isDevice() ? container.size() < expected : container.size() != expected) {
                throw new CorruptStoreException(path + ": the container is " + container.size()
                        + " bytes but its superblock describes " + expected + " bytes");
            }
            // Before anything sized by the container is allocated: an OutOfMemoryError part-way would leave nothing typed.
            heap.checkOpen(path, superblock.layout());
            MediumSelector.Selection selection = MediumSelector.map(container, expected, superblock.layout().blockSize(),
                    formatOptions.medium());
            medium = selection.medium();
            medium = formatOptions.hooks().mediumDecorator().apply(medium);
            Recovered recovered = recoverVerified(path, container, medium, superblock);
            Volume volume = new Volume(container, medium, selection.kind(), selection.reason(), superblock, recovered,
                    formatOptions.clock(), heap, formatOptions.hooks());
            if (formatted && !container.isDevice()) {
                // A fresh file is all holes; a device keeps whatever it held, so its blocks are zeroed on use.
                volume.allocator.assumeFreeBlocksAreHoles();
            }
            volume.writeSuperblock(superblock.withClean(false));
            return volume;
        } catch (OutOfMemoryError e) {
            abandon(container, medium, e);
            throw heap.ranOut(path + ": opening the store", e);
        } catch (RuntimeException | Error e) {
            abandon(container, medium, e);
            throw e;
        }
    }

    /**
     * Undoes a failed open, whatever it failed with: unmaps the container, removes the file if
     * this open created it (a failed create leaves nothing behind), and releases the container's
     * descriptors and locks, so that the next open of the path in this JVM or elsewhere finds
     * nothing of this one. Failures on the way are added to {@code failure}, which is the one
     * to report.
     */
    private static void abandon(ContainerFile container, Medium medium, Throwable failure) {
        try {
            if (medium != null) {
                medium.close();
            }
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
        try {
            // Removed while it is still locked, so no other opener can be using it.
            if (container.created()) {
                java.nio.file.Files.deleteIfExists(container.path());
            }
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
        container.close();
    }

    /** Reads the primary superblock, or the secondary if the primary is damaged ({@link SuperblockCopies}). */
    private static Superblock readSuperblock(ContainerFile container) {
        if (container.size() < Layout.SECONDARY_SUPERBLOCK + Superblock.BYTES) {
            throw new NotAContainerException(container.path() + ": " + container.size()
                    + " bytes is too short to be a daxstore container");
        }
        SuperblockCopies copies = SuperblockCopies.decode(readBytes(container, Layout.PRIMARY_SUPERBLOCK),
                readBytes(container, Layout.SECONDARY_SUPERBLOCK), container.path().toString());
        if (!copies.disagreement().isEmpty()) {
            // No crash leaves two valid copies that differ but in the clean flag; which is right only the image can tell.
            throw new CorruptStoreException(container.path() + ": " + copies.disagreement()
                    + "; a checksum cannot tell which is right: run daxstore fsck --repair, which asks the image");
        }
        return copies.effective();
    }

    private static byte[] readBytes(ContainerFile container, long offset) {
        byte[] bytes = new byte[Superblock.BYTES];
        try {
            container.file().read(offset, bytes, 0, bytes.length); // zeros where the file ends first
        } catch (IOException e) {
            throw new StoreIOException(container.path() + ": cannot read offset " + offset + ": " + e.getMessage(), e);
        }
        return bytes;
    }

    private void writeSuperblock(Superblock value) {
        writeSuperblock(medium, value);
    }

    /** Writes both superblock copies, primary first, each made durable before the next. */
    static void writeSuperblock(Medium medium, Superblock value) {
        byte[] bytes = value.encode();
        for (long offset : new long[] {Layout.PRIMARY_SUPERBLOCK, Layout.SECONDARY_SUPERBLOCK}) {
            Memory.copyFromHeap(bytes, 0, medium.address(offset), bytes.length);
            medium.persist(offset, bytes.length);
        }
    }

    /**
     * Every image must pass every rule of the format before anything is built from it (docs/DESIGN.md
     * invariant 8), whether or not it was closed cleanly: the clean flag says no transaction was
     * left half-applied, not that the image is undamaged, and a damaged image opened unchecked
     * (two files reaching one block, a bitmap marking a file's block free) would let writes
     * through one file land in another's blocks. After a crash, a failure is damage that the
     * journal cannot explain. The check reads only metadata (the inode table, the block-map nodes
     * the files reach, the bitmap), never file data; bench/OpenBench measures what it costs.
     */
    /**
     * Finishes the transaction a crash interrupted, if any, and checks every rule of the format,
     * before anything is built from the image: a clean close made every transaction durable in
     * place, so only a store that was not closed cleanly has its record replayed. The replay is
     * laid over the image in memory and the result checked first; only a store that passes is
     * written, so a refused store is left exactly as it was found, for fsck and its repair. The
     * checks read a file container by positional reads, never through the mapping: a damaged
     * pointer may lead into a hole, which a load would make tmpfs allocate
     * ({@link PositionalImage}). Then, before the first load or store through the mapping, the
     * holes under metadata and blocks in use are backed ({@link InUseStorage}): a sparse copy of a
     * container passes every rule, but a store into one of its holes on a full tmpfs is SIGBUS.
     */
    private static Recovered recoverVerified(Path path, ContainerFile container, Medium medium, Superblock superblock) {
        Layout layout = superblock.layout();
        ImageReader image = container.isDevice() ? ImageReader.of(medium)
                : new PositionalImage(container.file(), path, layout.containerSize());
        Recovery.JournalRecord journal = Recovery.read(image, layout, path.toString());
        if (superblock.clean()) {
            // Nothing is replayed after a clean close, but fsck checks that the record is applied, and so must open.
            long checkNanos = verifyImage(path, image, superblock, journal,
                    Recovery.unappliedAfterCleanClose(journal, layout, image));
            InUseStorage.back(container, medium, image, layout);
            return new Recovered(journal, checkNanos);
        }
        ReplayOverlay replayed = Recovery.replayOver(journal, layout, image, path.toString());
        long checkNanos = verifyImage(path, replayed, superblock, journal, null);
        InUseStorage.back(container, medium, replayed, layout);
        replayed.applyTo(medium);
        return new Recovered(journal, checkNanos);
    }

    /** What an open's recovery read: the journal's record, and how long the check of the image took, in ns. */
    private record Recovered(Recovery.JournalRecord journal, long checkNanos) {
    }

    /**
     * Refuses the image if it breaks a rule, or if {@code journalProblem} (a finding about the
     * journal) is not null; returns how long the rules' check took, in ns.
     */
    private static long verifyImage(Path path, ImageReader image, Superblock superblock, Recovery.JournalRecord journal,
                                    String journalProblem) {
        long checking = System.nanoTime();
        RuleReport report = ImageRules.checkImage(image, superblock.layout());
        long checkNanos = System.nanoTime() - checking;
        if (!report.isConsistent() || journalProblem != null) {
            throw new CorruptStoreException(path + ": " + (superblock.clean()
                    ? "the store is inconsistent (it was closed cleanly, so the damage is not a crash's)"
                    : "the store was not closed cleanly and is inconsistent after journal recovery ("
                            + journal.detail() + ")") + ": " + (journalProblem == null ? "" : journalProblem + "; ")
                    + report + "; daxstore fsck --repair mends it");
        }
        return checkNanos;
    }

    /**
     * Marks the start of an operation; close waits for it to {@link #exit}. Refused on a thread
     * inside an access section (one with a scope open): see {@link #refuseInsideASection}.
     */
    public void enter() {
        refuseInsideASection();
        lifecycle.readLock().lock();
        if (closed) {
            lifecycle.readLock().unlock();
            throw new ClosedException(container.path() + ": the store is closed");
        }
    }

    public void exit() {
        lifecycle.readLock().unlock();
    }

    /**
     * Refuses to start an operation on a thread inside an access section of this store (one
     * with an access scope open). Close, truncate, punch and delete wait for every open section
     * (the grace period), so there they would wait for themselves; and every other operation
     * takes a lock that one of those holds while it waits (close holds {@code lifecycle},
     * truncate, punch and delete the file's structure lock), so there it could wait for another
     * thread that waits for this one. Refusing them all keeps the rule simple and leaves no
     * such cycle; views and scopes take none of those locks.
     */
    private void refuseInsideASection() {
        if (sections.insideSection()) {
            throw insideAScope();
        }
    }

    /**
     * The refusal of an operation on a thread with an access scope of this store open (see
     * {@link #refuseInsideASection}), for positional I/O, which checks its own slot.
     */
    public IllegalStateException insideAScope() {
        return new IllegalStateException(container.path() + ": this thread has an access scope of this store open:"
                + " truncate, punch, delete and close wait for every open scope, and the store's other file and"
                + " store operations take locks that those hold while they wait; close the scope first");
    }

    /** A metadata operation: works on {@code working} (a copy of the node, or null) inside the open transaction. */
    @FunctionalInterface
    public interface MetadataOperation<T> {
        T apply(FileNode working);
    }

    /**
     * Runs {@code operation} in a transaction on a working copy of {@code node}, writes the
     * copy's inode record if it changed, commits, then publishes the copy into {@code node}.
     * If the operation throws, nothing reaches media or {@code node}.
     */
    public <T> T update(FileNode node, MetadataOperation<T> operation) {
        metadataLock.lock();
        try {
            tx.begin();
            try {
                FileNode copy = null;
                if (node != null) {
                    copy = new FileNode(node.inode);
                    copy.copyFrom(node);
                }
                T result = operation.apply(copy);
                if (copy != null && !copy.deleted) {
                    inodes.write(copy);
                }
                tx.commit();
                counters.journalCommit();
                allocator.committed();
                if (node != null) {
                    node.copyFrom(copy);
                }
                return result;
            } catch (RuntimeException e) {
                tx.abort();
                allocator.rolledBack();
                throw node == null ? e : located(e, node);
            } catch (Error e) {
                tx.abort();
                allocator.rolledBack();
                throw e;
            }
        } finally {
            metadataLock.unlock();
            returnFreedStorageIfOutermost();
        }
    }

    /**
     * {@code failure} of an update of {@code node}, with a message that names the container and
     * the file if it is one of the store's failures that come from below, which know neither
     * (the allocator, the block map, the medium); of the same type, the original as its cause.
     */
    RuntimeException located(RuntimeException failure, FileNode node) {
        String message = failure.getMessage();
        String file = "file " + FileNames.quote(node.name());
        if (message == null || message.contains(file)) {
            return failure;
        }
        String prefix = container.path() + ": ";
        String where = prefix + file + ": " + (message.startsWith(prefix) ? message.substring(prefix.length()) : message);
        if (failure instanceof StoreFullException) {
            return new StoreFullException(where, failure);
        } else if (failure instanceof StoreIOException) {
            return new StoreIOException(where, failure);
        } else if (failure instanceof CorruptStoreException) {
            return new CorruptStoreException(where, failure);
        }
        return failure;
    }

    /**
     * {@code message} without the location {@link #located} put in front of it: for a failure
     * that wraps a located one and is located itself, so the container leads its message once.
     */
    String withoutLocation(String message, FileNode node) {
        String location = container.path() + ": file " + FileNames.quote(node.name()) + ": ";
        return message != null && message.startsWith(location) ? message.substring(location.length()) : message;
    }

    /**
     * Runs {@code action} under the metadata lock. The lock is reentrant, so an action may call
     * {@link #update} and then publish its result before any other metadata operation runs.
     */
    public <T> T locked(java.util.function.Supplier<T> action) {
        metadataLock.lock();
        try {
            return action.get();
        } finally {
            metadataLock.unlock();
            returnFreedStorageIfOutermost();
        }
    }

    /**
     * Runs {@link #returnFreedStorage} if freed storage is pending and this thread may punch now:
     * it no longer holds the metadata lock (the outermost {@link #update} or {@link #locked} has
     * ended), is not inside {@link #removeBlocks}, which does it after its write section, and is
     * not inside an access section (a fault's allocation frees nothing, and its latency is not
     * the place for another thread's punch: that thread returns its own).
     */
    private void returnFreedStorageIfOutermost() {
        if (allocator.hasStoragePending() && !metadataLock.isHeldByCurrentThread()
                && insideRemoval.get() == null && !sections.insideSection()) {
            returnFreedStorage();
        }
    }

    /**
     * Returns the storage of the blocks that committed transactions freed beyond the warm pool
     * ({@link BlockAllocator}, "Storage returned off the critical path"): takes them under the
     * metadata lock, punches them without it, and takes them back as free under it again. The
     * caller holds neither the metadata lock nor a seqtex write section. Punch failures are not
     * reported (see {@link org.daxstore.alloc.StoragePunch#run}); the blocks stay accounted for.
     * Returns the bytes of storage the punch gave back to the file system (0 if nothing was pending).
     */
    public long returnFreedStorage() {
        if (metadataLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("freed storage is returned without the metadata lock");
        }
        org.daxstore.alloc.StoragePunch punch;
        metadataLock.lock();
        try {
            punch = allocator.takeStoragePending();
        } finally {
            metadataLock.unlock();
        }
        if (punch == null) {
            return 0;
        }
        try {
            return layout().blockOffset(punch.run());
        } finally {
            metadataLock.lock();
            try {
                allocator.takeBackReturnedStorage();
            } finally {
                metadataLock.unlock();
            }
        }
    }

    /** True if this thread holds the metadata lock: for tests that check where storage is punched. */
    boolean holdsMetadataLock() {
        return metadataLock.isHeldByCurrentThread();
    }

    /** What the store has done since it opened. */
    public StoreCounters counters() {
        return counters;
    }

    public Path path() {
        return container.path();
    }

    /** What stamps files' creation and modification times ({@code StoreOptions.withClock}). */
    public Clock clock() {
        return clock;
    }

    public Medium medium() {
        return medium;
    }

    /** The heap this store may plan with; its views take their translation from it. */
    public HeapBudget heapBudget() {
        return heapBudget;
    }

    /** The medium in use, how it persists, and why it was chosen. */
    public String mediumDescription() {
        return medium.description() + "; " + mediumReason;
    }

    /** Which medium the selector chose: {@link MediumSelector.Choice#PMEM} or {@link MediumSelector.Choice#MAPPED}. */
    public MediumSelector.Choice mediumKind() {
        return mediumKind;
    }

    /** Why the medium was chosen ("chosen because libpmem is available", "forced by the options"). */
    public String mediumReason() {
        return mediumReason;
    }

    public Layout layout() {
        return layout;
    }

    public UUID uuid() {
        return superblock.uuid();
    }

    /** The journal record found at open (replayed if it was valid). */
    public Recovery.JournalRecord journalAtOpen() {
        return journalAtOpen;
    }

    /** True if the store was closed cleanly the last time it was open. */
    public boolean wasClean() {
        return wasClean;
    }

    /** How long the open spent checking the image against the format's rules, in ns (the rest of it maps, reads and backs). */
    public long openCheckNanos() {
        return openCheckNanos;
    }

    public BlockAllocator allocator() {
        return allocator;
    }

    public InodeTable inodes() {
        return inodes;
    }

    public MetadataTransaction transaction() {
        return tx;
    }

    public BlockMap blockMap() {
        return blockMap;
    }

    public boolean isClosed() {
        return closed;
    }

    /** The test hooks this store was opened with ({@link StoreHooks#NONE} outside tests). */
    public StoreHooks hooks() {
        return hooks;
    }

    /** The access sections of every view of this store: the grace period of the fault path. */
    public AccessSections sections() {
        return sections;
    }

    /** The address of a block of zeros that views read holes from. Never written. */
    public long zeroPageAddress() {
        return zeroPage.address();
    }

    /**
     * Runs {@code removal}, a metadata operation that unlinks the blocks of file pages
     * {@code [fromPage, toPage)} from {@code node} (or, for a truncate, makes the page of the new
     * end partial), as a seqtex writer. In order:
     * <ol>
     *   <li>marks the write section: from here the file's faults wait (parked), and a fault that
     *       looked its block up before installs nothing;</li>
     *   <li>shoots down the translations of exactly those pages in every live view of the file
     *       ({@link MappedViews}); accesses to other pages keep hitting;</li>
     *   <li>waits until every access section that was running has ended (the grace period): no
     *       access can still be using a translation that was shot down;</li>
     *   <li>runs the transaction, then {@code afterCommit}, under one hold of the metadata
     *       lock;</li>
     *   <li>ends the write section (or closes the seqtex for good if the node was deleted).</li>
     * </ol>
     * The caller holds the node's structure lock exclusively, which serialises the writers of
     * one seqtex, and must not hold the metadata lock: a fault waiting for it may be holding up
     * the grace period. The removed range may be wider than what the removal unlinks (that costs
     * only faults), never narrower.
     */
    public void removeBlocks(FileNode node, long fromPage, long toPage, MetadataOperation<?> removal, Runnable afterCommit) {
        refuseInsideASection(); // enter() refused it already; kept here beside the wait it protects

        if (metadataLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("removeBlocks must not be called under the metadata lock");
        }
        RemovalEvent event = RemovalEvent.begun();
        long waited;
        long blocksFreed;
        node.seqtex.writeLock();
        try {
            insideRemoval.set(Boolean.TRUE);
            node.views.shootDown(fromPage, toPage);
            long waiting = System.nanoTime();
            awaitScopes("'" + node.name() + "' cannot have blocks removed");
            waited = System.nanoTime() - waiting;
            blocksFreed = locked(() -> {
                long before = node.allocatedBlocks();
                update(node, removal);
                afterCommit.run();
                return before - node.allocatedBlocks();
            });
            counters.removal(waited);
        } finally {
            insideRemoval.remove();
            if (node.deleted) {
                node.seqtex.close();
            } else {
                node.seqtex.writeUnlock();
            }
        }
        long storageReturned = returnFreedStorage();
        RemovalEvent.end(event, node.name(), fromPage, toPage, waited, blocksFreed, storageReturned);
    }

    /** Inode records written back per transaction by {@link #force}: the journal is sized for this many. */
    private static final int INODES_PER_FORCE_STEP = 32;

    /**
     * Writes back lazily kept modification times and persists everything the store holds: the
     * blocks in use, metadata included. Free blocks are left alone: they hold nothing, and
     * flushing cache lines of an unbacked page would make tmpfs allocate it (or raise SIGBUS
     * when it is full).
     */
    public void force() {
        List<FileNode> live = inodes.liveNodes();
        for (int from = 0; from < live.size(); from += INODES_PER_FORCE_STEP) {
            List<FileNode> step = live.subList(from, Math.min(live.size(), from + INODES_PER_FORCE_STEP));
            update(null, ignored -> {
                for (FileNode node : step) {
                    inodes.write(node);
                }
                return null;
            });
        }
        locked(() -> {
            tx.writeBackOwed();
            allocator.forEachUsedRun((from, to) -> medium.flush(layout.blockOffset(from), layout.blockOffset(to - from)));
            return null;
        });
        medium.drain();
    }

    /**
     * Waits until every access section that is running has ended (the grace period), or its
     * thread has, whose scopes are then revoked ({@link AccessSections}); gives up after
     * {@link #SCOPE_WAIT_LIMIT} if live threads keep scopes open.
     *
     * @throws OpenScopesException naming them, and {@code what} could not be done
     */
    private void awaitScopes(String what) {
        List<Thread> stillInside = sections.awaitQuiescence(scopeWaitNanos);
        if (!stillInside.isEmpty()) {
            throw new OpenScopesException(container.path() + ": " + what + ": after " + SCOPE_WAIT_LIMIT.toMillis()
                    + " ms, " + stillInside.size() + " live thread(s) still have access scopes of this store open: "
                    + stillInside.stream().map(t -> "'" + t.getName() + "'").collect(java.util.stream.Collectors.joining(", "))
                    + "; nothing was changed: close the scopes, then try again");
        }
    }

    /**
     * Waits for running operations, persists everything, marks the store clean and unmaps it.
     * Refused, leaving the store open, on a thread inside an access section: it would wait for
     * that section. If live threads keep access scopes open past {@link #SCOPE_WAIT_LIMIT}
     * it gives up with {@link OpenScopesException}, the store then refusing new operations but
     * still mapped (the scopes still reach its memory); a later close finishes the job.
     */
    @Override
    public void close() {
        refuseInsideASection();
        lifecycle.writeLock().lock();
        try {
            if (released) {
                return;
            }
            closed = true;
            for (FileNode node : inodes.liveNodes()) {
                node.seqtex.close();
                node.views.shootDown(0, Long.MAX_VALUE); // every later access faults, and the fault refuses
            }
            awaitScopes("the store cannot be closed");
            try {
                force();
                locked(() -> {
                    allocator.releaseWarmPool();
                    return null;
                });
                returnFreedStorage(); // the warm pool and anything still pending, punched without the lock
                writeSuperblock(superblock.withClean(true));
            } catch (DaxStoreException e) {
                throw new StoreIOException(container.path() + ": closing the store failed: " + e.getMessage(), e);
            } finally {
                released = true;
                medium.close();
                container.close();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }
}
