/**
 * Attacks on views after issue 12's rework of the fault path, written against the public API by
 * a tester who had not read the fault path's own tests: odd and huge ranges, folded runs punched
 * in part, many views made and dropped, close and delete while views are hot, a full store under
 * removals, a full small tmpfs under removals, a tiny heap budget, long persists, and a seeded
 * mix of accesses under removals ({@code Fillers} runs the threads of the fills), and positional
 * reads and writes under removals and close, which take no lock since issue 14
 * ({@code RaceOutcome} starts, stops and judges the threads of the seeded races). A test whose
 * comment says "FAILED BEFORE THE FIX" found a defect (docs/TESTING.md has its row); the others
 * cover an attack that held up.
 */
package org.daxstore.hostile;
