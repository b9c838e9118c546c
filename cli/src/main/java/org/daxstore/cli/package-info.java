/**
 * The {@code daxstore} command-line tool (picocli), which the scripts call. Each subcommand opens
 * the container, does one thing and closes it, so the container's lock is held only while a
 * command runs.
 *
 * <p>{@link DaxstoreCli} is the entry point and turns every error into one line,
 * {@code daxstore: <message>}, because the store's exceptions already say what and where.
 * {@code StoreCommands} (format, info, ls, rm, truncate, punch) and {@code DataCommands} (put,
 * get) work through the public API; {@code FsckCommand} runs the offline fsck and its repair;
 * {@code FsxCommand}, {@code StressCommand}, {@code FuzzCommand} and {@code CrashTestCommand} run
 * the harnesses; {@code WorkloadCommand} turns its options into a run of the workload engine
 * ({@code org.daxstore.cli.workload}, which knows nothing of this package or of picocli) and
 * writes its results. {@code SizeConverter} parses sizes such as {@code 64k},
 * {@code DurationConverter} durations such as {@code 500ms}; {@code Progress} draws
 * progress bars, on a terminal only; {@code Interruption} turns SIGINT and SIGTERM during a
 * campaign into a stop of the run, then its cleanup, then "interrupted" and status 130 or 143;
 * {@code Range} and {@code RangeCheck} bound every numeric option; {@code StandardStreams}
 * refuses a closed standard input or output that put or get needs.
 *
 * <p>Depends on core alone of daxstore's modules, and nothing depends on it: on the public API, on
 * {@code check} (Fsck and its reports, which the public API has no equivalent of) and on the
 * harness packages {@code crash}, {@code exercise} and {@code exercise.fuzz}. When issue 13 moves
 * the harnesses into a module of their own, this module depends on that one too.
 *
 * <p>Before touching it: exit statuses and each campaign's last summary line are an interface
 * (scripts and CI look for them; README.md, "The tool", lists them), and a command never closes
 * the standard streams, because the tests run commands in-process (DataCommands' header).
 */
package org.daxstore.cli;
