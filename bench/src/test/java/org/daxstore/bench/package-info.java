/**
 * The tests of the benchmark suite's own code, not of what it measures (JMH does that): that
 * every targeted ratio has its notes in misses.properties and every note a ratio
 * ({@code RatioTargetTest}), that a report row reads its values right ({@code RowValuesTest}), and
 * that the probe behind the zero-page benchmark sees what it expects ({@code ZeroPageProbeTest}).
 * The main package's documentation describes the suite.
 */
package org.daxstore.bench;
