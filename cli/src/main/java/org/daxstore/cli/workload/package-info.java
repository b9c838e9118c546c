/**
 * The engine of {@code daxstore workload}: a fio-like workload (pattern, block size, threads,
 * size, time or count, persistence) run on daxstore and on baselines in the same directory, in
 * the same run, each job's latencies recorded per operation in HdrHistogram.
 *
 * <p>{@link org.daxstore.cli.workload.WorkloadSpec} is a run, checked;
 * {@link org.daxstore.cli.workload.Location} where its files go;
 * {@link org.daxstore.cli.workload.Workload} runs it, grid point by grid point, each Java job with
 * {@link org.daxstore.cli.workload.JobRunner} on a target from
 * {@link org.daxstore.cli.workload.TargetSet}, then the companions' jobs (fio's, from the
 * subpackage {@code fio}, which depends on this one and not the other way round).
 * {@link org.daxstore.cli.workload.Worker} is the per-thread loop: garbage-free (its buffers,
 * generator, histogram and batch array are made before it runs), random offsets from the
 * thread's own {@code SplittableRandom}, one {@code nanoTime} per operation
 * ({@link org.daxstore.cli.workload.TimerCost} says what that costs). Per-thread histograms are
 * merged once the threads have ended. Results are records
 * ({@link org.daxstore.cli.workload.RunResult}, {@link org.daxstore.cli.workload.JobResult});
 * the subpackage {@code report} writes them as a table, JSON, CSV and charts.
 *
 * <p>Pretouch: unless told otherwise, every page of every target is written through the job's
 * own path (the view, the raw mapping, the buffer, the channel) before its first job, so that no
 * first-touch fault is measured; with {@code --no-pretouch} each job gets fresh, sparse files
 * and measures its first touches (daxstore then allocates blocks as writes fault them in).
 *
 * <p>Knows nothing of picocli or of the tool's other commands: the command in
 * {@code org.daxstore.cli} parses the options into a spec and maps a
 * {@link org.daxstore.cli.workload.UsageException} to a usage error (cli's
 * {@code WorkloadBoundaryTest} keeps it so).
 */
package org.daxstore.cli.workload;
