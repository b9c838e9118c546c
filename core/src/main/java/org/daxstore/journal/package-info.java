/**
 * The metadata journal: the one door through which an open store's metadata reaches the media, and
 * the recovery that replays it. It is why every metadata operation is atomic under a power
 * failure, and why a damaged record can never write into a file's data.
 *
 * <p>{@link MetadataTransaction} collects the 64-bit words an operation writes
 * ({@code PendingWrites}) and commits them: the data they point at made durable first, then the
 * redo record ({@code Journal}, the commit point), then the words in place. {@link Recovery} reads
 * the record at open and computes its replay; {@link ReplayOverlay} lays that replay over the
 * image in memory, so the result is checked before anything is written; {@code ReplayTargets}
 * refuses a record that names a word of a file's data.
 *
 * <p>Depends on format (JournalFormat, Layout), media (Medium, ImageReader, FlushPlan) and
 * {@code CorruptStoreException} of {@code org.daxstore}. Used by fs (Volume owns the store's one
 * transaction), alloc (bitmap words) and check (fsck reads and overlays the record; the repair
 * writes through a transaction).
 *
 * <p>Before touching it: replay is always right only because of the commit order (data durable,
 * fence; record durable, fence; words applied with release stores in the order written) and
 * because only the transaction that overwrites the record can change the words it names.
 * MetadataTransaction's and Recovery's headers give the argument; FORMAT.md, "Journal" and
 * "Updates", the record and what a crash leaves; docs/TESTING.md, invariant 9, the crash
 * enumeration that fails when the order is broken. An open store changes metadata only through a
 * transaction; format, replay and repair write directly, each saying in its header why it may.
 */
package org.daxstore.journal;
