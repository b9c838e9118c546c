/**
 * The on-media format, defined once: every container offset, field position, size limit and magic
 * number lives in this package, so that the store, the checks, the repair and the fuzzer cannot
 * disagree on where anything is. FORMAT.md describes the same format in prose; change the two
 * together.
 *
 * <p>{@link Layout} places the regions (two superblocks, the journal, the allocation bitmap, the
 * inode table, the data blocks) and computes every offset in them. {@link Superblock} encodes and
 * decodes one superblock copy; {@link SuperblockCopies} decodes both and decides which one a store
 * opens with. {@link InodeFormat} and {@link JournalFormat} give the fields of an inode record and
 * of the journal's redo record; {@link Checksums} is the CRC32C every self-checking structure
 * carries.
 *
 * <p>Depends on nothing in daxstore but two exceptions of {@code org.daxstore}
 * ({@code CorruptStoreException}, {@code NotAContainerException}); that alone puts it in the
 * package cycle with {@code org.daxstore}, which reads Layout in {@code StoreOptions}. Used by
 * {@code org.daxstore}, alloc, check, fault, fs, journal and the fuzzer.
 *
 * <p>Before touching it: the format version and the feature flags are how a container this build
 * cannot read is refused rather than misread ({@link Superblock}), so a change to a field's
 * meaning or place needs one of them and the checks and the repair taught the new rule. Block 0
 * never names a data block, which is what lets a block pointer of 0 mean a hole (Layout's header).
 */
package org.daxstore.format;
