/**
 * The JMH suite: each benchmark measures a daxstore path against an anchor in the same run (a raw
 * access on a plain mapping, the kernel's own fault, the JDK's locks, {@code FileChannel},
 * Chronicle's {@code MappedBytes}), because on a shared, noisy machine only ratios measured in one
 * run mean anything. {@code scripts/bench.sh} runs it.
 *
 * <p>The benchmarks: {@link FaultPathBench} (the hot loop), {@link FaultCostBench},
 * {@link SeqtexBench}, {@link IoCompareBench}, {@link BulkCopyBench}, {@link PersistBench},
 * {@link ContentionBench}, {@link PunchBench}, {@link MapBench}, {@link OpenBench} and
 * {@link MemoryPathBench} (the FFM and the Unsafe memory path side by side), {@link ZeroPageRemapBench} (with {@link ZeroPageProbe}, a plain program: what covering freed
 * tmpfs pages would cost, for the decision on optimistic loads).
 * {@link BenchMain} runs them ({@code BenchOptions}: JMH's own command line over the mode's
 * defaults) and prints each row beside its target ({@code RatioTarget}: a ratio of scores,
 * percentiles or counters, or an absolute value). The report: {@code RowSelection} says which rows
 * a narrowed run covers, {@code RowValues} reads each row's sides from the results into a
 * {@code Ratio} of two {@code Measure}s in the units {@code ScoreUnits} gives them (a benchmark
 * names its operation with {@code Operation}), {@code LoadVerdict} judges the machine's
 * {@code LoadAverage}, {@code Report} writes the Markdown report and the printed table,
 * {@code RatioChart} and {@code PercentileChart} the charts, {@code MissNotes} explains every
 * missed target from {@code misses.properties} in the run's own numbers, and {@code ForkNotes}
 * carries the message of an operation a benchmark could not do to the report.
 * {@code ViewedFile}, {@code RawMapping}, {@code BenchFiles} and {@code UnbackedDataMedium} set up
 * stores and anchors.
 *
 * <p>Depends on core (and, through it, on native-bridge's LibC, for the system calls the
 * zero-page benchmark measures and {@code OpenBench}'s files), and nothing depends on it.
 * Beside the public API it reaches into core's internals, to measure a primitive alone or to build an anchor: {@code media} (Memory for raw
 * accesses; Medium and ForwardingMedium for UnbackedDataMedium), {@code sync} (Seqtex,
 * AccessSections), {@code alloc} (the warm pool's size), {@code format} (Layout) and {@code fs}
 * (StoreHooks, to give OpenBench's store its decorator). Those packages are core's internals, on
 * the class path for the project's own modules; none of it is public API.
 *
 * <p>Before touching it: a target is a ratio of two benchmarks of one class measured in one run
 * (open's is a time), so never compare numbers across runs. docs/BENCHMARKS.md describes each
 * benchmark, its profile and what would close each missed target.
 */
package org.daxstore.bench;
