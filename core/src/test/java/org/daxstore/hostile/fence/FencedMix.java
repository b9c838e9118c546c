package org.daxstore.hostile.fence;

import static org.daxstore.hostile.fence.Tags.PAGE;
import static org.daxstore.hostile.fence.Tags.WORDS;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.daxstore.AccessScope;
import org.daxstore.CheckReport;
import org.daxstore.DaxFile;
import org.daxstore.DaxMapping;
import org.daxstore.DaxStore;
import org.daxstore.DaxStoreException;
import org.daxstore.MapMode;
import org.daxstore.NoSuchDaxFileException;
import org.daxstore.StoreOptions;
import org.daxstore.sync.AccessSections;

/**
 * A seeded mix, run for a while on one store: each file has an <em>owner</em> thread that writes
 * its hole pages (each block once, with a new version: through a view, a bulk copy, a writable
 * scope, an allocation then volatile stores, or positional I/O) and removes them again (punch,
 * shrinking truncate then regrowth, now and then delete and create), fast enough that removers
 * issue barriers within 1 ms of each other, and pausing together now and then for longer than
 * that; <em>scribblers</em> store tagged words into random pages of every file, racing the
 * removals; <em>readers</em>, run however the caller likes (platform threads, a pool whose
 * threads come and go, virtual threads), load words, pages and runs of pages through views,
 * copies, scopes and positional reads, and check each word against what had been removed
 * before the read began ({@link Tags#check}). At the end every page is read back and the store
 * checked.
 */
final class FencedMix {
    static final int FILES = 3;
    static final int PAGES = 24;
    /** Every this many ns the owners pause for {@link #QUIET_NANOS}: no barrier for longer than 1 ms. */
    private static final long QUIET_PERIOD_NANOS = 150_000_000;
    private static final long QUIET_NANOS = 4_000_000;

    final long seed;
    final Tags.Violations violations = new Tags.Violations();
    final LongAdder removals = new LongAdder();
    final LongAdder reads = new LongAdder();
    final LongAdder writes = new LongAdder();
    final LongAdder scribbles = new LongAdder();
    /** Times a reader or an owner saw its own slot become fenced, and become plain again. */
    final LongAdder fencedSeen = new LongAdder();
    final LongAdder switchedBack = new LongAdder();
    final List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());

    private final Path container;
    private final DaxStore store;
    private final AccessSections sections;
    private final AtomicReferenceArray<DaxFile> handles = new AtomicReferenceArray<>(FILES);
    private final AtomicIntegerArray incarnations = new AtomicIntegerArray(FILES);
    /** Per file and page: every version up to this one has been removed, by a removal that returned. */
    private final AtomicLongArray removed = new AtomicLongArray(FILES * PAGES);
    private final long started = System.nanoTime();
    private volatile boolean stop;

    FencedMix(long seed) throws Exception {
        this.seed = seed;
        this.container = Files.createTempFile(Path.of("/dev/shm"), "fenced-mix-", ".dax");
        Files.delete(container);
        this.store = DaxStore.create(container, StoreOptions.capacity(8L << 20));
        this.sections = Internals.sections(store);
        // Set up by truncate only: the test's thread must not own a slot, which it would leave
        // idle and unfenced for the whole run (a barrier for every removal); positional reads and
        // writes enter sections since issue 14, so they run on threads that end.
        for (int f = 0; f < FILES; f++) {
            DaxFile file = store.create("f" + f);
            file.truncate((long) PAGES * PAGE);
            handles.set(f, file);
        }
    }

    AccessSections sections() {
        return sections;
    }

    DaxStore store() {
        return store;
    }

    boolean stopped() {
        return stop;
    }

    /**
     * Runs the owners and the scribblers for {@code nanos}, and {@code readers} on the test's
     * behalf (it is given a way to run one reader task: see {@link #readerTask}), then checks
     * every page. {@code readers} returns once its readers have ended; it must end them when
     * {@link #stopped()}.
     */
    void run(long nanos, Consumer<FencedMix> readers) throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int f = 0; f < FILES; f++) {
            int file = f;
            threads.add(new Thread(() -> guarded(() -> owner(file)), "owner-" + f));
        }
        for (int s = 0; s < 2; s++) {
            int index = s;
            threads.add(new Thread(() -> guarded(() -> scribbler(index)), "scribbler-" + s));
        }
        CountDownLatch readersDone = new CountDownLatch(1);
        Thread readerDriver = new Thread(() -> {
            try {
                guarded(() -> readers.accept(this));
            } finally {
                readersDone.countDown();
            }
        }, "reader-driver");
        threads.forEach(Thread::start);
        readerDriver.start();
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end && failures.isEmpty() && violations.count() == 0) {
            Thread.sleep(20);
        }
        stop = true;
        for (Thread t : threads) {
            t.join(30_000);
            if (t.isAlive()) {
                failures.add(new AssertionError(t.getName() + " did not end within 30 s of the stop: " + stackOf(t)));
            }
        }
        readerDriver.join(30_000);
        if (readerDriver.isAlive()) {
            failures.add(new AssertionError("the readers did not end within 30 s of the stop: " + stackOf(readerDriver)));
        }
        if (failures.isEmpty()) {
            Internals.onAThreadThatEnds(this::verifyEveryPage); // positional reads register a slot
        }
    }

    private static String stackOf(Thread t) {
        StringBuilder s = new StringBuilder();
        for (StackTraceElement e : t.getStackTrace()) {
            s.append("\n    at ").append(e);
        }
        return s.toString();
    }

    /**
     * Runs one more thread that makes one access (so registers a slot, which drops the slots of
     * threads that have ended), and returns how many slots are left once it has ended.
     */
    int slotsAfterOneMoreThread() throws InterruptedException {
        Thread one = new Thread(() -> guarded(() -> {
            try (DaxMapping view = handles.get(0).map(0, PAGE, MapMode.READ_ONLY)) {
                Tags.check(view.getLong(0), 0, 0, removed.get(0), violations, "the last thread");
            }
        }), "one-more");
        one.start();
        one.join();
        return Internals.slotCount(sections);
    }

    void close() throws Exception {
        try {
            store.close();
        } finally {
            Files.deleteIfExists(container);
        }
    }

    /** Runs {@code body}, recording what it throws as a failure of the run (which then stops). */
    void guarded(Runnable body) {
        try {
            body.run();
        } catch (Throwable t) {
            failures.add(t);
            stop = true;
        }
    }

    private boolean quiet() {
        return (System.nanoTime() - started) % QUIET_PERIOD_NANOS < QUIET_NANOS;
    }

    // ---- the owners: write hole pages once each, remove them again ----

    private void owner(int f) {
        SplittableRandom random = new SplittableRandom(seed * 31 + f);
        boolean[] holding = new boolean[PAGES]; // page written since its last removal
        long[] written = new long[PAGES];
        long[] version = {0};
        DaxFile file = handles.get(f);
        DaxMapping view = file.map(0, (long) PAGES * PAGE);
        boolean[] wasFenced = {false};
        try {
            while (!stop) {
                sampleFenced(wasFenced);
                if (quiet()) {
                    sleepMillis(1);
                    continue;
                }
                int r = random.nextInt(1000);
                if (r < 420) {
                    int page = random.nextInt(PAGES);
                    int run = 1 + random.nextInt(3);
                    for (int p = page; p < Math.min(PAGES, page + run); p++) {
                        if (!holding[p]) {
                            written[p] = ++version[0];
                            writePage(file, view, f, p, written[p], random.nextInt(5));
                            holding[p] = true;
                        }
                    }
                } else if (r < 780) {
                    int page = random.nextInt(PAGES);
                    int run = 1 + random.nextInt(3);
                    int to = Math.min(PAGES, page + run);
                    file.punchHole((long) page * PAGE, (long) (to - page) * PAGE);
                    removals.increment();
                    forget(f, page, to, holding, written);
                } else if (r < 960) {
                    int keep = random.nextInt(PAGES);
                    file.truncate((long) keep * PAGE);
                    removals.increment();
                    forget(f, keep, PAGES, holding, written);
                    file.truncate((long) PAGES * PAGE);
                } else if (r < 970) {
                    view.close();
                    store.delete("f" + f);
                    removals.increment();
                    forget(f, 0, PAGES, holding, written);
                    file = store.create("f" + f);
                    file.truncate((long) PAGES * PAGE);
                    handles.set(f, file);
                    incarnations.incrementAndGet(f);
                    view = file.map(0, (long) PAGES * PAGE);
                } else if (r < 980) {
                    sleepMillis(2); // an owner alone pausing for longer than 1 ms
                }
            }
        } finally {
            view.close();
        }
    }

    private void forget(int f, int from, int to, boolean[] holding, long[] written) {
        for (int p = from; p < to; p++) {
            removed.set(f * PAGES + p, written[p]);
            holding[p] = false;
        }
    }

    /** Writes page {@code p}, a hole, whole with {@code version}, in one of five ways. */
    private void writePage(DaxFile file, DaxMapping view, int f, int p, long version, int how) {
        long word = Tags.word(f, p, version);
        long at = (long) p * PAGE;
        switch (how) {
            case 0:
                for (int w = 0; w < WORDS; w++) {
                    view.putLong(at + 8L * w, word);
                }
                break;
            case 1:
                view.put(at, pageOf(word), 0, PAGE);
                break;
            case 2:
                try (AccessScope scope = view.scope(at, PAGE, MapMode.READ_WRITE)) {
                    for (int w = 0; w < WORDS; w++) {
                        scope.putLong(8L * w, word);
                    }
                }
                break;
            case 3:
                file.allocate(at, PAGE);
                for (int w = 0; w < WORDS; w++) {
                    view.putLongVolatile(at + 8L * w, word);
                }
                break;
            default:
                file.write(at, pageOf(word));
                break;
        }
        writes.increment();
    }

    private static byte[] pageOf(long word) {
        ByteBuffer page = ByteBuffer.allocate(PAGE).order(ByteOrder.LITTLE_ENDIAN);
        while (page.hasRemaining()) {
            page.putLong(word);
        }
        return page.array();
    }

    // ---- the scribblers: stores racing the removals ----

    private void scribbler(int index) {
        SplittableRandom random = new SplittableRandom(seed * 37 + 1000 + index);
        Views views = new Views(MapMode.READ_WRITE);
        try {
            while (!stop) {
                int f = random.nextInt(FILES);
                DaxMapping view = views.of(f);
                if (view == null) {
                    continue;
                }
                int p = random.nextInt(PAGES);
                long at = (long) p * PAGE + 8L * random.nextInt(WORDS);
                long word = Tags.scribble(f, p);
                try {
                    switch (random.nextInt(3)) {
                        case 0:
                            view.putLong(at, word);
                            break;
                        case 1:
                            view.compareAndSetLong(at, 0, word);
                            break;
                        default:
                            try (AccessScope scope = view.scope((long) p * PAGE, PAGE, MapMode.READ_WRITE)) {
                                for (int i = 0; i < 4; i++) {
                                    scope.putLong(8L * random.nextInt(WORDS), word);
                                }
                            }
                            break;
                    }
                    scribbles.increment();
                    if ((scribbles.sum() & 15) == 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(50_000); // leave the cores to the readers
                    }
                } catch (IndexOutOfBoundsException beyondTheEnd) {
                    // the owner had shrunk the file
                } catch (NoSuchDaxFileException deleted) {
                    views.drop(f);
                }
            }
        } finally {
            views.closeAll();
        }
    }

    // ---- the readers ----

    /** One reader's views, remade when the owner has deleted and created its file. */
    private final class Views {
        private final MapMode mode;
        private final DaxMapping[] views = new DaxMapping[FILES];
        private final int[] made = new int[FILES];

        Views(MapMode mode) {
            this.mode = mode;
        }

        /** The view of file {@code f} if one was made and may still be current, else null; maps nothing. */
        DaxMapping existing(int f) {
            return views[f];
        }

        /** The view of file {@code f}, or null if the file is being replaced. */
        DaxMapping of(int f) {
            int incarnation = incarnations.get(f);
            if (views[f] == null || made[f] != incarnation) {
                drop(f);
                try {
                    views[f] = handles.get(f).map(0, (long) PAGES * PAGE, mode);
                    made[f] = incarnation;
                } catch (NoSuchDaxFileException deleted) {
                    return null;
                }
            }
            return views[f];
        }

        void drop(int f) {
            if (views[f] != null) {
                views[f].close();
                views[f] = null;
            }
        }

        void closeAll() {
            for (int f = 0; f < FILES; f++) {
                drop(f);
            }
        }
    }

    /**
     * One reader: runs {@code operations} random reads (or until the run stops), sleeping now
     * and then, inside a scope or not. Meant to be run on any kind of thread, any number at once.
     */
    void readerTask(long taskSeed, int operations) {
        SplittableRandom random = new SplittableRandom(taskSeed);
        Views views = new Views(MapMode.READ_ONLY);
        long[] words = new long[3 * WORDS];
        byte[] bytes = new byte[3 * PAGE];
        boolean[] wasFenced = {false};
        try {
            for (int op = 0; op < operations && !stop; op++) {
                if ((op & 7) == 0) {
                    sampleFenced(wasFenced);
                }
                int f = random.nextInt(FILES);
                DaxMapping view = views.of(f);
                if (view == null) {
                    continue;
                }
                try {
                    read(random, f, view, views, words, bytes);
                    reads.increment();
                } catch (IndexOutOfBoundsException beyondTheEnd) {
                    // the owner had shrunk the file
                } catch (NoSuchDaxFileException deleted) {
                    views.drop(f);
                }
            }
        } finally {
            views.closeAll();
        }
    }

    /** Counts a change of the calling thread's fenced state since {@code was[0]}, which it updates. */
    private void sampleFenced(boolean[] was) {
        boolean fenced = sections.fencedForTesting();
        if (fenced && !was[0]) {
            fencedSeen.increment();
        } else if (!fenced && was[0]) {
            switchedBack.increment();
        }
        was[0] = fenced;
    }

    private void read(SplittableRandom random, int f, DaxMapping view, Views views, long[] words, byte[] bytes) {
        int p = random.nextInt(PAGES);
        int r = random.nextInt(100);
        if (r < 55) {
            // single loads, each its own section: the bulk of the entries
            for (int i = 0; i < 256; i++) {
                int page = random.nextInt(PAGES);
                long before = removed.get(f * PAGES + page);
                long at = (long) page * PAGE + 8L * random.nextInt(WORDS);
                long word = (i & 3) == 0 ? view.getLongVolatile(at) : (i & 3) == 1 ? view.getLongAcquire(at) : view.getLong(at);
                Tags.check(word, f, page, before, violations, "getLong");
            }
        } else if (r < 75) {
            int run = Math.min(PAGES - p, 1 + random.nextInt(3));
            long[] before = removedBefore(f, p, run);
            view.get((long) p * PAGE, bytes, 0, run * PAGE);
            ByteBuffer.wrap(bytes, 0, run * PAGE).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(words, 0, run * WORDS);
            for (int i = 0; i < run; i++) {
                // a copy's section ends at a fault, so only each page's words are one section's
                Tags.checkPage(words, i * WORDS, f, p + i, before[i], violations, "bulk get");
            }
        } else if (r < 93) {
            int run = Math.min(PAGES - p, 1 + random.nextInt(3));
            long[] before = removedBefore(f, p, run);
            try (AccessScope scope = view.scope((long) p * PAGE, (long) run * PAGE, MapMode.READ_ONLY)) {
                for (int w = 0; w < run * WORDS; w++) {
                    words[w] = scope.getLong(8L * w);
                    if (w == WORDS / 2 && random.nextInt(50) == 0) {
                        nestedInScope(random, f, views);
                    }
                }
            }
            for (int i = 0; i < run; i++) {
                Tags.checkPage(words, i * WORDS, f, p + i, before[i], violations, "scope");
            }
        } else if (r < 99) {
            long before = removed.get(f * PAGES + p);
            int n = handles.get(f).read((long) p * PAGE, bytes, 0, PAGE);
            if (n == PAGE) {
                ByteBuffer.wrap(bytes, 0, PAGE).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(words, 0, WORDS);
                Tags.checkPage(words, 0, f, p, before, violations, "positional read");
            }
        } else {
            sleepMillis(2); // a reader going to sleep between accesses (fenced or not)
        }
    }

    /**
     * Inside a scope: loads through another file's view (sections inside the scope's section,
     * which may switch this thread's entries to fenced or back), and now and then a sleep with
     * the scope held, which the removers of every file of the store wait for.
     */
    private void nestedInScope(SplittableRandom random, int f, Views views) {
        int g = (f + 1) % FILES;
        DaxMapping other = views.existing(g); // no map() here: the store refuses it inside a scope
        if (other != null) {
            for (int i = 0; i < 32; i++) {
                int page = random.nextInt(PAGES);
                long before = removed.get(g * PAGES + page);
                try {
                    Tags.check(other.getLong((long) page * PAGE + 8L * random.nextInt(WORDS)), g, page, before, violations,
                            "getLong inside a scope");
                } catch (IndexOutOfBoundsException | NoSuchDaxFileException gone) {
                    break;
                } catch (DaxStoreException waitedForThisScope) {
                    // the load faulted while a removal of g waits for this very scope: refused, typed
                    if (!String.valueOf(waitedForThisScope.getMessage()).contains("end the scope first")) {
                        throw waitedForThisScope;
                    }
                    break;
                }
            }
        }
        if (random.nextInt(4) == 0) {
            sleepMillis(1);
        }
    }

    private long[] removedBefore(int f, int p, int run) {
        long[] before = new long[run];
        for (int i = 0; i < run; i++) {
            before[i] = removed.get(f * PAGES + p + i);
        }
        return before;
    }

    // ---- the end ----

    private void verifyEveryPage() {
        byte[] bytes = new byte[PAGE];
        long[] words = new long[WORDS];
        for (int f = 0; f < FILES; f++) {
            DaxFile file = handles.get(f);
            for (int p = 0; p < PAGES; p++) {
                int n = file.read((long) p * PAGE, bytes, 0, PAGE);
                if (n != PAGE) {
                    violations.add("file " + f + " page " + p + ": read " + n + " bytes at the end");
                    continue;
                }
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(words);
                Tags.checkPage(words, 0, f, p, removed.get(f * PAGES + p), violations, "at the end");
            }
        }
        CheckReport report = store.check();
        if (!report.isConsistent()) {
            violations.add("check() at the end: " + report);
        }
    }

    static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
