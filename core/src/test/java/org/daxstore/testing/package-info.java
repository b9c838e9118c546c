/**
 * Helpers shared by core's tests, no tests themselves: a child JVM for what a process decides once
 * ({@code ChildJvm}), container files edited directly ({@code ImageFile}), the holes of a container
 * under blocks in use ({@code InUseHoles}), the locks this process holds ({@code ProcessLocks}), a
 * small tmpfs mount ({@code SmallTmpfs}), and the extension that skips a pmem run, saying why, where
 * libpmem does not load ({@code MediumAvailability}), and whether this JVM denies Unsafe, for the
 * tests that need a Chronicle {@code BytesStore} ({@code UnsafeAccess}).
 */
package org.daxstore.testing;
