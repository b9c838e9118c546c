/**
 * The two concurrency primitives that keep views safe against truncate, punch, delete and close:
 * the per-file seqtex and the store-wide access sections with their grace period. Together they
 * are daxstore's user-space TLB shootdown. They are kept apart from the fault path so that the
 * protocol sits in two files a reader can check alone, and jcstress can test it without a store.
 *
 * <p>{@link Seqtex} is a sequence counter whose readers park instead of spinning while a writer (a
 * remover, serialised by the file's structure lock) is active. {@link AccessSections} is the grace
 * period: every access runs in a section, and a remover waits for the running ones before it
 * unlinks a block, paying the StoreLoad fence with membarrier where it can. Its one unsafe
 * switch, grace period off, is a constructor argument of the sections, set only from a store's
 * test hooks ({@code fs.StoreHooks}), which no system property and no public method reaches.
 *
 * <p>Depends on nothing else in core, and on native-bridge only for
 * {@link org.daxstore.nativebridge.Membarrier}. Used by fault, fs and {@code org.daxstore}, and by
 * bench (SeqtexBench) and the jcstress module, which exercise these classes alone.
 *
 * <p>Before touching it: the sections rest on Dekker's condition between an accessor's slot store
 * and a remover's sequence store (AccessSections' header, for both fence modes), the seqtex on its
 * validation and wake-up orderings (Seqtex's header); docs/FAULT-PATH.md tells the whole protocol
 * and lists the tests that catch a broken ordering. A thread inside a section must never wait for
 * anything that waits for sections ({@link AccessSections#insideSection()} lets callers refuse).
 * */
package org.daxstore.sync;
