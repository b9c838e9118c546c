/**
 * A run's results written out: {@link org.daxstore.cli.workload.report.TextReport} (the table on
 * standard output, a row per job, the conditions above it and the notes below),
 * {@link org.daxstore.cli.workload.report.JsonReport} ({@code --json}: one object, its field
 * names stable and listed in the README), {@link org.daxstore.cli.workload.report.CsvReport}
 * ({@code --csv FILE}: a row per job and per thread), and
 * {@link org.daxstore.cli.workload.report.Charts} ({@code --out DIR}: bandwidth against threads
 * and latency CDFs, with XChart, as the bench draws its own).
 *
 * <p>Depends on the workload package's results only.
 */
package org.daxstore.cli.workload.report;
