package org.daxstore.cli.workload.fio;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.daxstore.cli.workload.GridPoint;
import org.daxstore.cli.workload.JobResult;
import org.daxstore.cli.workload.Location;
import org.daxstore.cli.workload.Units;
import org.daxstore.cli.workload.Workload;
import org.daxstore.cli.workload.WorkloadSpec;

/**
 * fio's jobs of a run, one per engine of the plan at every grid point, on one plain file in
 * the run's directory (fio lays it out before its first job and reuses it). A fio that fails
 * gives a failed row with fio's last line of standard error, and the run goes on.
 */
public final class FioJobs implements Workload.Companion {
    /** Beyond the job's own time: fio's start, and laying out a large file before the first job. */
    private static final Duration SLACK = Duration.ofMinutes(5);
    private static final Duration COUNTED_LIMIT = Duration.ofHours(1);

    private final FioTool fio;
    private final List<String> engines;
    private final Path file;
    private final Consumer<String> progress;

    private FioJobs(FioTool fio, List<String> engines, Path file, Consumer<String> progress) {
        this.fio = fio;
        this.engines = engines;
        this.file = file;
        this.progress = progress;
    }

    /**
     * The jobs of {@code plan} at {@code location}; none if the plan has no fio.
     *
     * @param progress told of each fio job as it starts, in one line
     */
    public static List<Workload.Companion> of(FioPlan plan, Location location, Consumer<String> progress) {
        return plan.tool().<List<Workload.Companion>>map(fio -> List.of(new FioJobs(fio, plan.engines(),
                location.file("fio.dat"), progress))).orElse(List.of());
    }

    @Override
    public List<JobResult> run(WorkloadSpec spec, GridPoint point, BooleanSupplier stop) throws InterruptedException {
        List<JobResult> results = new ArrayList<>();
        for (String engine : engines) {
            if (stop.getAsBoolean()) {
                break;
            }
            String name = "fio " + engine;
            progress.accept(name + ", " + Units.option(point.blockSize()) + " blocks, " + point.threads()
                    + (point.threads() == 1 ? " thread" : " threads"));
            FioProcess run = FioProcess.run(FioCommandLine.of(fio.executable(), spec, point, engine, file), limit(spec));
            if (run.status() != 0) {
                results.add(JobResult.failed(name, "fio", point, "fio failed: " + run.why()));
                continue;
            }
            try {
                results.add(FioOutput.parse(run.out(), name, point));
            } catch (IllegalArgumentException e) {
                results.add(JobResult.failed(name, "fio", point, e.getMessage()));
            }
        }
        return results;
    }

    private static Duration limit(WorkloadSpec spec) {
        return spec.timed() ? spec.warmup().plus(spec.time()).plus(SLACK) : COUNTED_LIMIT;
    }
}
