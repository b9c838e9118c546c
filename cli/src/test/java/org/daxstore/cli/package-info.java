/**
 * The tests of the {@code daxstore} tool: each command run in process ({@code CliSession}) or in a
 * child JVM with real standard streams and signals ({@code CliProcess}), its exit status and
 * output checked; hostile arguments (numeric ranges, undecodable and control-character names,
 * paths that are the container itself), closed standard streams, full file systems on a small
 * tmpfs ({@code SmallTmpfs}, which needs root and skips without it), interrupted campaigns and
 * their replay commands. docs/TESTING.md, "The tool, the campaigns, locks and descriptors" and
 * "The tool under hostile use", has a row per test.
 */
package org.daxstore.cli;
