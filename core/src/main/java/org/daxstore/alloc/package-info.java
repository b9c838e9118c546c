/**
 * Block allocation: which data blocks are free, and the promise that a block handed to a file is
 * backed by storage and reads as zeros. Both are kept here, at allocation time, so that a full
 * file system surfaces as {@link org.daxstore.StoreFullException} instead of a SIGBUS at a later
 * store, and so that no file ever sees another file's old bytes.
 *
 * <p>{@link BlockAllocator} owns the in-memory copy of the allocation bitmap, which free blocks
 * still have storage behind them, and the warm pool: up to 1 MiB of freed blocks kept backed, so
 * that a file truncated and regrown pays a memset instead of a page fault per page.
 * Freed storage is punched off the critical path: a commit only moves the blocks to a
 * storage-pending list; {@link StoragePunch} punches a batch of them without the metadata lock,
 * and {@code StorageReturns} hands the punched blocks back (as holes, as still backed where the
 * file system could not punch, or as unknown where the punch failed), waking an allocation that
 * waits for them. On a full file system an allocation hands out a free block whose storage the
 * container still holds before it reports the store full. {@code LongList} is its unboxed list
 * of block numbers.
 *
 * <p>Depends on {@code format} (where the bitmap lives), {@code journal} (every bitmap word goes
 * through the open {@link org.daxstore.journal.MetadataTransaction}), {@code media} (backing,
 * punching, zeroing) and two exceptions of {@code org.daxstore}. Used by {@code fs} (Volume and
 * BlockMap allocate and free) and by bench's FaultCostBench (the warm pool's size).
 *
 * <p>Before touching it: the allocator is not thread-safe; it runs under the store's metadata
 * lock, inside a transaction (only {@link StoragePunch#run} runs without it). A block the open transaction allocates is taken here at once, and a
 * block it frees stays taken until the commit, so that a rollback has only memory to undo. A block
 * is zeroed unless it is known to be a hole, and those zeros are durable before the transaction
 * that links it commits. BlockAllocator's header gives the reasons; FORMAT.md, "Regions", the
 * bitmap; docs/TESTING.md, invariant 5, the tests.
 */
package org.daxstore.alloc;
