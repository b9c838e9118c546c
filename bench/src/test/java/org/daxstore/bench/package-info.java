/**
 * The tests of the benchmark suite's own code, not of what it measures (JMH does that): that
 * every targeted ratio has its notes in misses.properties, every note a ratio, and no note a
 * number of its own ({@code RatioTargetTest}); that a report row reads its values right, in their
 * units ({@code RowValuesTest}, {@code ScoreUnitsTest}); what the report, the printed table and the
 * chart say ({@code ReportTest}, {@code RatioChartTest}, {@code LoadVerdictTest}); that JMH's
 * options pass through ({@code BenchOptionsTest}); and that the probe behind the zero-page
 * benchmark sees what it expects ({@code ZeroPageProbeTest}). {@code TestResults} builds JMH
 * results by hand for them.
 * The main package's documentation describes the suite.
 */
package org.daxstore.bench;
