package org.daxstore.harness.exercise;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;

import org.daxstore.CheckReport;
import org.daxstore.DaxFile;
import org.daxstore.DaxStore;
import org.daxstore.StoreOptions;
import org.daxstore.fs.StoreHooks;
import org.daxstore.media.Medium;
import org.daxstore.nativebridge.NativeCallException;

/**
 * An fsx-style exerciser: a seeded random mix of create, write, read, mapped write, mapped read,
 * truncate, punch, allocate, zero-range, persist, force, delete, rename (onto a free name; onto a
 * taken one, refused by rename and replacing it by renameReplacing) and store reopen over a
 * few files. Each operation goes to the store and to one or two oracles ({@link Oracles}): an
 * in-memory {@link ModelOracle}, and the kernel ({@link KernelOracle}, a plain file per name on
 * the same file system, whose header maps each operation to its kernel call and says where the
 * two legitimately differ).
 *
 * <p>Every read, positional or mapped, is compared with each oracle's. After every operation the
 * names and every file's size are compared, the whole file the operation touched is read back
 * and compared, and the store checker runs (each block owned at most once, the bitmap equal to
 * the block maps); every {@value #FULL_SWEEP_EVERY} operations, after each reopen and at the end
 * every file is read back whole. What the store must refuse is checked against the store's own
 * documented behaviour, and no oracle sees it: a mapped access past the end of a file throws
 * {@link IndexOutOfBoundsException} and changes nothing (where the kernel would raise SIGBUS),
 * {@code rename} onto a name in use is refused ({@code renameReplacing} replaces it, as
 * {@code rename(2)} does, and the oracles are told).
 *
 * <p>The first disagreement stops the run with a report holding the seed, the operation, the
 * last operations and the command that replays it. The run depends on nothing but its seed: the
 * same seed runs the same operations whichever oracles check them, so a failure can be replayed
 * against each oracle alone.
 */
public final class Fsx {
    private static final int LOG_LENGTH = 24;
    private static final int REOPEN_EVERY = 2_000;
    private static final int FULL_SWEEP_EVERY = 97;

    /** What a run checks the store against. */
    public enum Oracles {
        /** The in-memory model ({@link ModelOracle}). */
        MODEL,
        /** A plain file per name, changed by the kernel's own calls ({@link KernelOracle}); needs the native bridge. */
        KERNEL,
        /** Both: the model and the kernel. */
        BOTH;

        /** The value of the tool's {@code --oracle} option: {@code model}, {@code kernel} or {@code both}. */
        public String option() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The inverse of {@link #option()}. */
        public static Oracles ofOption(String option) {
            for (Oracles oracles : values()) {
                if (oracles.option().equals(option)) {
                    return oracles;
                }
            }
            throw new IllegalArgumentException("no oracle '" + option + "': model, kernel or both");
        }
    }

    /**
     * @param seed        the random seed; the same seed replays the same run
     * @param operations  how many operations to run
     * @param directory   where the container and the kernel oracle's files go, in a {@link RunDirectory}
     *                    (deleted afterwards, also when the JVM is stopped)
     * @param files       how many file names the run uses
     * @param capacity    the container's capacity
     * @param blockSize   the store's block size
     * @param maxFileSize the largest offset an operation reaches
     * @param oracles     what the store is checked against
     */
    public record Options(long seed, long operations, Path directory, int files, long capacity, int blockSize,
                          long maxFileSize, Oracles oracles) {
        /** Six files of up to 256 KiB in a 32 MiB store of 4 KiB blocks, checked against the model and the kernel. */
        public static Options defaults(Path directory, long seed, long operations) {
            return new Options(seed, operations, directory, 6, 32L << 20, StoreOptions.DEFAULT_BLOCK_SIZE, 256 << 10,
                    Oracles.BOTH);
        }

        public Options withOperations(long count) {
            return new Options(seed, count, directory, files, capacity, blockSize, maxFileSize, oracles);
        }

        public Options withFiles(int count) {
            return new Options(seed, operations, directory, count, capacity, blockSize, maxFileSize, oracles);
        }

        public Options withCapacity(long bytes) {
            return new Options(seed, operations, directory, files, bytes, blockSize, maxFileSize, oracles);
        }

        public Options withBlockSize(int bytes) {
            return new Options(seed, operations, directory, files, capacity, bytes, maxFileSize, oracles);
        }

        public Options withMaxFileSize(long bytes) {
            return new Options(seed, operations, directory, files, capacity, blockSize, bytes, oracles);
        }

        public Options withOracles(Oracles against) {
            return new Options(seed, operations, directory, files, capacity, blockSize, maxFileSize, against);
        }

        /**
         * Refuses options the run cannot honour. The model has no notion of a full store, so
         * every file must fit at its largest, with room for block-map nodes and block rounding.
         */
        void validate() {
            if (operations < 0 || files < 1 || maxFileSize < 1 || oracles == null) {
                throw new IllegalArgumentException("fsx needs operations >= 0, files >= 1, maxFileSize >= 1 and"
                        + " an oracle, not " + operations + ", " + files + ", " + maxFileSize + ", " + oracles);
            }
            long perFile = maxFileSize + (64L << 10) + 2L * blockSize;
            if (capacity / 2 < files * perFile) {
                throw new IllegalArgumentException("a capacity of " + capacity + " bytes cannot hold " + files
                        + " files of up to " + maxFileSize + " bytes with room to spare: give at least "
                        + 2 * files * perFile);
            }
        }
    }

    /**
     * @param operations    operations completed
     * @param mismatches    0, or 1 if the run stopped at a disagreement
     * @param failureReport what disagreed, the seed and the last operations; null if none
     */
    public record Result(long operations, long mismatches, String failureReport) {
    }

    private final Options options;
    private final Choices choose;
    private final Path container;
    private final UnaryOperator<Medium> mediumFault;
    private final List<Oracle> oracles;
    private final Comparison compare;
    /** The names in use: what the oracles were told to hold, so that operations are chosen without asking them. */
    private final TreeSet<String> live = new TreeSet<>();
    private final Deque<String> log = new ArrayDeque<>();
    private final List<String> names = new ArrayList<>();
    private final StoreViews views;
    private DaxStore store;
    private long operation;

    private Fsx(Options options, Path container, UnaryOperator<Oracle> wrap, UnaryOperator<Medium> mediumFault) {
        this.options = options;
        this.mediumFault = mediumFault;
        this.choose = new Choices(options.seed(), options.maxFileSize(), options.blockSize());
        this.container = container;
        for (int i = 0; i < options.files(); i++) {
            names.add("file-" + i);
        }
        // every offset an operation reaches: below maxFileSize, plus the longest length
        this.views = new StoreViews(options.maxFileSize() + Math.max(64 << 10, options.blockSize()));
        this.oracles = openOracles(options, container.getParent(), wrap);
        this.compare = new Comparison(oracles);
    }

    private static List<Oracle> openOracles(Options options, Path directory, UnaryOperator<Oracle> wrap) {
        List<Oracle> oracles = new ArrayList<>();
        if (options.oracles() != Oracles.KERNEL) {
            oracles.add(wrap.apply(new ModelOracle()));
        }
        if (options.oracles() != Oracles.MODEL) {
            oracles.add(wrap.apply(KernelOracle.open(directory)));
        }
        return oracles;
    }

    /** Runs the exerciser; {@code progress} hears the count of completed operations now and then. */
    public static Result run(Options options, LongConsumer progress) {
        return run(options, progress, UnaryOperator.identity(), UnaryOperator.identity());
    }

    /**
     * As {@link #run(Options, LongConsumer)} on a store whose medium {@code mediumFault} wraps: a
     * fault injected into one run, for tests that a mismatch is reported with a replay command
     * that replays it.
     */
    public static Result run(Options options, UnaryOperator<Medium> mediumFault, LongConsumer progress) {
        return run(options, progress, UnaryOperator.identity(), mediumFault);
    }

    /** {@link #run(Options, LongConsumer)} with each oracle passed through {@code wrap}: tests break one with it. */
    static Result run(Options options, LongConsumer progress, UnaryOperator<Oracle> wrap) {
        return run(options, progress, wrap, UnaryOperator.identity());
    }

    private static Result run(Options options, LongConsumer progress, UnaryOperator<Oracle> wrap,
                              UnaryOperator<Medium> mediumFault) {
        options.validate();
        try (RunDirectory run = RunDirectory.create(options.directory(), "daxstore-fsx-")) {
            Fsx fsx = new Fsx(options, run.path().resolve("fsx.dax"), wrap, mediumFault);
            try {
                return fsx.runAll(progress);
            } finally {
                fsx.closeQuietly();
            }
        }
    }

    /** The store's options: the medium's fault, if a test injected one (on an existing store only the medium options apply). */
    private StoreOptions storeOptions() {
        return StoreOptions.capacity(options.capacity()).withBlockSize(options.blockSize());
    }

    /** Opens the store, its medium wrapped by the fault, if a test injected one. */
    private DaxStore openStore() {
        return StoreHooks.NONE.withMediumDecorator(mediumFault).openForTesting(() -> DaxStore.open(container, storeOptions()));
    }

    private Result runAll(LongConsumer progress) {
        store = openStore();
        try {
            for (operation = 0; operation < options.operations(); operation++) {
                step();
                if ((operation + 1) % 1000 == 0) {
                    progress.accept(operation + 1);
                }
            }
            verifyEverything();
            progress.accept(operation);
            return new Result(operation, 0, null);
        } catch (Mismatch | RuntimeException e) {
            IOException noSpace = kernelOracleOutOfSpace(e);
            if (noSpace != null) {
                throw new UncheckedIOException(noSpace);
            }
            return new Result(operation, 1, report(e));
        }
    }

    /**
     * The failure, if {@code e} is the kernel oracle's file system running out of room: the
     * directory's fault, not a mismatch of the store's, so it is not counted as one.
     */
    private IOException kernelOracleOutOfSpace(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            boolean noSpace = cause instanceof NativeCallException nativeFailure ? nativeFailure.isNoSpace()
                    : cause instanceof IOException && String.valueOf(cause.getMessage()).contains("No space left on device");
            if (noSpace) {
                return new IOException(options.directory() + ": the file system under --dir is full: the kernel"
                        + " oracle's files could not grow at operation " + operation + " (" + cause.getMessage()
                        + "); free space there, give a smaller --max-file-size or --files, or use --oracle model", e);
            }
        }
        return null;
    }

    /** {@code path} as a shell word: quoted unless every character of it is safe bare. */
    private static String shellWord(Object path) {
        String text = String.valueOf(path);
        return text.matches("[A-Za-z0-9_/.,:=+@%-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
    }

    private void step() throws Mismatch {
        if (operation > 0 && operation % REOPEN_EVERY == 0) {
            reopen();
            return;
        }
        String name = choose.oneOf(names);
        if (!live.contains(name)) {
            record("create " + name);
            store.create(name).close();
            live.add(name);
            each(oracle -> oracle.create(name));
            verifyAll(name);
            return;
        }
        int choice = choose.below(100);
        String touched = name;
        try (DaxFile file = store.openFile(name)) {
            long size = file.size();
            if (choice < 22) {
                write(name, file, size);
            } else if (choice < 36) {
                long offset = choose.offset(size);
                int length = choose.ioLength();
                record("read " + name + " " + offset + " +" + length);
                compare.read(name, file, offset, length);
            } else if (choice < 46) {
                mapped(name, file, size, true);
            } else if (choice < 54) {
                mapped(name, file, size, false);
            } else if (choice < 63) {
                long newSize = choose.oneIn(4) ? 0 : choose.offset(size);
                record("truncate " + name + " " + newSize);
                file.truncate(newSize);
                each(oracle -> oracle.file(name).truncate(newSize));
            } else if (choice < 74) {
                rangeOperation("punch", name, size, file::punchHole, OracleFile::punch);
            } else if (choice < 81) {
                rangeOperation("allocate", name, size, file::allocate, OracleFile::allocate);
            } else if (choice < 88) {
                rangeOperation("zeroRange", name, size, file::zeroRange, OracleFile::zeroRange);
            } else if (choice < 92) {
                persist(name, file, size);
            } else if (choice < 96) {
                record("delete " + name);
                views.forget(name);
                store.delete(name);
                live.remove(name);
                each(oracle -> oracle.delete(name));
            } else {
                touched = rename(name);
            }
        }
        verifyAll(touched);
    }

    private void write(String name, DaxFile file, long size) {
        long offset = choose.offset(size);
        int length = choose.ioLength();
        byte[] bytes = pattern(length, 1);
        record("write " + name + " " + offset + " +" + length);
        file.write(offset, bytes, 0, length);
        each(oracle -> oracle.file(name).write(offset, bytes, length));
    }

    /**
     * A mapped write or read through one of the store's views, then through each oracle's
     * mapping; a read's bytes are compared with theirs.
     */
    private void mapped(String name, DaxFile file, long size, boolean storing) throws Mismatch {
        Choices.MappedRange range = choose.mappedRange(size);
        byte[] bytes = storing ? pattern(range.length(), 2) : new byte[range.length()];
        String what = (storing ? "mapped write " : "mapped read ") + name + " " + range;
        Runnable access = storing
                ? () -> views.write(name, file, range.fresh(), range.style(), range.offset(), bytes, bytes.length)
                : () -> views.read(name, file, range.fresh(), range.style(), range.offset(), bytes, bytes.length);
        if (range.pastEnd()) {
            expectOutOfBounds(what, size, access);
            return;
        }
        record(what);
        access.run();
        if (storing) {
            each(oracle -> oracle.file(name).mappedWrite(range.offset(), bytes, bytes.length));
        } else {
            compare.mappedRead(name, range.offset(), bytes);
        }
    }

    /** A mapped access past the end must throw {@link IndexOutOfBoundsException}; the files are then compared as usual. */
    private void expectOutOfBounds(String what, long size, Runnable access) throws Mismatch {
        record(what + " past the end (size " + size + "): expect IndexOutOfBoundsException");
        try {
            access.run();
        } catch (IndexOutOfBoundsException expected) {
            return;
        }
        throw new Mismatch(what + " reaches past the end of the file (size " + size + ") but was not refused");
    }

    /** A third of the time the whole file ({@code force}), else a range through a view ({@code persist}). */
    private void persist(String name, DaxFile file, long size) {
        if (choose.oneIn(3)) {
            record("force " + name);
            file.force();
            each(oracle -> oracle.file(name).force());
            return;
        }
        long offset = choose.offset(size);
        long length = choose.length();
        boolean fresh = choose.oneIn(4);
        record("persist " + name + " " + offset + " +" + length + " (" + (fresh ? "fresh" : "old") + " view)");
        views.persist(name, file, fresh, offset, length);
        each(oracle -> oracle.file(name).persist(offset, length));
    }

    /** Renames onto a random name: a free one, or one in use (then the store must refuse). Returns the file's name now. */
    private String rename(String name) throws Mismatch {
        String to = choose.oneOf(names);
        if (live.contains(to) && choose.oneIn(2)) {
            record("renameReplacing " + name + " -> " + to);
            store.renameReplacing(name, to);
            if (!to.equals(name)) {
                views.forget(to);
                views.renamed(name, to);
                live.remove(name);
                each(oracle -> oracle.rename(name, to));
            }
            return to;
        }
        if (live.contains(to)) {
            record("rename " + name + " -> " + to + " (exists: expect refusal)");
            expectRenameRefused(name, to);
            return name;
        }
        record("rename " + name + " -> " + to);
        store.rename(name, to);
        views.renamed(name, to);
        live.remove(name);
        live.add(to);
        each(oracle -> oracle.rename(name, to));
        return to;
    }

    /** An operation on a byte range: the same random range goes to the store and to every oracle. */
    private void rangeOperation(String what, String name, long size, RangeOperation onStore, OracleRange onOracle) {
        long offset = choose.offset(size);
        long length = choose.rangeLength();
        record(what + " " + name + " " + offset + " +" + length);
        onStore.apply(offset, length);
        each(oracle -> onOracle.apply(oracle.file(name), offset, length));
    }

    @FunctionalInterface
    private interface RangeOperation {
        void apply(long offset, long length);
    }

    @FunctionalInterface
    private interface OracleRange {
        void apply(OracleFile file, long offset, long length);
    }

    private void each(Consumer<Oracle> operation) {
        for (Oracle oracle : oracles) {
            operation.accept(oracle);
        }
    }

    /** Bytes that say which operation wrote them ({@code kind} 1 positional, 2 mapped), so a stale byte is recognisable. */
    private byte[] pattern(int length, int kind) {
        byte[] bytes = new byte[length];
        long stamp = (operation << 8) | kind;
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (stamp * 31 + i * 7 + (i >>> 8));
        }
        return bytes;
    }

    private void expectRenameRefused(String from, String to) throws Mismatch {
        try {
            store.rename(from, to);
        } catch (org.daxstore.DaxFileExistsException expected) {
            return;
        }
        throw new Mismatch("rename of '" + from + "' onto existing '" + to + "' was not refused");
    }

    private void reopen() throws Mismatch {
        record("close and reopen the store");
        views.close();
        store.close();
        store = openStore();
        if (!store.wasCleanlyClosed()) {
            throw new Mismatch("the store was closed cleanly but does not say so on reopen");
        }
        verifyEverything();
    }

    /** Every file read back whole, then the names, sizes and the checker. */
    private void verifyEverything() throws Mismatch {
        for (String name : names) {
            verifyWhole(name);
        }
        verifyAll(null);
    }

    /** Names and sizes of every file, the whole of {@code touched}, every file now and then, and the checker. */
    private void verifyAll(String touched) throws Mismatch {
        compare.names(store);
        compare.sizes(store, live);
        if (touched != null) {
            verifyWhole(touched);
        }
        if (operation % FULL_SWEEP_EVERY == 0) {
            for (String name : live) {
                verifyWhole(name);
            }
        }
        CheckReport report = store.check();
        if (!report.isConsistent()) {
            throw new Mismatch("the store checker found problems: " + report);
        }
    }

    /** The whole file and a little past its end (where every read must say -1), or its absence. */
    private void verifyWhole(String name) throws Mismatch {
        if (!live.contains(name)) {
            if (store.exists(name)) {
                throw new Mismatch("file '" + name + "' exists but was deleted");
            }
            return;
        }
        try (DaxFile file = store.openFile(name)) {
            compare.read(name, file, 0, file.size() + 7);
        }
    }

    private void record(String description) {
        if (log.size() == LOG_LENGTH) {
            log.removeFirst();
        }
        log.addLast("#" + operation + " " + description);
    }

    private String report(Exception e) {
        StringBuilder text = new StringBuilder();
        text.append("fsx: mismatch at operation ").append(operation).append(" (seed ").append(options.seed())
                .append("): ").append(e.getMessage() == null ? e.toString() : e.getMessage()).append('\n')
                .append("replay: scripts/fsx.sh --seed ").append(options.seed()).append(" --ops ")
                .append(Math.min(operation + 1, options.operations())) // the final check runs after the last operation
                .append(" --files ").append(options.files()).append(" --capacity ").append(options.capacity())
                .append(" --block-size ").append(options.blockSize()).append(" --max-file-size ")
                .append(options.maxFileSize()).append(" --oracle ").append(options.oracles().option())
                .append(" --dir ").append(shellWord(options.directory())).append('\n')
                .append("last operations:\n");
        for (String entry : log) {
            text.append("  ").append(entry).append('\n');
        }
        if (!(e instanceof Mismatch)) {
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            text.append(trace);
        }
        return text.toString();
    }

    private void closeQuietly() {
        try {
            views.close();
            if (store != null) {
                store.close();
            }
        } catch (RuntimeException ignored) {
            // the run's own result is what matters
        }
        for (Oracle oracle : oracles) {
            try {
                oracle.close();
            } catch (RuntimeException ignored) {
                // as above
            }
        }
    }
}
