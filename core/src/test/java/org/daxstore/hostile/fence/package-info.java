/**
 * Attacks on "fenced on request" (issue 12, commit ad5fc5f: removers that issue membarrier
 * often ask the other threads to make their next 2^20 entries volatile, and skip the barrier
 * when every other live thread says it is fenced), written against the public API by a tester
 * who had not read the tests of {@code sync.AccessSections}: seeded mixes of tagged, versioned
 * pages read and written through views, scopes, bulk copies and positional I/O while their
 * files are punched, truncated and deleted often enough to fence the threads and paused often
 * enough to switch them back, on over-committed platform threads, pool threads that come and
 * go, and virtual threads; threads that die fenced with scopes open; scopes held across the
 * switch either way; and what a store costs once removals stop. {@link Internals} reads the
 * store's access sections by reflection, only to count barriers and slots (so that a test can
 * say it exercised the fenced mode) and to watch a thread's own fenced state.
 */
package org.daxstore.hostile.fence;
