package org.daxstore.exercise;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;

import org.daxstore.DaxFile;
import org.daxstore.DaxStore;
import org.daxstore.StoreOptions;
import org.daxstore.check.CheckReport;
import org.daxstore.media.Medium;

/**
 * An fsx-style exerciser: a seeded random mix of create, write, read, truncate, punch,
 * allocate, zero-range, delete, rename (onto a free name, refused onto a taken one, or replacing
 * it) and store reopen over a few files, each mirrored in an
 * in-memory {@link FileModel}. After every operation it reads back the whole file the operation
 * touched, compares every file's size, and runs the store checker (each block owned at most
 * once, the bitmap equal to the block maps). Every read is compared with the model. The first
 * disagreement stops the run with a report holding the seed and the last operations, so the
 * failure replays exactly: the run depends on nothing but its seed.
 */
public final class Fsx {
    private static final int LOG_LENGTH = 24;
    private static final int REOPEN_EVERY = 2_000;
    private static final int FULL_SWEEP_EVERY = 97;

    /**
     * @param seed        the random seed; the same seed replays the same run
     * @param operations  how many operations to run
     * @param directory   where the container goes, in a {@link RunDirectory} (deleted afterwards)
     * @param files       how many file names the run uses
     * @param capacity    the container's capacity
     * @param blockSize   the store's block size
     * @param maxFileSize the largest offset an operation reaches
     */
    public record Options(long seed, long operations, Path directory, int files, long capacity, int blockSize,
                          long maxFileSize) {
        public static Options defaults(Path directory, long seed, long operations) {
            return new Options(seed, operations, directory, 6, 32L << 20, StoreOptions.DEFAULT_BLOCK_SIZE, 256 << 10);
        }

        public Options withFiles(int count) {
            return new Options(seed, operations, directory, count, capacity, blockSize, maxFileSize);
        }

        public Options withCapacity(long bytes) {
            return new Options(seed, operations, directory, files, bytes, blockSize, maxFileSize);
        }

        public Options withBlockSize(int bytes) {
            return new Options(seed, operations, directory, files, capacity, bytes, maxFileSize);
        }

        public Options withMaxFileSize(long bytes) {
            return new Options(seed, operations, directory, files, capacity, blockSize, bytes);
        }

        /**
         * Refuses options the run cannot honour. The model has no notion of a full store, so
         * every file must fit at its largest, with room for block-map nodes and block rounding.
         */
        void validate() {
            if (operations < 0 || files < 1 || maxFileSize < 1) {
                throw new IllegalArgumentException("fsx needs operations >= 0, files >= 1 and maxFileSize >= 1, not "
                        + operations + ", " + files + ", " + maxFileSize);
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
    private final SplittableRandom random;
    private final Path container;
    private final UnaryOperator<Medium> mediumFault;
    private final Map<String, FileModel> models = new HashMap<>();
    private final Deque<String> log = new ArrayDeque<>();
    private final List<String> names = new ArrayList<>();
    private final byte[] buffer = new byte[64 << 10];
    private final byte[] expectedBytes = new byte[64 << 10];
    private DaxStore store;
    private long operation;

    private Fsx(Options options, Path container, UnaryOperator<Medium> mediumFault) {
        this.options = options;
        this.mediumFault = mediumFault;
        this.random = new SplittableRandom(options.seed());
        this.container = container;
        for (int i = 0; i < options.files(); i++) {
            names.add("file-" + i);
        }
    }

    /** Runs the exerciser; {@code progress} hears the count of completed operations now and then. */
    public static Result run(Options options, LongConsumer progress) {
        return run(options, UnaryOperator.identity(), progress);
    }

    /**
     * As {@link #run(Options, LongConsumer)} on a store whose medium {@code mediumFault} wraps: a
     * fault injected into one run, for tests that a mismatch is reported with a replay command
     * that replays it.
     */
    public static Result run(Options options, UnaryOperator<Medium> mediumFault, LongConsumer progress) {
        options.validate();
        try (RunDirectory run = RunDirectory.create(options.directory(), "daxstore-fsx-")) {
            Fsx fsx = new Fsx(options, run.path().resolve("fsx.dax"), mediumFault);
            try {
                return fsx.runAll(progress);
            } finally {
                fsx.closeQuietly();
            }
        }
    }

    private Result runAll(LongConsumer progress) {
        store = DaxStore.open(container, storeOptions());
        try {
            for (operation = 0; operation < options.operations(); operation++) {
                step();
                if ((operation + 1) % 1000 == 0) {
                    progress.accept(operation + 1);
                }
            }
            progress.accept(operation);
            return new Result(operation, 0, null);
        } catch (Mismatch | RuntimeException e) {
            return new Result(operation, 1, report(e));
        }
    }

    private StoreOptions storeOptions() {
        return StoreOptions.capacity(options.capacity()).withBlockSize(options.blockSize()).withMediumDecorator(mediumFault);
    }

    private void step() throws Mismatch {
        if (operation > 0 && operation % REOPEN_EVERY == 0) {
            reopen();
            return;
        }
        String name = names.get(random.nextInt(names.size()));
        FileModel model = models.get(name);
        if (model == null) {
            record("create " + name);
            store.create(name).close();
            models.put(name, new FileModel());
            verifyAll(name);
            return;
        }
        int choice = random.nextInt(100);
        try (DaxFile file = store.openFile(name)) {
            if (choice < 30) {
                write(name, file, model);
            } else if (choice < 50) {
                read(name, file, model);
            } else if (choice < 60) {
                long size = random.nextInt(4) == 0 ? 0 : offset(model);
                record("truncate " + name + " " + size);
                file.truncate(size);
                model.truncate(size);
            } else if (choice < 72) {
                rangeOperation("punch", name, model, file::punchHole, model::punch);
            } else if (choice < 80) {
                rangeOperation("allocate", name, model, file::allocate, model::allocate);
            } else if (choice < 88) {
                rangeOperation("zeroRange", name, model, file::zeroRange, model::zeroRange);
            } else if (choice < 94) {
                record("delete " + name);
                store.delete(name);
                models.remove(name);
            } else {
                String to = names.get(random.nextInt(names.size()));
                if (models.containsKey(to) && random.nextBoolean()) {
                    record("renameReplacing " + name + " -> " + to);
                    store.renameReplacing(name, to);
                    models.put(to, models.remove(name));
                    name = to;
                } else if (models.containsKey(to)) {
                    record("rename " + name + " -> " + to + " (exists: expect refusal)");
                    expectRenameRefused(name, to);
                } else {
                    record("rename " + name + " -> " + to);
                    store.rename(name, to);
                    models.put(to, models.remove(name));
                    name = to;
                }
            }
        }
        verifyAll(name);
    }

    private void write(String name, DaxFile file, FileModel model) throws Mismatch {
        long offset = offset(model);
        int length = (int) length();
        byte[] bytes = new byte[length];
        long stamp = (operation << 8) | 1;
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (stamp * 31 + i * 7 + (i >>> 8));
        }
        record("write " + name + " " + offset + " +" + length);
        file.write(offset, bytes, 0, length);
        model.write(offset, bytes, length);
    }

    /** An operation on a byte range: the same random range goes to the store and to the model. */
    private void rangeOperation(String operation, String name, FileModel model, RangeOperation onStore,
                                RangeOperation onModel) {
        long offset = offset(model);
        long length = length();
        record(operation + " " + name + " " + offset + " +" + length);
        onStore.apply(offset, length);
        onModel.apply(offset, length);
    }

    @FunctionalInterface
    private interface RangeOperation {
        void apply(long offset, long length);
    }

    private void read(String name, DaxFile file, FileModel model) throws Mismatch {
        long offset = offset(model);
        int length = (int) length();
        record("read " + name + " " + offset + " +" + length);
        compare(name, file, model, offset, length);
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
        store.close();
        store = DaxStore.open(container, storeOptions()); // the file holds a store: only the medium options apply
        if (!store.wasCleanlyClosed()) {
            throw new Mismatch("the store was closed cleanly but does not say so on reopen");
        }
        for (String name : names) {
            verifyWhole(name);
        }
        verifyAll(null);
    }

    /** Sizes and names of every file, the whole of {@code touched}, every file now and then, and the checker. */
    private void verifyAll(String touched) throws Mismatch {
        List<String> expected = new ArrayList<>(models.keySet());
        expected.sort(null);
        if (!expected.equals(store.list())) {
            throw new Mismatch("the store lists " + store.list() + " but the model holds " + expected);
        }
        for (Map.Entry<String, FileModel> entry : models.entrySet()) {
            long actual = store.stat(entry.getKey()).size();
            if (actual != entry.getValue().size()) {
                throw new Mismatch("file '" + entry.getKey() + "' is " + actual + " bytes, the model says "
                        + entry.getValue().size());
            }
        }
        if (touched != null) {
            verifyWhole(touched);
        }
        if (operation % FULL_SWEEP_EVERY == 0) {
            for (String name : models.keySet()) {
                verifyWhole(name);
            }
        }
        CheckReport report = store.check();
        if (!report.isConsistent()) {
            throw new Mismatch("the store checker found problems: " + report);
        }
    }

    private void verifyWhole(String name) throws Mismatch {
        FileModel model = models.get(name);
        if (model == null) {
            if (store.exists(name)) {
                throw new Mismatch("file '" + name + "' exists but the model deleted it");
            }
            return;
        }
        try (DaxFile file = store.openFile(name)) {
            compare(name, file, model, 0, model.size() + 7);
        }
    }

    /** Reads {@code [offset, offset + length)} and compares it, and the end-of-file behaviour, with the model. */
    private void compare(String name, DaxFile file, FileModel model, long offset, long length) throws Mismatch {
        long pos = offset;
        long end = offset + length;
        while (pos < end) {
            int want = (int) Math.min(buffer.length, end - pos);
            int got = file.read(pos, buffer, 0, want);
            long expectedCount = Math.min(want, model.size() - pos);
            if (expectedCount <= 0) {
                if (got != -1) {
                    throw new Mismatch("read of '" + name + "' at " + pos + " past its end (size " + model.size()
                            + ") returned " + got + ", not -1");
                }
                return;
            }
            if (got != expectedCount) {
                throw new Mismatch("read of '" + name + "' at " + pos + " +" + want + " returned " + got
                        + " bytes, expected " + expectedCount);
            }
            model.copy(pos, expectedBytes, got);
            int i = java.util.Arrays.mismatch(buffer, 0, got, expectedBytes, 0, got);
            if (i >= 0) {
                throw new Mismatch("file '" + name + "' byte " + (pos + i) + " is " + buffer[i]
                        + ", expected " + expectedBytes[i] + " (size " + model.size() + ")");
            }
            pos += got;
        }
    }

    /** Offsets: a third anywhere, a third near the current end, a third near the start; a third block-aligned. */
    private long offset(FileModel model) {
        long max = options.maxFileSize();
        long offset = switch (random.nextInt(3)) {
            case 0 -> random.nextLong(max);
            case 1 -> Math.max(0, Math.min(max - 1, model.size() + random.nextLong(-8192, 8192)));
            default -> random.nextLong(Math.min(max, 16 << 10));
        };
        return random.nextInt(3) == 0 ? offset & -(long) options.blockSize() : offset;
    }

    private long length() {
        long length = random.nextInt(4) == 0 ? random.nextLong(1, 64 << 10) : random.nextLong(1, 9000);
        return random.nextInt(3) == 0 ? Math.max(options.blockSize(), length & -(long) options.blockSize()) : length;
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
                .append("replay: scripts/fsx.sh --seed ").append(options.seed()).append(" --ops ").append(operation + 1)
                .append(" --files ").append(options.files()).append(" --capacity ").append(options.capacity())
                .append(" --block-size ").append(options.blockSize()).append(" --max-file-size ")
                .append(options.maxFileSize()).append(" --dir ").append(options.directory()).append('\n')
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
        if (store != null) {
            try {
                store.close();
            } catch (RuntimeException ignored) {
                // the run's own result is what matters
            }
        }
    }

    /** A disagreement between the store and the model. */
    private static final class Mismatch extends Exception {
        private static final long serialVersionUID = 1L;

        Mismatch(String message) {
            super(message);
        }
    }
}
