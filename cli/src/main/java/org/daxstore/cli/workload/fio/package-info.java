/**
 * fio beside the Java jobs: when {@code fio} is on the PATH, the same workload at every grid
 * point as fio jobs on a plain file in the same directory, with {@code ioengine=mmap} and
 * {@code psync}, and {@code libpmem} where {@code pmem_is_pmem} says the directory is persistent
 * memory (or {@code PMEM_IS_PMEM_FORCE=1} says to pretend). {@link
 * org.daxstore.cli.workload.fio.FioPlan} decides which engines run and says why the others do
 * not; {@link org.daxstore.cli.workload.fio.FioCommandLine} translates the run's options into
 * fio's; {@link org.daxstore.cli.workload.fio.FioJobs} runs fio ({@code --output-format=json})
 * as a {@link org.daxstore.cli.workload.Workload.Companion}; {@link
 * org.daxstore.cli.workload.fio.FioOutput} reads IOPS, bandwidth and the completion-latency
 * percentiles back into the same results as the Java jobs'.
 *
 * <p>Depends on the workload package, never the other way round.
 */
package org.daxstore.cli.workload.fio;
