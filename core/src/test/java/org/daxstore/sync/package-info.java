/**
 * The tests of the seqtex and the access sections: readers park behind a writer and burn no CPU,
 * no wake-up is lost, writers are not starved (invariant 6, {@code SeqtexTest}); the grace
 * period, nested scopes, the revocation of a dead thread's section, the limit on waiting for a
 * live one, and the fenced-on-request entries ({@code AccessSectionsTest}). jcstress
 * (the jcstress module) checks their memory ordering.
 */
package org.daxstore.sync;
