/**
 * The test of the image fuzzer: its campaign over a fresh, an aged, a crashed and a 2 MiB-block
 * store, in which every damaged image must be refused with a typed exception or open consistent,
 * and every refused one that can be repaired must then check clean (invariant 8,
 * docs/DESIGN.md).
 */
package org.daxstore.harness.exercise.fuzz;
