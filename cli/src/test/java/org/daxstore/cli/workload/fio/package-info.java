/**
 * Tests of fio beside the workload: its JSON read back from a captured sample, the command line
 * a run's options become, and the plan of engines with the reason for each one skipped.
 */
package org.daxstore.cli.workload.fio;
