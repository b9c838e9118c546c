/**
 * The tests of the block allocator on a medium in memory: every data block is handed out once, a
 * reused block reads as zeros even when its storage was not punched (invariant 5,
 * docs/DESIGN.md), the warm pool hands freed blocks back first, in order, a rollback forgets its
 * allocations, and freeing a free or metadata block is reported as corruption.
 */
package org.daxstore.alloc;
