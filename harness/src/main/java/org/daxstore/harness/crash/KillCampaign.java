package org.daxstore.harness.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.daxstore.CheckReport;
import org.daxstore.CorruptStoreException;
import org.daxstore.DaxStore;
import org.daxstore.StoreOptions;

/**
 * The kill -9 campaign: a process crash at a random instant must lose nothing an operation
 * reported done.
 *
 * <h2>Method</h2>
 * Each round starts a child JVM ({@link KillChild}) that formats a store on tmpfs and runs a
 * seeded workload of {@link RandomOperations}, printing {@code done <n>} once operation n and
 * its persist have returned. The parent picks a random operation k ({@link #killAfter}) and a random delay of up to
 * {@value #MAX_DELAY_MICROS} µs, waits for {@code done k}, sleeps the delay and kills the child
 * with {@link ProcessHandle#destroyForcibly()} (SIGKILL on Linux); the child is then usually inside a
 * later operation. The parent reads the last {@code done n} the child printed, reopens the store
 * (which replays the journal and checks the store), runs {@link DaxStore#check()} and the
 * offline fsck ({@link OfflineCheck}), and judges the store with the {@link Oracle}: it must be
 * the model's state after n or after n + 1 operations, with every persisted byte of the state
 * intact (bytes in operation n + 1's own range may be old or new). The parent knows the states
 * because the workload depends only on the seed.
 *
 * <p>A kill before {@code done 0} interrupts format: then there may be no store (no file, or one
 * that does not open as a store), or an empty one.
 *
 * <p>On tmpfs a killed process loses no store (the page cache outlives it), so this campaign
 * tests the process-crash path: recovery of a store that was not closed, with operations cut at
 * any instruction; the power-failure states are {@link CrashEnumeration}'s.
 */
public final class KillCampaign {
    static final List<String> NAMES = List.of("f0", "f1", "f2", "f3", "f4", "f5");
    private static final int MAX_DELAY_MICROS = 3000;
    private static final int AFTER_ALL_ONE_IN = 25;
    private static final long CHILD_TIMEOUT_SECONDS = 60;
    /** JVM options of ours (or of the launcher) that the child needs too. */
    private static final List<String> INHERITED_FLAGS = List.of("--enable-native-access", "--sun-misc-unsafe-memory-access",
            "--add-opens", "--add-exports", "-Dchronicle.", "-Ddaxstore.");
    /** The child runs briefly: skip the optimizing compiler and a concurrent collector. */
    private static final List<String> CHILD_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m",
            "-Xshare:auto", "-XX:-UsePerfData");

    /**
     * What to run.
     *
     * @param dir        where the containers go (tmpfs: /dev/shm)
     * @param seed       seeds the workloads and the kill instants
     * @param rounds     child processes to kill
     * @param operations operations per child workload
     * @param capacity   container size
     * @param parallel   children alive at once: most of a round is the child JVM starting, which
     *                   leaves a core idle now and then
     * @param first      the index of the first round: rounds {@code first .. first + rounds - 1} run,
     *                   each planned from the seed and its index alone, so that a failure's replay
     *                   command can name one
     * @param containerFault applied to each killed child's container before it is judged: a fault
     *                   injected into one run, for tests that the campaign reports and replays what it finds
     */
    public record Options(Path dir, long seed, int rounds, int operations, long capacity, int parallel, int first,
            Consumer<Path> containerFault) {
        public Options(Path dir, long seed, int rounds, int operations, long capacity, int parallel) {
            this(dir, seed, rounds, operations, capacity, parallel, 0, container -> { });
        }

        public static Options defaults(Path dir, long seed, int rounds) {
            return new Options(dir, seed, rounds, 60, 1L << 20, 2);
        }

        public Options withFirst(int index) {
            return new Options(dir, seed, rounds, operations, capacity, parallel, index, containerFault);
        }

        public Options withContainerFault(Consumer<Path> fault) {
            return new Options(dir, seed, rounds, operations, capacity, parallel, first, java.util.Objects.requireNonNull(fault));
        }

        /** The arguments of {@code daxstore crash-test} that run round {@code index} alone, as these options do. */
        String replayArguments(int index) {
            return "--seed " + seed + " --first-kill " + index + " --kills 1 --kill-ops " + operations
                    + " --images 0 --sequences 0 --skip-catalogue --fuzz 0";
        }
    }

    /**
     * What the campaign found.
     *
     * @param rounds        children killed and judged
     * @param duringFormat  of those, kills before the store was formatted
     * @param afterAll      of those, kills after the last operation
     * @param inconsistent  rounds whose store was not an allowed outcome
     * @param failures      the first few of those, each with its seed and reason
     * @param elapsed       wall time
     */
    public record Result(int rounds, int duringFormat, int afterAll, int inconsistent, List<String> failures,
            Duration elapsed) {
        public String summary() {
            return String.format("kill campaign: %d kills (%d during format, %d after the last operation), %d inconsistent,"
                    + " %.1f s", rounds, duringFormat, afterAll, inconsistent, elapsed.toMillis() / 1000.0);
        }
    }

    private final Options options;

    private KillCampaign(Options options) {
        this.options = options;
    }

    static StoreOptions storeOptions(long capacity) {
        return StoreOptions.capacity(capacity).withMaxFiles(16);
    }

    /** One round's plan: the child's seed, the report to kill after (-1: at once) and the delay then. */
    private record Round(int index, long seed, int killAfter, long delayNanos) {
    }

    /** How a round ended: the last operation the child reported (-1: none) and the failure, if any. */
    private record Outcome(int reported, String failure) {
    }

    /** Runs the campaign; {@code progress} hears the number of rounds done. */
    public static Result run(Options options, LongConsumer progress) {
        long start = System.nanoTime();
        KillCampaign campaign = new KillCampaign(options);
        List<Future<Outcome>> outcomes = new ArrayList<>();
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, options.parallel()));
        try {
            for (int i = options.first(); i < options.first() + options.rounds(); i++) {
                Round round = campaign.plan(i);
                outcomes.add(workers.submit(() -> campaign.round(round)));
            }
            int duringFormat = 0;
            int afterAll = 0;
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < outcomes.size(); i++) {
                Outcome outcome = outcomes.get(i).get();
                duringFormat += outcome.reported() < 0 ? 1 : 0;
                afterAll += outcome.reported() == options.operations() ? 1 : 0;
                if (outcome.failure() != null) {
                    failures.add(outcome.failure());
                }
                progress.accept(i + 1);
            }
            return new Result(options.rounds(), duringFormat, afterAll, failures.size(),
                    List.copyOf(failures.subList(0, Math.min(10, failures.size()))),
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a kill round failed to run: " + e.getCause(), e.getCause());
        } finally {
            workers.shutdownNow();
        }
    }

    /** Round {@code index}'s plan, from the campaign's seed and the index alone. */
    private Round plan(int index) {
        long seed = options.seed() * 1_000_003L + index;
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L);
        return new Round(index, seed, killAfter(random), TimeUnit.MICROSECONDS.toNanos(random.nextInt(MAX_DELAY_MICROS + 1)));
    }

    /**
     * The report after which to kill: -1 (during format) up to three quarters into the workload,
     * since the child runs on while the parent reads and sleeps; and one round in
     * {@value #AFTER_ALL_ONE_IN} after the last operation, a crash with nothing in flight.
     */
    private int killAfter(SplittableRandom random) {
        if (random.nextInt(AFTER_ALL_ONE_IN) == 0) {
            return options.operations();
        }
        return random.nextInt(options.operations() * 3 / 4 + 2) - 1;
    }

    private Outcome round(Round round) throws IOException {
        Path container = options.dir().resolve("killed-" + round.index() + ".dax");
        Path stderr = options.dir().resolve("killed-" + round.index() + ".stderr");
        Files.deleteIfExists(container);
        int[] reported = {-1};
        String failure = runAndKill(container, stderr, round.seed(), round.killAfter(), round.delayNanos(), reported);
        if (failure == null) {
            if (Files.exists(container)) {
                options.containerFault().accept(container);
            }
            failure = judge(container, round.seed(), reported[0]);
        }
        if (failure != null) {
            failure = "round " + round.index() + " (seed " + round.seed() + ", planned kill " + TimeUnit.NANOSECONDS.toMicros(
                    round.delayNanos()) + " us after 'done " + round.killAfter() + "'), killed after 'done " + reported[0] + "': "
                    + failure + childErrors(stderr) + " [replay: daxstore crash-test "
                    + options.replayArguments(round.index()) + "]";
        }
        Files.deleteIfExists(container);
        Files.deleteIfExists(stderr);
        return new Outcome(reported[0], failure);
    }

    /**
     * Starts the child and kills it {@code delayNanos} after it reports operation {@code killAfter}
     * (-1: as soon as it starts); leaves in {@code reported[0]} the last operation it reported, -1
     * for none.
     *
     * @return null, or why the round failed before there was anything to judge: the child died by
     *     itself (an operation threw, say)
     */
    private String runAndKill(Path container, Path stderr, long seed, int killAfter, long delayNanos, int[] reported)
            throws IOException {
        Process child = new ProcessBuilder(childCommand(container, seed)).redirectError(stderr.toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            boolean ended = false;
            while (reported[0] < killAfter && !ended) {
                String line = out.readLine();
                ended = line == null;
                reported[0] = ended ? reported[0] : lastReported(line, reported[0]);
            }
            if (ended) {
                return "the child ended by itself (exit status " + waitFor(child) + ") after 'done " + reported[0] + "'";
            }
            LockSupport.parkNanos(delayNanos);
            // SIGKILL through the handle: Process.destroyForcibly would also close our end of the
            // pipe, and the lines the child printed before it died would be lost.
            child.toHandle().destroyForcibly();
            waitFor(child);
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                reported[0] = lastReported(line, reported[0]);
            }
            return null;
        } finally {
            child.destroyForcibly();
        }
    }

    private static int lastReported(String line, int previous) {
        return line.startsWith("done ") ? Integer.parseInt(line.substring(5)) : previous;
    }

    private static int waitFor(Process child) {
        try {
            if (!child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the child did not end within " + CHILD_TIMEOUT_SECONDS + " s");
            }
            return child.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the killed child", e);
        }
    }

    /** Null if the store the child left is an allowed outcome after {@code reported} operations. */
    private String judge(Path container, long seed, int reported) {
        if (reported < 0 && !Files.exists(container)) {
            return null;
        }
        List<StoreModel> states = states(seed);
        DaxStore store;
        try {
            store = DaxStore.open(container);
        } catch (CorruptStoreException e) {
            return reported < 0 ? null : "the store does not open: " + e;
        } catch (RuntimeException e) {
            return "opening the store failed: " + e;
        }
        try (store) {
            CheckReport report = store.check();
            if (!report.isConsistent()) {
                return "DaxStore.check(): " + report;
            }
            if (reported < 0) {
                return Oracle.judge(store, StoreModel.empty(), StoreModel.empty(), null);
            }
            int next = Math.min(reported + 1, options.operations());
            Operation interrupted = reported < options.operations() ? operations(seed).get(reported) : null;
            String verdict = Oracle.judge(store, states.get(reported), states.get(next),
                    interrupted == null ? null : interrupted.dataRange());
            if (verdict != null) {
                return verdict + (interrupted == null ? "" : " (interrupted: '" + interrupted + "')");
            }
        } catch (RuntimeException e) {
            return "reading the recovered store failed: " + e;
        }
        String fsck = OfflineCheck.problems(container);
        return fsck == null ? null : "fsck: " + fsck;
    }

    /** The child's operations, replayed from its seed. */
    private List<Operation> operations(long seed) {
        RandomOperations random = new RandomOperations(seed, NAMES);
        List<Operation> ops = new ArrayList<>();
        StoreModel model = StoreModel.empty();
        for (int i = 0; i < options.operations(); i++) {
            Operation op = random.next(model);
            ops.add(op);
            model = op.applyTo(model);
        }
        return ops;
    }

    /** The model after 0, 1, ..., all of the child's operations. */
    private List<StoreModel> states(long seed) {
        List<StoreModel> states = new ArrayList<>();
        StoreModel model = StoreModel.empty();
        states.add(model);
        for (Operation op : operations(seed)) {
            model = op.applyTo(model);
            states.add(model);
        }
        return states;
    }

    private List<String> childCommand(Path container, long seed) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (INHERITED_FLAGS.stream().anyMatch(argument::startsWith)) {
                command.add(argument);
            }
        }
        command.addAll(CHILD_FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), KillChild.class.getName(),
                container.toString(), Long.toString(seed), Integer.toString(options.operations()),
                Long.toString(options.capacity())));
        return command;
    }

    private static String childErrors(Path stderr) {
        try {
            String text = Files.exists(stderr) ? Files.readString(stderr).strip() : "";
            return text.isEmpty() ? "" : "; the child's standard error: " + text;
        } catch (IOException e) {
            return "; its standard error is unreadable: " + e.getMessage();
        }
    }
}
