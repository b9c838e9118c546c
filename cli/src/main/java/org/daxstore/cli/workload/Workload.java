package org.daxstore.cli.workload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.daxstore.DaxStoreException;

/**
 * A run: for every grid point, every Java job in turn on its target, then the companions' jobs
 * (fio's), all on the same kind of file in the same directory; the load average before and
 * after, and what a {@code nanoTime} and the loop itself cost.
 */
public final class Workload {
    /**
     * Another tool that runs the same workload at a grid point and reports it as jobs of its own:
     * fio ({@code org.daxstore.cli.workload.fio}). Its jobs run after the Java jobs of the point.
     */
    public interface Companion {
        /**
         * Runs this tool's jobs at {@code point}.
         *
         * @param spec  the run
         * @param point the grid point
         * @param stop  true once the run should stop
         * @return one result per job, failed ones included
         * @throws InterruptedException if the calling thread is interrupted
         */
        List<JobResult> run(WorkloadSpec spec, GridPoint point, BooleanSupplier stop) throws InterruptedException;
    }

    private Workload() {
    }

    /**
     * Runs {@code spec} at {@code location}.
     *
     * @param command    the command line, for the record
     * @param notes      remarks made before the run (what was skipped and why), kept in the result
     * @param companions the other tools' jobs
     * @param progress   told of each job as it starts, in one line
     * @param stop       true once the run should stop (a signal): the current job ends early
     *                   and no other starts
     * @return every job's result
     * @throws UsageException if the run needs more space than the directory has, or the
     *     container is a device DAX that daxstore cannot use
     * @throws InterruptedException if the calling thread is interrupted
     */
    public static RunResult run(WorkloadSpec spec, Location location, List<String> command, List<String> notes,
            List<Companion> companions, Consumer<String> progress, BooleanSupplier stop) throws InterruptedException {
        List<Double> loadBefore = LoadAverage.now();
        Instant started = Instant.now();
        List<String> remarks = new ArrayList<>(notes);
        List<JobKind> jobs = jobs(spec, location, remarks);
        checkSpace(spec, location, jobs, companions);
        double timer = TimerCost.measure();
        long loop = LoopCost.measure(spec);
        List<JobResult> results = new ArrayList<>();
        String medium;
        try (TargetSet targets = new TargetSet(location, spec)) {
            if (location.isDeviceDax()) {
                openDevice(targets, location);
            }
            for (GridPoint point : spec.points()) {
                for (JobKind kind : jobs) {
                    if (stop.getAsBoolean()) {
                        break;
                    }
                    progress.accept(kind.jobName() + ", " + Units.option(point.blockSize()) + " blocks, " + point.threads()
                            + (point.threads() == 1 ? " thread" : " threads"));
                    results.add(runJob(targets, kind, spec, point, stop));
                }
                for (Companion companion : companions) {
                    if (!stop.getAsBoolean()) {
                        results.addAll(companion.run(spec, point, stop));
                    }
                }
            }
            medium = targets.medium();
        }
        List<Double> loadAfter = LoadAverage.now();
        int cpus = Runtime.getRuntime().availableProcessors();
        LoadAverage.busy(loadBefore, loadAfter, cpus).ifPresent(remarks::add);
        return new RunResult(spec, command, location.directory().toString(), location.fileSystem(),
                location.container().toString(), medium, started, loadBefore, loadAfter, cpus,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), timer, loop, remarks, results);
    }

    /** The jobs that can run here: beside a device DAX there is no file system for the baselines. */
    private static List<JobKind> jobs(WorkloadSpec spec, Location location, List<String> remarks) {
        if (!location.isDeviceDax() || spec.jobs().stream().allMatch(JobKind::isDaxstore)) {
            return spec.jobs();
        }
        remarks.add("baselines skipped: they need plain files, and a device DAX has no file system to hold them");
        return spec.jobs().stream().filter(JobKind::isDaxstore).toList();
    }

    private static JobResult runJob(TargetSet targets, JobKind kind, WorkloadSpec spec, GridPoint point, BooleanSupplier stop)
            throws InterruptedException {
        String engine = kind.isDaxstore() ? "daxstore" : "jdk";
        try {
            return JobRunner.run(kind.jobName(), engine, targets.target(kind), spec, point, stop);
        } catch (RuntimeException e) {
            return JobResult.failed(kind.jobName(), engine, point, e.getMessage() != null ? e.getMessage() : e.toString());
        } finally {
            targets.finished(kind);
        }
    }

    private static void openDevice(TargetSet targets, Location location) {
        try {
            targets.store();
        } catch (DaxStoreException | IllegalArgumentException e) {
            throw new UsageException("--device " + location.container() + ": daxstore cannot use this device DAX: "
                    + e.getMessage(), e);
        }
    }

    /** Refuses a run whose files would not fit, before it makes any: a full tmpfs is SIGBUS for a mapping. */
    private static void checkSpace(WorkloadSpec spec, Location location, List<JobKind> jobs, List<Companion> companions) {
        long files = jobs.stream().filter(k -> !k.isDaxstore()).count() + companions.size()
                + (!location.isDeviceDax() && jobs.stream().anyMatch(JobKind::isDaxstore) ? 1 : 0);
        long needed = files * (spec.size() + spec.size() / 64);
        long free = location.usableSpace();
        if (needed > free) {
            throw new UsageException("--size " + Units.option(spec.size()) + ": the run needs about " + Units.bytes(needed)
                    + " (" + files + " files) in " + location.directory() + ", which has " + Units.bytes(free) + " free");
        }
    }
}
