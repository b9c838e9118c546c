package org.daxstore.cli.workload.fio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.daxstore.cli.workload.GridPoint;
import org.daxstore.cli.workload.JobKind;
import org.daxstore.cli.workload.Pattern;
import org.daxstore.cli.workload.Persistence;
import org.daxstore.cli.workload.WorkloadSpec;
import org.junit.jupiter.api.Test;

/** The fio job a grid point becomes: the same workload in fio's words. */
class FioCommandLineTest {
    private static final Path FIO = Path.of("/usr/bin/fio");
    private static final Path FILE = Path.of("/dev/shm/run/fio.dat");

    @Test
    void aTimedRandomMixIsFiosTimeBasedJobWithItsRamp() {
        WorkloadSpec spec = spec(Pattern.RANDRW, 70, Duration.ofSeconds(2), 0, "none");
        assertEquals(List.of("/usr/bin/fio", "--name=daxstore-workload", "--filename=/dev/shm/run/fio.dat", "--size=67108864",
                "--bs=4096", "--rw=randrw", "--ioengine=mmap", "--numjobs=2", "--thread", "--group_reporting",
                "--unified_rw_reporting=mixed", "--randrepeat=0", "--norandommap", "--randseed=42",
                "--percentile_list=0.1:1:5:10:20:30:40:50:60:70:80:90:95:99:99.5:99.9:99.95:99.99:99.999",
                "--clocksource=clock_gettime", "--output-format=json", "--rwmixread=70", "--time_based", "--runtime=2000ms", "--ramp_time=500ms"),
                FioCommandLine.of(FIO, spec, new GridPoint(4096, 2), "mmap", FILE));
    }

    @Test
    void aCountedRunWrapsAroundTheFileWithoutARamp() {
        List<String> args = FioCommandLine.of(FIO, spec(Pattern.READ, 100, null, 100_000, "none"), new GridPoint(65536, 1),
                "psync", FILE);
        assertTrue(args.containsAll(List.of("--number_ios=100000", "--io_size=6553600000", "--rw=read", "--bs=65536")), args.toString());
        assertTrue(args.stream().noneMatch(a -> a.startsWith("--ramp_time") || a.startsWith("--time_based")
                || a.startsWith("--rwmixread")), args.toString());
    }

    @Test
    void persistenceIsFsyncAndForPsyncFdatasync() {
        WorkloadSpec each = spec(Pattern.RANDWRITE, 0, Duration.ofSeconds(1), 0, "each");
        WorkloadSpec batch = spec(Pattern.RANDWRITE, 0, Duration.ofSeconds(1), 0, "batch:16");
        GridPoint point = new GridPoint(4096, 1);
        assertTrue(FioCommandLine.of(FIO, each, point, "mmap", FILE).contains("--fsync=1"));
        assertTrue(FioCommandLine.of(FIO, each, point, "psync", FILE).contains("--fdatasync=1"));
        assertTrue(FioCommandLine.of(FIO, batch, point, "libpmem", FILE).contains("--fsync=16"));
        assertTrue(FioCommandLine.of(FIO, spec(Pattern.RANDWRITE, 0, Duration.ofSeconds(1), 0, "none"), point, "psync", FILE)
                .stream().noneMatch(a -> a.contains("sync=")));
    }

    /** fio refuses a randseed above Long.MAX_VALUE ("failed parsing randseed"): every seed must parse as one. */
    @Test
    void everySeedBecomesOneFioParses() {
        for (long seed : new long[] {0, 42, Long.MAX_VALUE, Long.MIN_VALUE, -1, -7913192459842650580L}) {
            WorkloadSpec spec = spec(Pattern.RANDREAD, 100, Duration.ofSeconds(1), 0, "none", seed);
            String option = FioCommandLine.of(FIO, spec, new GridPoint(4096, 1), "mmap", FILE).stream()
                    .filter(a -> a.startsWith("--randseed=")).findFirst().orElseThrow();
            long parsed = Long.parseLong(option.substring("--randseed=".length()));
            assertTrue(parsed >= 0, option);
            assertEquals(seed & Long.MAX_VALUE, parsed, option);
        }
    }

    private static WorkloadSpec spec(Pattern pattern, int readPercent, Duration time, long ops, String persist) {
        return spec(pattern, readPercent, time, ops, persist, 42);
    }

    private static WorkloadSpec spec(Pattern pattern, int readPercent, Duration time, long ops, String persist, long seed) {
        return new WorkloadSpec(pattern, readPercent, List.of(4096), List.of(1), 64 << 20, time, ops, Duration.ofMillis(500),
                Persistence.parse(persist), List.of(JobKind.VIEW), 4096, true, seed);
    }
}
