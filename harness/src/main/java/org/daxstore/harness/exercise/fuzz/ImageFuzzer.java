package org.daxstore.harness.exercise.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.daxstore.CheckReport;
import org.daxstore.CorruptStoreException;
import org.daxstore.DaxFile;
import org.daxstore.DaxMapping;
import org.daxstore.DaxStore;
import org.daxstore.DaxStoreException;
import org.daxstore.MapMode;
import org.daxstore.check.Fsck;
import org.daxstore.check.FsckReport;
import org.daxstore.check.RepairReport;

/**
 * The image fuzzing campaign: seeded damaged copies of valid containers ({@link BaseImage},
 * {@link Mutator}), each opened and used as an application would, to show that no image, however
 * damaged, gets past the store's checks into a crash, a hang or silent damage.
 *
 * <p>For each image: the offline {@link Fsck}; {@link DaxStore#open} (recovery and the full
 * check of the format's rules included); the online check; every file listed, read in full and
 * read through a view; a workload that creates, writes, punches, truncates, renames, writes
 * through a view and deletes, with its bytes read back; the check again; close; fsck again.
 *
 * <p>The oracle. Each image ends in one of two ways:
 * <ul>
 *   <li><b>refused</b>: open throws a {@link DaxStoreException} with a message, and fsck had not
 *       found the image clean;</li>
 *   <li><b>opened and consistent</b>: fsck had found the image clean (open and fsck agree both
 *       ways: open refuses exactly the images fsck does not find clean), the online check passes, every operation succeeds or throws
 *       a typed exception other than {@link CorruptStoreException} (an operation that finds
 *       damage the check missed is a failure), the bytes read back are the bytes written, the
 *       check passes after the workload, and fsck finds the closed image clean.</li>
 * </ul>
 * A store that opens must be consistent (docs/DESIGN.md invariant 8: open checks every image), so a
 * store that opens and that the online check then finds inconsistent is a failure too, as is
 * anything else: any other throwable ({@code IndexOutOfBoundsException}, an NPE,
 * {@code IllegalArgumentException}, {@code ArithmeticException}, {@code OutOfMemoryError},
 * {@code StackOverflowError}, ...), a typed exception without a message, a disagreement between
 * fsck, open and the online check, and an image whose work takes longer than the timeout (run in
 * a worker thread; a hang).
 *
 * <p>The repair. Every image that open refuses is then repaired
 * ({@link Fsck#repair}) and must come out one of two ways: <b>repaired</b>, after which fsck
 * finds it clean (the repair's own last step), it opens, the online check passes, every file
 * reads with nothing but typed exceptions, and every file of the base image that the damage did
 * not reach reads back byte for byte (in the image as the repair finds it, which an open may
 * have written since: the file's inode record and its blocks as they were, at most one
 * superblock copy and nothing of the journal changed); or <b>unrepairable</b>, only when fsck
 * finds it unusable (not a container, both superblocks damaged), and then not a byte of it has
 * changed. Anything else (a repair that leaves it inconsistent, finds it clean, or writes an
 * image it cannot use) is a failure.
 *
 * <p>Each image's randomness comes from the seed and its index alone, so
 * {@code daxstore fuzz --seed S --first I --images 1} replays image I. The JVM itself cannot
 * crash on an image: every length is checked before anything is mapped, and every pointer read
 * from an image is bounds-checked before it is followed.
 */
public final class ImageFuzzer {
    /** Per-image limit on open, check, read, write, close and both fscks. */
    public static final long TIMEOUT_SECONDS = 10;

    private static final byte[] ZEROS = new byte[4096];

    private final long seed;
    private final Path workDir;
    private final List<BaseImage> bases;
    private final List<String> failures = new ArrayList<>();
    private int refused;
    private int openedConsistent;
    private int repaired;
    private int unrepairable;
    private final Consumer<Path> imageFault;
    private ExecutorService worker = newWorker();

    private ImageFuzzer(long seed, Path workDir, Consumer<Path> imageFault) {
        this.seed = seed;
        this.workDir = workDir;
        this.imageFault = imageFault;
        this.bases = List.of(BaseImage.fresh(workDir), BaseImage.aged(workDir), BaseImage.crashed(workDir),
                BaseImage.hugeBlocks(workDir));
    }

    /** Runs images {@code 0 .. images - 1} of campaign {@code seed}, in {@code workDir} (tmpfs is best). */
    public static FuzzResult run(long seed, int images, Path workDir) {
        return run(seed, 0, images, workDir, done -> { });
    }

    /** Runs images {@code first .. first + images - 1}, reporting the number done to {@code progress}. */
    public static FuzzResult run(long seed, int first, int images, Path workDir, LongConsumer progress) {
        return run(seed, first, images, workDir, progress, image -> { });
    }

    /**
     * As {@link #run(long, int, int, Path, LongConsumer)}, with {@code imageFault} applied to each
     * image's file after the first fsck and before the open: a fault injected into one run (the
     * file changing under the checker), for tests that failures are reported with a replay
     * command that replays them.
     */
    public static FuzzResult run(long seed, int first, int images, Path workDir, LongConsumer progress,
                                 Consumer<Path> imageFault) {
        ImageFuzzer fuzzer = new ImageFuzzer(seed, workDir, imageFault);
        try {
            for (int i = 0; i < images; i++) {
                fuzzer.runImage(first + i);
                progress.accept(i + 1);
            }
        } finally {
            fuzzer.worker.shutdownNow();
        }
        return new FuzzResult(images, fuzzer.refused, fuzzer.openedConsistent, fuzzer.failures,
                fuzzer.repaired, fuzzer.unrepairable);
    }

    private enum Outcome { REFUSED, OPENED_CONSISTENT }

    /** How an image ended, and (unless it opened consistent) what its repair made of it. */
    private record Verdict(Outcome outcome, RepairReport.Status repair) {
    }

    /** Thrown by the oracle: the image broke a rule of the campaign. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    private void runImage(int index) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        int pick = random.nextInt(100);
        BaseImage base = bases.get(pick < 20 ? 0 : pick < 60 ? 1 : pick < 95 ? 2 : 3);
        Mutator.Mutation mutation = new Mutator(base, random).next();
        String what = "image #" + index + " (" + base.name() + ", " + mutation.description() + ")";
        Path file = workDir.resolve("fuzz-" + index + ".dax");
        Future<Verdict> result = worker.submit(() -> examineAndRepair(file, mutation.image(), base, imageFault));
        try {
            Verdict verdict = result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            switch (verdict.outcome()) {
                case REFUSED -> refused++;
                case OPENED_CONSISTENT -> openedConsistent++;
            }
            if (verdict.repair() == RepairReport.Status.REPAIRED) {
                repaired++;
            } else if (verdict.repair() == RepairReport.Status.UNUSABLE) {
                unrepairable++;
            }
        } catch (TimeoutException e) {
            result.cancel(true);
            worker.shutdownNow();
            // The stuck thread may hold the file open; later images use files of their own.
            worker = newWorker();
            fail(index, what, "no result after " + TIMEOUT_SECONDS + " s: a hang");
        } catch (ExecutionException e) {
            fail(index, what, describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at " + what, e);
        } finally {
            if (result.isDone()) {
                delete(file);
            }
        }
    }

    private void fail(int index, String what, String why) {
        failures.add(what + ": " + why + " [replay: daxstore fuzz --seed " + seed + " --first " + index + " --images 1]");
    }

    private static String describe(Throwable error) {
        if (error instanceof Failure) {
            return error.getMessage();
        }
        StackTraceElement[] trace = error.getStackTrace();
        return "untyped " + error + " at " + Arrays.toString(Arrays.copyOf(trace, Math.min(6, trace.length)));
    }

    private static Verdict examineAndRepair(Path file, byte[] image, BaseImage base, Consumer<Path> imageFault)
            throws IOException {
        Outcome outcome = examine(file, image, imageFault);
        return new Verdict(outcome, outcome == Outcome.OPENED_CONSISTENT ? null : repair(file, base));
    }

    /** The repair step of the oracle (see the class comment), on an image that open refused. */
    private static RepairReport.Status repair(Path file, BaseImage base) throws IOException {
        // The image as the repair finds it: an open that reported damage has written it since (at least at close).
        byte[] image = Files.readAllBytes(file);
        RepairReport report = Fsck.repair(file);
        switch (report.status()) {
            case UNUSABLE -> {
                FsckReport again = Fsck.check(file);
                if (again.status() != FsckReport.Status.UNUSABLE) {
                    throw new Failure("repair found the image unusable, but fsck says: " + again.summary());
                }
                if (!Arrays.equals(image, Files.readAllBytes(file))) {
                    throw new Failure("repair found the image unusable, but wrote it: " + report.summary());
                }
            }
            case REPAIRED -> checkRepaired(file, image, base, report);
            default -> throw new Failure("the repair of a damaged image ended " + report.status() + ": "
                    + report.toString().replace(System.lineSeparator(), " | "));
        }
        return report.status();
    }

    /**
     * A repaired image opens, passes the online check, reads, and keeps the untouched files. That
     * fsck finds it clean is what the repair's own last step checked (REPAIRED means it did), on
     * the file as it stays. Running fsck again here cost a seventh of the campaign's CPU (37 s
     * against 32 s for 10,000 images).
     */
    private static void checkRepaired(Path file, byte[] image, BaseImage base, RepairReport report) throws IOException {
        DaxStore store;
        try {
            store = DaxStore.open(file);
        } catch (DaxStoreException e) {
            throw new Failure("after the repair (" + report.fixes() + "), open refused it: " + e);
        }
        try {
            CheckReport check = store.check();
            if (!check.isConsistent()) {
                throw new Failure("after the repair (" + report.fixes() + "), the online check says: " + check);
            }
            long cap = 4 * Files.size(file);
            untilCorruptionFails(() -> readEverything(store, cap));
            Map<Integer, String> names = new HashMap<>();
            for (String name : store.list()) {
                names.put(store.stat(name).inode(), name);
            }
            for (BaseImage.BaseFile untouched : base.files()) {
                if (untouched.untouchedIn(image, base)
                        && !Arrays.equals(untouched.contents(), contentsOf(store, names.get(untouched.inode())))) {
                    throw new Failure("the repair (" + report.fixes() + ") changed file '" + untouched.name() + "' (inode "
                            + untouched.inode() + "), which the damage did not reach");
                }
            }
        } finally {
            closeTyped(store);
        }
    }

    /** The bytes of file {@code name}, or null if there is no such file. */
    private static byte[] contentsOf(DaxStore store, String name) {
        if (name == null) {
            return null;
        }
        try (DaxFile file = store.openFile(name)) {
            byte[] bytes = new byte[(int) file.size()];
            file.read(0, bytes);
            return bytes;
        }
    }

    private static Outcome examine(Path file, byte[] image, Consumer<Path> imageFault) throws IOException {
        writeSparse(file, image);
        FsckReport before = Fsck.check(file);
        imageFault.accept(file);
        DaxStore store;
        try {
            store = DaxStore.open(file);
        } catch (DaxStoreException e) {
            requireMessage(e);
            if (before.status() == FsckReport.Status.CLEAN) {
                throw new Failure("fsck found the image clean, but open refused it: " + e);
            }
            return Outcome.REFUSED;
        }
        try {
            if (before.status() != FsckReport.Status.CLEAN) {
                throw new Failure("open accepted an image that fsck found " + before.status() + ": " + before.summary()
                        + (before.problems().isEmpty() ? "" : "; first problem: " + before.problems().get(0)));
            }
            CheckReport check = store.check();
            if (!check.isConsistent()) {
                throw new Failure("open accepted an image that the online check finds inconsistent"
                        + " (fsck before open: " + before.status() + "): " + check);
            }
            long cap = 4 * Files.size(file);
            untilCorruptionFails(() -> readEverything(store, cap));
            untilCorruptionFails(() -> workload(store));
            CheckReport after = store.check();
            if (!after.isConsistent()) {
                throw new Failure("the workload left a consistent store inconsistent: " + after);
            }
        } finally {
            closeTyped(store);
        }
        FsckReport after = Fsck.check(file);
        if (after.status() != FsckReport.Status.CLEAN) {
            throw new Failure("after close, fsck expected CLEAN but says: " + after.summary()
                    + (after.problems().isEmpty() ? "" : "; first problem: " + after.problems().get(0)));
        }
        return Outcome.OPENED_CONSISTENT;
    }

    /** Runs {@code action}; a typed exception ends it, unless it reports corruption. */
    private static void untilCorruptionFails(Runnable action) {
        try {
            action.run();
        } catch (CorruptStoreException e) {
            throw new Failure("the check passed, but an operation found damage: " + e);
        } catch (DaxStoreException e) {
            requireMessage(e);
        }
    }

    private static void closeTyped(DaxStore store) {
        try {
            store.close();
        } catch (DaxStoreException e) {
            requireMessage(e);
        }
    }

    private static void requireMessage(DaxStoreException e) {
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            throw new Failure("a typed exception without a message: " + e.getClass().getName());
        }
    }

    /** Reads every file in full (at most {@code cap} bytes, then its last byte), by copy and through a view. */
    private static void readEverything(DaxStore store, long cap) {
        byte[] buffer = new byte[1 << 16];
        for (String name : store.list()) {
            try (DaxFile file = store.openFile(name)) {
                file.stat();
                long size = file.size();
                long end = Math.min(size, cap);
                for (long position = 0; position < end; position += buffer.length) {
                    file.read(position, buffer, 0, (int) Math.min(buffer.length, end - position));
                }
                if (size > end) {
                    file.read(size - 1, buffer, 0, 1);
                }
                if (end > 0) {
                    try (DaxMapping view = file.map(0, end, MapMode.READ_ONLY)) {
                        for (long position = 0; position < end; position += buffer.length) {
                            view.get(position, buffer, 0, (int) Math.min(buffer.length, end - position));
                        }
                    }
                }
            }
        }
    }

    /** Metadata and data operations of every kind, with the bytes they leave read back. */
    private static void workload(DaxStore store) {
        List<String> before = store.list();
        int block = store.info().blockSize();
        byte[] data = new byte[3 * block + 17];
        Arrays.fill(data, (byte) 0x5A);
        try (DaxFile file = store.create("fuzz.new")) {
            file.write(0, data);
            file.write(600L * block, new byte[] {1});
            file.punchHole(block, block);
            file.truncate(2L * block + 5);
            try (DaxMapping view = file.map(0, 2L * block + 5)) {
                view.putLong(8, 0x0123456789ABCDEFL);
            }
            byte[] back = new byte[(int) file.size()];
            file.read(0, back);
            byte[] expected = Arrays.copyOf(data, back.length);
            Arrays.fill(expected, block, 2 * block, (byte) 0);
            ByteBuffer.wrap(expected).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(8, 0x0123456789ABCDEFL);
            if (!Arrays.equals(expected, back)) {
                throw new Failure("the bytes read back differ from the bytes written");
            }
        }
        store.rename("fuzz.new", "fuzz.renamed");
        store.delete(before.isEmpty() ? "fuzz.renamed" : before.get(0));
        store.force();
    }

    /**
     * Writes {@code image} to a new file, skipping its pages of zeros: they stay holes. The base
     * images are mostly zeros, and a hole costs neither a write nor, on tmpfs, a page.
     */
    private static void writeSparse(Path file, byte[] image) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int at = 0; at < image.length; at += ZEROS.length) {
                int length = Math.min(ZEROS.length, image.length - at);
                if (!Arrays.equals(image, at, at + length, ZEROS, 0, length) || at + length == image.length) {
                    channel.write(ByteBuffer.wrap(image, at, length), at);
                }
            }
        }
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "image-fuzzer");
            thread.setDaemon(true);
            return thread;
        });
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
