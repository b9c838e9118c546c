package org.daxstore.harness.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.daxstore.DaxStore;
import org.daxstore.StoreOptions;
import org.daxstore.fs.StoreHooks;
import org.daxstore.harness.crash.Operation.Kind;

/**
 * Crash-state enumeration (docs/DESIGN.md section 7): runs workloads on a store whose medium is a
 * {@link RecordingMedium} and, at every fence of every operation under test, judges the
 * images a power failure could leave there.
 *
 * <h2>Method</h2>
 * The recording medium keeps the durable image at cache-line granularity; at each fence, any
 * subset of the lines whose live contents differ from it (stored but not yet made durable, or
 * flushed and waiting for this fence) may have reached the media. The images judged at a fence
 * are the durable image plus: no line, all lines, each line, each pair of lines (a seeded sample
 * of pairs when there are more than {@link Options#pairLimit} lines), and a few random larger
 * subsets ({@link LineSubsets}). After the last operation returns, the same images of its
 * unpersisted lines are judged as a crash after it. Each image is written to a file in
 * {@link Options#dir} (tmpfs), recovered by a normal {@link DaxStore#open(Path)}, checked and
 * compared with the model ({@link ImageCheck}, {@link Oracle}, whose comments state the
 * oracle), and recovered a second time to show that recovery is idempotent.
 *
 * <h2>Workloads</h2>
 * <ul>
 *   <li>format of a new container, alone (format only ever starts a store; over an old
 *       container it first cuts the file to zero length, so an aged variant is the same);</li>
 *   <li>every single operation of {@link Catalogue#KINDS} and every ordered pair of them, on a
 *       fresh store (formatted in the same run, then the {@link Catalogue#baseFiles}) and on an
 *       aged one (a seeded random history of {@value #HISTORY} operations, the base files, then
 *       a clean close and a reopen, so that the allocator must zero reused blocks);</li>
 *   <li>seeded random sequences of {@link Options#sequenceLength} operations
 *       ({@link RandomOperations}), alternately on a fresh and an aged store, until
 *       {@link Options#randomSequences} have run and at least {@link Options#minimumImages}
 *       images have been judged.</li>
 * </ul>
 * Workload ranges stay within one commit step of write, allocate and zero-range (256 pages), so
 * each operation is one transaction, or for force one per 32 files: the oracle's "before or
 * after" holds for every fence.
 */
public final class CrashEnumeration {
    /** Operations in the aged store's random history. */
    static final int HISTORY = 40;
    private static final List<String> HISTORY_NAMES = List.of("f0", "f1", "f2", "f3");
    private static final List<String> SEQUENCE_NAMES = List.of("f0", "f1", "f2", "f3", "f4", "f5");

    private final Options options;
    private final Path work;
    private final ImageCheck check;
    private final List<String> failures = new ArrayList<>();
    private final Map<Kind, Long> imagesByKind = new EnumMap<>(Kind.class);
    private long images;
    private long inconsistent;
    private long workloads;
    private FenceImages listener;
    private RecordingMedium recording;
    private byte[] agedImage;
    private StoreModel agedModel;

    /**
     * What to run.
     *
     * @param dir             where containers and images go (tmpfs: /dev/shm)
     * @param seed            seeds the aged history, the random sequences and the sampling
     * @param capacity        the container size (1 MiB keeps each image cheap)
     * @param pairLimit       up to this many unpersisted lines at a fence, every pair is judged
     * @param sampledPairs    pairs drawn at a fence with more lines than that
     * @param largerSubsets   random subsets of 3 or more lines per fence
     * @param catalogue       whether to run format and the single and paired operations
     * @param randomSequences random workloads to run at least
     * @param sequenceLength  operations per random workload
     * @param minimumImages   random workloads continue until this many images were judged in all
     * @param workload        the one workload to run (numbered as {@code catalogueWorkloads()}
     *                        describes), or -1 for the campaign above: what a failure's replay
     *                        command names
     * @param imageFault      applied to each crash image's file before it is recovered: a fault injected
     *                        into one run, for tests that the campaign reports and replays what it finds
     */
    public record Options(Path dir, long seed, long capacity, int pairLimit, int sampledPairs, int largerSubsets,
            boolean catalogue, int randomSequences, int sequenceLength, long minimumImages, int workload,
            Consumer<Path> imageFault) {

        /** The catalogue, 20 random sequences of 8, every pair up to 64 lines, 64 sampled above. */
        public static Options defaults(Path dir, long seed) {
            return new Options(dir, seed, 1L << 20, 64, 64, 4, true, 20, 8, 0, -1, image -> { });
        }

        public Options withMinimumImages(long count) {
            return new Options(dir, seed, capacity, pairLimit, sampledPairs, largerSubsets, catalogue, randomSequences,
                    sequenceLength, count, workload, imageFault);
        }

        public Options withRandomSequences(int count) {
            return new Options(dir, seed, capacity, pairLimit, sampledPairs, largerSubsets, catalogue, count,
                    sequenceLength, minimumImages, workload, imageFault);
        }

        public Options withSampling(int pairs, int sampled, int larger) {
            return new Options(dir, seed, capacity, pairs, sampled, larger, catalogue, randomSequences, sequenceLength,
                    minimumImages, workload, imageFault);
        }

        public Options withCatalogue(boolean run) {
            return new Options(dir, seed, capacity, pairLimit, sampledPairs, largerSubsets, run, randomSequences,
                    sequenceLength, minimumImages, workload, imageFault);
        }

        /** Only workload {@code number} (as a failure's replay command names it), or -1 for the whole campaign. */
        public Options withWorkload(int number) {
            return new Options(dir, seed, capacity, pairLimit, sampledPairs, largerSubsets, catalogue, randomSequences,
                    sequenceLength, minimumImages, number, imageFault);
        }

        public Options withImageFault(Consumer<Path> fault) {
            return new Options(dir, seed, capacity, pairLimit, sampledPairs, largerSubsets, catalogue, randomSequences,
                    sequenceLength, minimumImages, workload, java.util.Objects.requireNonNull(fault));
        }

        /** The arguments of {@code daxstore crash-test} that run workload {@code number} as these options do. */
        String replayArguments(int number) {
            return "--seed " + seed + " --workload " + number + " --pairs " + pairLimit + " --sampled-pairs "
                    + sampledPairs + " --larger-subsets " + largerSubsets + " --kills 0 --fuzz 0";
        }
    }

    /**
     * What a campaign found.
     *
     * @param images        distinct crash images judged
     * @param imagesByKind  of those, how many fell inside (or right after) each kind of operation
     * @param workloads     workloads run
     * @param inconsistent  images whose recovery was not an allowed outcome
     * @param failures      the first few of those, each with its workload, operation, fence and reason
     * @param elapsed       wall time
     */
    public record Result(long images, Map<String, Long> imagesByKind, long workloads, long inconsistent,
            List<String> failures, Duration elapsed) {

        /** One line per kind, then the total. */
        public String summary() {
            StringBuilder text = new StringBuilder();
            imagesByKind.forEach((kind, count) -> text.append(String.format("  %-16s %8d images%n", kind, count)));
            return text.append(String.format("crash enumeration: %d images in %d workloads, %d inconsistent, %.1f s",
                    images, workloads, inconsistent, elapsed.toMillis() / 1000.0)).toString();
        }
    }

    private static final int MAX_FAILURES_KEPT = 10;

    private CrashEnumeration(Options options) {
        this.options = options;
        this.work = options.dir().resolve("work.dax");
        this.check = new ImageCheck(options.dir(), options.imageFault());
    }

    /**
     * The options of a workload's store: the recording medium, and a {@link StepClock} of its own,
     * so that the workload writes the same bytes whenever it runs.
     */
    private StoreOptions storeOptions() {
        return StoreOptions.capacity(options.capacity()).withMaxFiles(16).withClock(new StepClock());
    }

    /** The hooks of a workload's store: the recording medium, which sees every flush and fence. */
    private StoreHooks recordingHooks() {
        return StoreHooks.NONE.withMediumDecorator(medium -> {
            recording = new RecordingMedium(medium);
            recording.setListener(listener);
            return recording;
        });
    }

    /** Runs the campaign; {@code progress} hears the running image count after each workload. */
    public static Result run(Options options, LongConsumer progress) {
        long start = System.nanoTime();
        CrashEnumeration campaign = new CrashEnumeration(options);
        try {
            campaign.runAll(progress);
        } finally {
            campaign.check.close();
            deleteWork(campaign.work);
        }
        Map<String, Long> byKind = new java.util.LinkedHashMap<>();
        campaign.imagesByKind.forEach((kind, count) -> byKind.put(kind.label(), count));
        return new Result(campaign.images, Collections.unmodifiableMap(byKind), campaign.workloads,
                campaign.inconsistent, List.copyOf(campaign.failures), Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Workloads are numbered in the campaign's order, so that a failure names the one to replay:
     * 0 is format; then, on a fresh store and then on an aged one, each single operation of
     * {@link Catalogue#KINDS} and each ordered pair; random sequence {@code i} is
     * {@link #catalogueWorkloads()} {@code + i}, on an aged store when {@code i} is odd. A
     * workload's images depend only on the campaign's seed, its number and the sampling options.
     */
    static int catalogueWorkloads() {
        int kinds = Catalogue.KINDS.size();
        return 1 + 2 * (kinds + kinds * kinds);
    }

    private void runAll(LongConsumer progress) {
        if (options.workload() >= 0) {
            runWorkload(options.workload());
            progress.accept(images);
            return;
        }
        if (options.catalogue()) {
            for (int number = 0; number < catalogueWorkloads(); number++) {
                runWorkload(number);
                progress.accept(images);
            }
        }
        for (int i = 0; i < options.randomSequences() || images < options.minimumImages(); i++) {
            runWorkload(catalogueWorkloads() + i);
            progress.accept(images);
        }
    }

    private void runWorkload(int number) {
        List<Kind> kinds = Catalogue.KINDS;
        int perStore = kinds.size() + kinds.size() * kinds.size();
        if (number == 0) {
            runFormat();
        } else if (number < catalogueWorkloads()) {
            boolean aged = number - 1 >= perStore;
            int index = (number - 1) % perStore;
            if (index < kinds.size()) {
                runOn(number, aged, "single " + kinds.get(index).label(), List.of(Catalogue.operation(kinds.get(index), 0)));
            } else {
                Kind first = kinds.get((index - kinds.size()) / kinds.size());
                Kind second = kinds.get((index - kinds.size()) % kinds.size());
                runOn(number, aged, "pair " + first.label() + "+" + second.label(), List.of(Catalogue.operation(first, 0),
                        Catalogue.operation(second, first == second ? 1 : 0)));
            }
        } else {
            int sequence = number - catalogueWorkloads();
            runRandom(number, sequence % 2 == 1, options.seed() + 1 + sequence);
        }
    }

    private void runFormat() {
        deleteWork(work);
        FenceImages images = newListener(0);
        Operation format = Operation.format();
        images.expect("format of a new container", format, null, StoreModel.empty());
        images.judge(new byte[0], "a crash before the file is sized");
        DaxStore store = recordingHooks().openForTesting(() -> DaxStore.create(work, storeOptions()));
        try {
            images.judgeCrashesOf(recording, "return");
            images.pause();
        } finally {
            store.close();
        }
        finish(images);
    }

    /** Runs {@code ops} on a fresh or aged store, judging the crash images of each. */
    private void runOn(int number, boolean aged, String name, List<Operation> ops) {
        String workload = name + (aged ? " on an aged store" : " on a fresh store");
        FenceImages images = newListener(number);
        StoreModel model;
        try (DaxStore store = aged ? openAged() : recordingHooks().openForTesting(() -> DaxStore.create(work, storeOptions()))) {
            model = aged ? agedModel : runSetup(store, StoreModel.empty(), Catalogue.baseFiles());
            for (Operation op : ops) {
                StoreModel next = op.applyTo(model);
                images.expect(workload, op, model, next);
                op.runOn(store);
                model = next;
            }
            images.expect(workload, ops.get(ops.size() - 1), model, model);
            images.judgeCrashesOf(recording, "return");
            images.pause();
        } catch (RuntimeException e) {
            fail(workload + ": the workload itself failed: " + e + replay(number));
            inconsistent++;
        }
        finish(images);
    }

    private void runRandom(int number, boolean aged, long seed) {
        StoreModel model = aged ? agedModelFor() : StoreModel.empty().applyAll(Catalogue.baseFiles());
        RandomOperations random = new RandomOperations(seed, SEQUENCE_NAMES);
        List<Operation> ops = new ArrayList<>();
        for (int i = 0; i < options.sequenceLength(); i++) {
            Operation op = random.next(model);
            ops.add(op);
            model = op.applyTo(model);
        }
        runOn(number, aged, "random sequence (seed " + seed + ")", ops);
    }

    /** The listener of workload {@code number}: its sampling seed and its failures' replay command follow from the number. */
    private FenceImages newListener(int number) {
        listener = new FenceImages(check, new LineSubsets(options.pairLimit(), options.sampledPairs(),
                options.largerSubsets()), options.seed() * 31 + number + 1, failure -> fail(failure + replay(number)));
        listener.pause();
        return listener;
    }

    private String replay(int number) {
        return " [replay: daxstore crash-test " + options.replayArguments(number) + "]";
    }

    private void fail(String failure) {
        if (failures.size() < MAX_FAILURES_KEPT) {
            failures.add(failure);
        }
    }

    private void finish(FenceImages finished) {
        workloads++;
        images += finished.images();
        inconsistent += finished.inconsistent();
        finished.imagesByKind().forEach((kind, count) -> imagesByKind.merge(kind, count, Long::sum));
        deleteWork(work);
    }

    private static StoreModel runSetup(DaxStore store, StoreModel model, List<Operation> setup) {
        for (Operation op : setup) {
            op.runOn(store);
            model = op.applyTo(model);
        }
        return model;
    }

    /** The aged store, built once per campaign and then copied: opening the copy is the reopen of its aging. */
    private DaxStore openAged() {
        agedModelFor();
        try {
            Files.write(work, agedImage);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return recordingHooks().openForTesting(() -> DaxStore.open(work, storeOptions()));
    }

    private StoreModel agedModelFor() {
        if (agedImage == null) {
            deleteWork(work);
            StoreOptions plain = StoreOptions.capacity(options.capacity()).withMaxFiles(16).withClock(new StepClock());
            try (DaxStore store = DaxStore.create(work, plain)) {
                RandomOperations history = new RandomOperations(options.seed(), HISTORY_NAMES);
                StoreModel model = StoreModel.empty();
                for (int i = 0; i < HISTORY; i++) {
                    model = runSetup(store, model, List.of(history.next(model)));
                }
                agedModel = runSetup(store, model, Catalogue.baseFiles());
            }
            try {
                agedImage = Files.readAllBytes(work);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            deleteWork(work);
        }
        return agedModel;
    }

    private static void deleteWork(Path work) {
        try {
            Files.deleteIfExists(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
