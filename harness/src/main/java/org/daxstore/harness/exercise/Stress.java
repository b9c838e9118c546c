package org.daxstore.harness.exercise;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;

import org.daxstore.CheckReport;
import org.daxstore.ClosedException;
import org.daxstore.DaxFile;
import org.daxstore.DaxMapping;
import org.daxstore.DaxStore;
import org.daxstore.NoSuchDaxFileException;
import org.daxstore.StoreFullException;
import org.daxstore.StoreOptions;
import org.daxstore.fs.StoreHooks;
import org.daxstore.media.Medium;

/**
 * The concurrency stress of the fault path. Writer threads store self-describing values
 * (file, slot, writer, counter) through shared views of several files, or by positional writes,
 * and read each back at once the same way; reader threads load random slots, or read runs of
 * them positionally, and check that every non-zero value names the file and slot it was read
 * from; remover threads truncate and regrow, punch, and delete and recreate the files all the
 * while. A value naming another file or slot, or a writer reading
 * back something other than its own value or zero, is a violation: an access landed in a block
 * after it left its file, or read one after another file got it (docs/DESIGN.md invariants 1-3).
 *
 * <p>Writers own disjoint slots (slot mod writers), so a read-back can only legitimately see the
 * value just stored or zero (a removal came in between). The store is small, so freed blocks
 * are reused by other files within moments.
 */
public final class Stress {
    private static final int TRACE_LENGTH = 64;

    /**
     * @param seconds   how long to run
     * @param directory where the container goes, in a {@link RunDirectory} (deleted afterwards)
     * @param seed      seeds every thread's random choices (the interleaving is not replayable)
     * @param files     files in play
     * @param writers   writer threads
     * @param readers   reader threads
     * @param removers  threads that truncate, punch, delete and recreate
     * @param fileSize  each file's full size
     */
    public record Options(double seconds, Path directory, long seed, int files, int writers, int readers,
                          int removers, long fileSize) {
        public static Options defaults(Path directory, long seed, double seconds) {
            return new Options(seconds, directory, seed, 4, 2, 2, 1, 256 << 10);
        }

        /**
         * The arguments of {@code daxstore stress} that run with these options (but for the
         * directory). They repeat every thread's choices; the interleaving is the machine's.
         */
        String replayArguments() {
            return "--seed " + seed + " --seconds " + seconds + " --files " + files + " --writers " + writers
                    + " --readers " + readers + " --removers " + removers + " --file-size " + fileSize;
        }

        Options validated() {
            if (files < 1 || writers < 1 || readers < 0 || removers < 0 || seconds <= 0 || fileSize < 4096
                    || files > 255) {
                throw new IllegalArgumentException("stress options out of range: " + this);
            }
            return this;
        }
    }

    /**
     * @param accesses   loads and stores done through views, and positional reads and writes
     * @param events     truncate, punch and delete/recreate operations done
     * @param violations accesses that saw a foreign, stale or lost value
     * @param report     the first violations and the trace of operations around them; null if none
     */
    public record Result(long accesses, long events, long violations, String report) {
    }

    private final Options options;
    private final DaxStore store;
    private final AtomicReferenceArray<Handle> handles;
    private final AtomicLong accesses = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong violations = new AtomicLong();
    private final ConcurrentLinkedQueue<String> firstViolations = new ConcurrentLinkedQueue<>();
    private final AtomicReferenceArray<String> trace = new AtomicReferenceArray<>(TRACE_LENGTH);
    private final AtomicLong traceIndex = new AtomicLong();
    private volatile boolean stop;

    /** A file and the view every thread shares; replaced when the file is deleted and recreated. */
    private record Handle(DaxFile file, DaxMapping view) {
    }

    private Stress(Options options, DaxStore store) {
        this.options = options;
        this.store = store;
        this.handles = new AtomicReferenceArray<>(options.files());
    }

    /** Runs the stress; {@code progress} hears the access count about once a second. */
    public static Result run(Options options, LongConsumer progress) throws InterruptedException {
        return run(options, UnaryOperator.identity(), progress);
    }

    /**
     * As {@link #run(Options, LongConsumer)} on a store whose medium {@code mediumFault} wraps: a
     * fault injected into one run, for tests that violations are reported with a replay command.
     */
    public static Result run(Options options, UnaryOperator<Medium> mediumFault, LongConsumer progress)
            throws InterruptedException {
        return run(options, StoreHooks.NONE.withMediumDecorator(mediumFault), progress);
    }

    /**
     * As {@link #run(Options, LongConsumer)} on a store opened with {@code hooks}: a medium fault,
     * or the grace period off and a race window, for the tests that show the stress catches a
     * missing grace period.
     */
    public static Result run(Options options, StoreHooks hooks, LongConsumer progress) throws InterruptedException {
        options.validated();
        long capacity = Math.max(4L << 20, 2L * options.files() * options.fileSize());
        try (RunDirectory run = RunDirectory.create(options.directory(), "daxstore-stress-");
             DaxStore store = hooks.openForTesting(() -> DaxStore.open(run.path().resolve("stress.dax"),
                     StoreOptions.capacity(capacity).withMaxFiles(options.files() + 8)))) {
            return new Stress(options, store).runAll(progress);
        }
    }

    private Result runAll(LongConsumer progress) throws InterruptedException {
        for (int f = 0; f < options.files(); f++) {
            handles.set(f, open(f, true));
        }
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < options.writers(); w++) {
            int id = w;
            threads.add(new Thread(() -> guard(() -> writer(id)), "stress-writer-" + w));
        }
        for (int r = 0; r < options.readers(); r++) {
            int id = r;
            threads.add(new Thread(() -> guard(() -> reader(id)), "stress-reader-" + r));
        }
        for (int r = 0; r < options.removers(); r++) {
            int id = r;
            threads.add(new Thread(() -> guard(() -> remover(id)), "stress-remover-" + r));
        }
        threads.forEach(Thread::start);
        long end = System.nanoTime() + (long) (options.seconds() * 1e9);
        try {
            while (System.nanoTime() < end && threads.stream().allMatch(Thread::isAlive)) {
                Thread.sleep(Math.min(1_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                progress.accept(accesses.get());
            }
        } finally {
            // Also when progress throws (the tool's way to stop a run on a signal): the threads end
            // before the store and its directory go.
            stop = true;
            for (Thread thread : threads) {
                thread.join();
            }
        }
        CheckReport check = store.check();
        if (!check.isConsistent()) {
            violation("the store checker found problems after the run: " + check);
        }
        return new Result(accesses.get(), events.get(), violations.get(), report());
    }

    private void guard(Runnable body) {
        try {
            body.run();
        } catch (RuntimeException | Error e) {
            java.io.StringWriter text = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(text));
            violation(Thread.currentThread().getName() + " died: " + text);
        }
    }

    private void writer(int id) {
        SplittableRandom random = new SplittableRandom(options.seed() * 31 + id);
        long slots = options.fileSize() / Long.BYTES;
        long counter = 0;
        while (!stop) {
            int f = random.nextInt(options.files());
            long slot = random.nextLong(slots / options.writers()) * options.writers() + id;
            long value = encode(f, slot, id, ++counter);
            Handle handle = handles.get(f);
            try {
                long back;
                if (random.nextBoolean()) {
                    handle.view().putLong(slot * Long.BYTES, value);
                    back = handle.view().getLong(slot * Long.BYTES);
                } else { // positional I/O, which takes no lock where the block is there (issue 14)
                    handle.file().write(slot * Long.BYTES, littleEndian(value));
                    back = readPositionally(handle.file(), slot * Long.BYTES, 1)[0];
                }
                accesses.addAndGet(2);
                if (back != value && back != 0) {
                    violation("writer " + id + " stored " + describe(value) + " in file " + f + " slot " + slot
                            + " and read back " + describe(back));
                }
            } catch (IndexOutOfBoundsException | NoSuchDaxFileException | ClosedException | StoreFullException expected) {
                // the file shrank, was deleted, or the store filled up meanwhile: all legitimate
            }
        }
    }

    private void reader(int id) {
        SplittableRandom random = new SplittableRandom(options.seed() * 37 + 1000 + id);
        long slots = options.fileSize() / Long.BYTES;
        while (!stop) {
            int f = random.nextInt(options.files());
            long slot = random.nextLong(slots);
            try {
                if (random.nextBoolean()) {
                    long value = handles.get(f).view().getLong(slot * Long.BYTES);
                    accesses.incrementAndGet();
                    check(id, f, slot, value, "");
                } else { // a positional read of up to 64 slots, each checked
                    int count = (int) Math.min(slots - slot, 1 + random.nextInt(64));
                    long[] values = readPositionally(handles.get(f).file(), slot * Long.BYTES, count);
                    accesses.incrementAndGet();
                    for (int i = 0; i < count; i++) {
                        check(id, f, slot + i, values[i], " by a positional read");
                    }
                }
            } catch (IndexOutOfBoundsException | NoSuchDaxFileException | ClosedException expected) {
                // the file shrank or was deleted meanwhile
            }
        }
    }

    private void check(int reader, int f, long slot, long value, String how) {
        if (value != 0 && (fileOf(value) != f || slotOf(value) != slot)) {
            violation("reader " + reader + " read " + describe(value) + " from file " + f + " slot " + slot + how);
        }
    }

    /** {@code count} slots of {@code file} from {@code offset}, read by {@link DaxFile#read}; 0 where the file ends first. */
    private static long[] readPositionally(DaxFile file, long offset, int count) {
        byte[] bytes = new byte[count * Long.BYTES];
        int n = file.read(offset, bytes);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long[] values = new long[count];
        for (int i = 0; i < count && (i + 1) * Long.BYTES <= n; i++) {
            values[i] = buffer.getLong(i * Long.BYTES);
        }
        return values;
    }

    /** {@code value} as a view stores it: little-endian. */
    private static byte[] littleEndian(long value) {
        return java.nio.ByteBuffer.allocate(Long.BYTES).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    }

    private void remover(int id) {
        SplittableRandom random = new SplittableRandom(options.seed() * 41 + 2000 + id);
        long size = options.fileSize();
        while (!stop) {
            int f = random.nextInt(options.files());
            Handle handle = handles.get(f);
            int choice = random.nextInt(10);
            try {
                if (choice < 4) {
                    long to = random.nextLong(size) & -8L;
                    trace("truncate file " + f + " to " + to + " and back");
                    handle.file().truncate(to);
                    handle.file().truncate(size);
                } else if (choice < 8) {
                    // Whole slots only: a punch zeroes exactly its bytes, and a slot half zeroed
                    // would look like a foreign value.
                    long offset = random.nextLong(size) & -8L;
                    long length = random.nextLong(1, (size - offset) / 8 + 1) * 8;
                    trace("punch file " + f + " at " + offset + " +" + length);
                    handle.file().punchHole(offset, length);
                } else {
                    trace("delete and recreate file " + f);
                    store.delete(name(f));
                    handles.set(f, open(f, true));
                    handle.view().close();
                }
                events.incrementAndGet();
            } catch (NoSuchDaxFileException expected) {
                // another remover deleted it first
            }
        }
    }

    private Handle open(int f, boolean create) {
        DaxFile file = create ? store.create(name(f)) : store.openFile(name(f));
        file.truncate(options.fileSize());
        return new Handle(file, file.map(0, options.fileSize()));
    }

    private static String name(int f) {
        return "stress-" + f;
    }

    /** file: 8 bits, slot: 24 bits, writer: 8 bits, counter: 24 bits (never all zero). */
    static long encode(int file, long slot, int writer, long counter) {
        return (long) file << 56 | (slot & 0xFFFFFF) << 32 | (long) (writer & 0xFF) << 24 | (counter & 0xFFFFFF) | 1L << 23;
    }

    static int fileOf(long value) {
        return (int) (value >>> 56);
    }

    static long slotOf(long value) {
        return (value >>> 32) & 0xFFFFFF;
    }

    private static String describe(long value) {
        return value == 0 ? "0" : String.format("[file %d slot %d writer %d counter %d]", fileOf(value), slotOf(value),
                (value >>> 24) & 0xFF, value & 0x7FFFFF);
    }

    private void trace(String event) {
        trace.set((int) (traceIndex.getAndIncrement() % TRACE_LENGTH), System.nanoTime() / 1000 + " us: " + event);
    }

    private void violation(String description) {
        if (violations.incrementAndGet() <= 5) {
            firstViolations.add(System.nanoTime() / 1000 + " us: " + description);
        }
    }

    private String report() {
        if (violations.get() == 0) {
            return null;
        }
        StringBuilder text = new StringBuilder("stress: violations (seed " + options.seed() + "):\n");
        text.append("replay: daxstore stress ").append(options.replayArguments())
                .append(" (the same choices; the interleaving is the machine's)\n");
        firstViolations.forEach(v -> text.append("  ").append(v).append('\n'));
        text.append("last removals:\n");
        long last = traceIndex.get();
        for (long i = Math.max(0, last - TRACE_LENGTH); i < last; i++) {
            String event = trace.get((int) (i % TRACE_LENGTH));
            if (event != null) {
                text.append("  ").append(event).append('\n');
            }
        }
        return text.toString();
    }
}
