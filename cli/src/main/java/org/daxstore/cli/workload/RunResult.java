package org.daxstore.cli.workload;

import java.time.Instant;
import java.util.List;

/**
 * A whole run: what it was asked, where it ran, the conditions, and every job's result in the
 * order they ran (grid point by grid point, the Java jobs then fio's).
 *
 * @param spec        the run's specification
 * @param command     the command line, as given
 * @param directory   where the files were
 * @param fileSystem  that directory's file system (see {@link Location#fileSystem})
 * @param container   the container's path
 * @param medium      what the store said of its medium, or null if no daxstore job ran
 * @param started     when the run started
 * @param loadBefore  the load average before (empty if unknown)
 * @param loadAfter   the load average after
 * @param cpus        the processors the JVM sees
 * @param jvm         the JVM's name and version
 * @param timerNanos  the cost of one {@code System.nanoTime}, which each latency includes once
 * @param loopNanos   the loop's own cost an operation, that {@code nanoTime} included ({@link LoopCost})
 * @param notes       what was skipped and why, and other remarks, one line each
 * @param jobs        the results
 */
public record RunResult(WorkloadSpec spec, List<String> command, String directory, String fileSystem, String container,
        String medium, Instant started, List<Double> loadBefore, List<Double> loadAfter, int cpus, String jvm, double timerNanos,
        long loopNanos, List<String> notes, List<JobResult> jobs) {
    public RunResult {
        command = List.copyOf(command);
        notes = List.copyOf(notes);
        jobs = List.copyOf(jobs);
        loadBefore = List.copyOf(loadBefore);
        loadAfter = List.copyOf(loadAfter);
    }

    /** Whether any job failed. */
    public boolean anyFailed() {
        return jobs.stream().anyMatch(JobResult::isFailed);
    }
}
