package org.daxstore.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.daxstore.cli.workload.JobKind;
import org.daxstore.cli.workload.Location;
import org.daxstore.cli.workload.Pattern;
import org.daxstore.cli.workload.Persistence;
import org.daxstore.cli.workload.RunResult;
import org.daxstore.cli.workload.UsageException;
import org.daxstore.cli.workload.Workload;
import org.daxstore.cli.workload.WorkloadSpec;
import org.daxstore.cli.workload.fio.FioJobs;
import org.daxstore.cli.workload.fio.FioPlan;
import org.daxstore.cli.workload.report.Charts;
import org.daxstore.cli.workload.report.CsvReport;
import org.daxstore.cli.workload.report.JsonReport;
import org.daxstore.cli.workload.report.TextReport;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code daxstore workload}: a fio-like workload on daxstore and on baselines in the same
 * directory, with fio's own jobs beside them when fio is installed (the engine is the package
 * {@code org.daxstore.cli.workload}; this class turns the options into its spec and writes the
 * results). Usage errors, here as everywhere a refusal of the options, print one line,
 * {@code daxstore: <what>}, with status 2 ({@link UsageErrors}); a job that fails gives a
 * failed row and status 1 at the end.
 */
@Command(name = "workload", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark a DAX file system, tmpfs or device DAX: a fio-like workload on daxstore (view, scope,"
                + " positional I/O) and, in the same run and directory, on a raw mapping, a MappedByteBuffer, a FileChannel"
                + " and fio (mmap, psync, libpmem where it is pmem). Prints IOPS, GB/s and latency p50, p99, p99.9, max"
                + " per job.", "Give --time or --ops."})
final class WorkloadCommand implements Callable<Integer> {
    private static final Duration SHORTEST_TIME = Duration.ofMillis(1);

    @Spec CommandSpec spec;
    @Option(names = "--rw", defaultValue = "randread", paramLabel = "PATTERN",
            description = "read, write, randread, randwrite or randrw (default ${DEFAULT-VALUE}).") String rw;
    @Range(min = "0", max = "100") @Option(names = "--mix", paramLabel = "N",
            description = "With --rw randrw: the percentage of reads (default 50).") Integer mix;
    @Range(min = "64", max = "2097152") @Option(names = "--bs", converter = SizeConverter.class, paramLabel = "SIZE",
            description = "Bytes per operation, a power of two from 64 to 2m (default 4k).") Long bs;
    @Range(min = "1", max = "1024") @Option(names = "--threads", paramLabel = "N",
            description = "Threads per job, sharing its file (default 1).") Integer threads;
    @Range(min = "4096", max = "1099511627776") @Option(names = "--size", converter = SizeConverter.class,
            defaultValue = "256m", paramLabel = "SIZE",
            description = "Each job's file: larger than the CPU's last-level cache (default ${DEFAULT-VALUE}).") long size;
    @Option(names = "--time", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long each job is measured: 2s, 500ms, 1m.") Duration time;
    @Range(min = "1", max = "1000000000000") @Option(names = "--ops", paramLabel = "N",
            description = "Or how many operations each thread does.") Long ops;
    @Option(names = "--warmup", converter = DurationConverter.class, defaultValue = "1s", paramLabel = "DURATION",
            description = "Unmeasured run of each job first, for the JIT (fio's ramp_time; default ${DEFAULT-VALUE}).")
    Duration warmup;
    @Option(names = "--access", defaultValue = "view,scope,positional", paramLabel = "LIST",
            description = "daxstore's jobs: view, scope, positional (default ${DEFAULT-VALUE}).") String access;
    @Option(names = "--baselines", defaultValue = "raw,buffer,channel", paramLabel = "LIST",
            description = "The same workload on a plain file: raw (mapping), buffer (MappedByteBuffer),"
                    + " channel (FileChannel), or none (default ${DEFAULT-VALUE}).") String baselines;
    @Option(names = "--persist", defaultValue = "none", paramLabel = "WHAT",
            description = "After writes: none, each, or batch:N (default ${DEFAULT-VALUE}).") String persist;
    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where the files go (default /dev/shm): tmpfs, a DAX file system...") Path dir;
    @Option(names = "--device", paramLabel = "PATH",
            description = "Or the container itself: a new file (removed afterwards) or /dev/daxX.Y (formatted)."
                    + " The baselines and fio go beside a file.") Path device;
    @Range(min = "4096", max = "2097152") @Option(names = "--block-size", converter = SizeConverter.Int.class,
            defaultValue = "4k", paramLabel = "SIZE",
            description = "The store's block size, a power of two from 4k to 2m (default ${DEFAULT-VALUE}).") int blockSize;
    @Option(names = "--pretouch", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Write every page through each job's own path before it runs, so first touches are not"
                    + " measured; --no-pretouch gives each job fresh sparse files (default: pretouch).") boolean pretouch;
    @Option(names = "--fio", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run fio's jobs beside (default, when fio is on the PATH); --no-fio skips them.") boolean fio;
    @Range(min = "-9223372036854775808", max = "9223372036854775807") @Option(names = "--seed", paramLabel = "S",
            description = "Seed of the random offsets (default: random, printed).") Long seed;
    @Option(names = "--sweep", arity = "1..2", paramLabel = "KEY=LIST",
            description = "A grid: threads=1,2,4 bs=64,4k,64k,2m (either or both); charts go to --out.") List<String> sweep;
    @Option(names = "--json", description = "Print one JSON object instead of the table.") boolean json;
    @Option(names = "--csv", paramLabel = "FILE", description = "Also write a row per job and per thread to FILE.") Path csv;
    @Option(names = "--out", paramLabel = "DIR",
            description = "Draw the charts into DIR (default with --sweep: ./workload-<date>-<time>).") Path out;

    @Override
    public Integer call() throws Exception {
        WorkloadSpec run;
        Location location;
        try {
            run = spec();
            location = location();
        } catch (UsageException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Consumer<String> progress = line -> {
            err.println("workload: " + line);
            err.flush();
        };
        try (location) {
            return Interruption.run(json ? err : stdout, "workload", stop -> {
                BooleanSupplier stopped = () -> stop.signal() != null;
                FioPlan plan = fio ? FioPlan.of(System.getenv(), location) : FioPlan.none("fio rows skipped: --no-fio");
                if (run.jobs().isEmpty() && plan.tool().isEmpty()) {
                    throw new ParameterException(spec.commandLine(), "nothing to run: --access none and --baselines none"
                            + " name no job, and " + plan.notes().get(0));
                }
                RunResult result;
                try {
                    result = Workload.run(run, location, command(), plan.notes(), FioJobs.of(plan, location, progress),
                            progress, stopped);
                } catch (UsageException e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage(), e);
                }
                stop.check();
                write(result, stdout, err);
                return result.anyFailed() ? 1 : 0;
            });
        }
    }

    /** The options as a checked spec. */
    private WorkloadSpec spec() {
        // An empty path (a script's unset variable) would be the current directory to Java.
        for (Object[] path : new Object[][] {{"--dir", dir}, {"--device", device}, {"--csv", csv}, {"--out", out}}) {
            if (path[1] != null && path[1].toString().isEmpty()) {
                throw new UsageException(path[0] + ": the path is empty");
            }
        }
        Pattern pattern = Pattern.of(rw);
        if (mix != null && !pattern.mixes()) {
            throw new UsageException("--mix applies to --rw randrw only (--rw " + rw + " is all " + (pattern.readPercent(0) == 100
                    ? "reads" : "writes") + ")");
        }
        if (time != null && time.compareTo(SHORTEST_TIME) < 0) {
            throw new UsageException("--time: too short, at least 1ms");
        }
        SweepArgument grid = sweep == null ? new SweepArgument(null, null) : SweepArgument.parse(sweep);
        if (grid.blockSizes() != null && bs != null || grid.threads() != null && threads != null) {
            throw new UsageException("--sweep " + (grid.blockSizes() != null && bs != null ? "bs=... and --bs" : "threads=... and --threads")
                    + " both given: the sweep's list replaces the option");
        }
        List<JobKind> jobs = new ArrayList<>(JobKind.list("--access", access, true));
        jobs.addAll(JobKind.list("--baselines", baselines, false));
        return new WorkloadSpec(pattern, pattern.readPercent(mix != null ? mix : 50),
                grid.blockSizes() != null ? grid.blockSizes() : List.of(bs != null ? bs.intValue() : 4096),
                grid.threads() != null ? grid.threads() : List.of(threads != null ? threads : 1), size, time,
                ops != null ? ops : 0, warmup, Persistence.parse(persist), jobs, blockSize, pretouch,
                seed != null ? seed : new SecureRandom().nextLong());
    }

    private Location location() {
        if (dir != null && device != null) {
            throw new UsageException("--dir and --device both given: the container goes in one place");
        }
        return device != null ? Location.onDevice(device) : Location.inDirectory(dir != null ? dir : Path.of("/dev/shm"));
    }

    private void write(RunResult result, PrintWriter stdout, PrintWriter err) throws IOException {
        PrintWriter notes = json ? err : stdout;
        if (json) {
            JsonReport.write(result, stdout);
        } else {
            TextReport.write(result, stdout);
        }
        if (csv != null) {
            // As get writes a host file: complete or not at all, and a failure names the file.
            ReplacingHostFile.write(csv, stream -> {
                Writer writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
                CsvReport.write(result, writer);
                writer.flush();
            });
            notes.println("csv: " + DisplayNames.path(csv));
        }
        Path charts = out != null ? out : sweep != null
                ? Path.of("workload-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))) : null;
        if (charts != null) {
            int drawn;
            try {
                drawn = Charts.write(result, charts).size();
            } catch (IOException e) {
                String why = e instanceof FileAlreadyExistsException && !Files.isDirectory(charts) ? "not a directory"
                        : e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                        : e instanceof FileSystemException fs ? DaxstoreCli.reason(fs) : e.getMessage();
                throw new IOException("--out " + charts + ": cannot draw the charts there: " + why, e);
            }
            notes.println("charts: " + drawn + " PNG files in " + DisplayNames.path(charts));
        }
        notes.flush();
    }

    private List<String> command() {
        List<String> words = new ArrayList<>(List.of("daxstore"));
        words.addAll(spec.commandLine().getParseResult().originalArgs());
        return words;
    }
}
