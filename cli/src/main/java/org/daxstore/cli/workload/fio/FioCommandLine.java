package org.daxstore.cli.workload.fio;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;

import org.daxstore.cli.workload.GridPoint;
import org.daxstore.cli.workload.LatencySummary;
import org.daxstore.cli.workload.Persistence;
import org.daxstore.cli.workload.WorkloadSpec;

/**
 * The fio job equivalent to a grid point of the run: the same pattern, block size, threads
 * ({@code numjobs} as threads of one process, sharing one file, as the Java threads share one
 * view), size, time or count, warm-up ({@code ramp_time}, in timed runs), seed and persistence, with one
 * report for all threads ({@code group_reporting}) and reads and writes together
 * ({@code unified_rw_reporting=mixed}), as the Java jobs count them.
 *
 * <p>Offsets are random with replacement ({@code norandommap}), as the Java threads draw them,
 * not a permutation of the file. Persistence: {@code --persist each} is fio's {@code fsync=1}
 * (for psync {@code fdatasync=1}, as {@code FileChannel.force(false)}), {@code batch:N} is
 * {@code fsync=N}; libpmem persists every write itself.
 *
 * <p>The clock is {@code clock_gettime}, the one {@code System.nanoTime} reads, not fio's default
 * {@code cpu}: that reads the TSC without ordering it against the operation, so a copy whose
 * loads still miss the cache is timed as finished (fio mmap's 64 B random reads over 256 MiB gave
 * a p50 of 23 ns with it, 346 ns with {@code clock_gettime}, on this project's VM).
 */
final class FioCommandLine {
    static final String JOB_NAME = "daxstore-workload";

    private FioCommandLine() {
    }

    /**
     * fio reads {@code randseed} as a signed 64-bit number and refuses anything above
     * {@code Long.MAX_VALUE}, so half of all seeds (every negative one) would fail its parse. Its
     * low 63 bits keep the seed reproducible from the printed value.
     */
    static long fioSeed(long seed) {
        return seed & Long.MAX_VALUE;
    }

    /**
     * {@code file} as fio's {@code filename} reads it: fio splits the option at every ':' (a list
     * of files), so a colon in the path (a directory named {@code x:y}) would make it use
     * {@code x} (a file outside the run's directory, created or laid out over) and the rest; a
     * colon escaped with a backslash is part of the name.
     */
    static String fioFileName(Path file) {
        return file.toString().replace(":", "\\:");
    }

    static List<String> of(Path fio, WorkloadSpec spec, GridPoint point, String engine, Path file) {
        List<String> args = new ArrayList<>(List.of(fio.toString(), "--name=" + JOB_NAME, "--filename=" + fioFileName(file),
                "--size=" + spec.size(), "--bs=" + point.blockSize(), "--rw=" + spec.pattern().fioName(),
                "--ioengine=" + engine, "--numjobs=" + point.threads(), "--thread", "--group_reporting",
                "--unified_rw_reporting=mixed", "--randrepeat=0", "--norandommap", "--randseed=" + fioSeed(spec.seed()),
                "--percentile_list=" + percentiles(), "--clocksource=clock_gettime", "--output-format=json"));
        if (spec.pattern().mixes()) {
            args.add("--rwmixread=" + spec.readPercent());
        }
        if (spec.timed()) {
            args.add("--time_based");
            args.add("--runtime=" + spec.time().toMillis() + "ms");
            if (!spec.warmup().isZero()) {
                args.add("--ramp_time=" + spec.warmup().toMillis() + "ms");
            }
        } else {
            // number_ios alone stops at the end of the file (size / bs operations); io_size lets fio
            // wrap around it. No ramp_time: fio counts the ramp's operations against number_ios.
            args.add("--number_ios=" + spec.opsPerThread());
            args.add("--io_size=" + spec.opsPerThread() * point.blockSize()); // at most 10^12 * 2^21: no overflow
        }
        Persistence persistence = spec.persistence();
        if (persistence.mode() != Persistence.Mode.NONE) {
            args.add((engine.equals("psync") ? "--fdatasync=" : "--fsync=") + persistence.every());
        }
        return args;
    }

    /** {@link LatencySummary#PERCENTILES} as fio takes them: {@code 0.1:1:5:...:99.999}. */
    static String percentiles() {
        return DoubleStream.of(LatencySummary.PERCENTILES).mapToObj(p -> BigDecimal.valueOf(p).stripTrailingZeros().toPlainString())
                .collect(Collectors.joining(":"));
    }
}
