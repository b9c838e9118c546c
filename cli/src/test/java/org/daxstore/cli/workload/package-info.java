/**
 * Tests of the workload engine below the command: the per-thread loop allocates nothing per
 * operation on any target ({@code HotLoopAllocationTest}), and the engine's packages depend one
 * way ({@code org.daxstore.cli.WorkloadBoundaryTest} checks that from above).
 */
package org.daxstore.cli.workload;
