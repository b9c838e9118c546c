/**
 * The JNA bindings to libc and libpmem for what the JDK lacks, and DAX detection: the native floor
 * under core. It knows nothing about stores, so that the dependency points one way: core decides,
 * this module only calls and reports.
 *
 * <p>{@link LibC} (fallocate and hole punching, madvise, msync, mmap with MAP_SYNC, flock, fstat,
 * statfs, statx; the raw functions in {@code LibCFunctions}), {@link NativeFile} (a descriptor and
 * the calls on it) and {@link FileMapping}; {@link Pmem} and {@link PmemMapping} (libpmem; raw
 * functions in {@code PmemFunctions}); {@link Membarrier} (the remover-side fence of core's access
 * sections); {@link MediaProbe} (what a path is stored on, probed by {@code MediaProber} from
 * {@link Statx}, {@link MountTable} ({@link Mount}) and sysfs, reported as {@link DaxAttribute}
 * and {@link DaxMountOption}); {@link StatFs}; and the errors {@link NativeCallException} (the
 * call, its arguments, the path and errno, worded by {@code Errno} and {@code FlagNames}) and
 * {@link NativeUnavailableException}.
 *
 * <p>Depends on JNA only, nothing in daxstore. Used by core's {@code media} (mapping, storage,
 * locks, the choice of medium) and {@code sync} (Membarrier), and directly by the exercise
 * harness's kernel oracle (LibC, NativeFile).
 *
 * <p>Before touching it: loading never throws (each binding reports {@code isAvailable()} and
 * {@code unavailableReason()}, and core falls back to plain Java), which is why no JNA type may
 * appear in a {@code catch} clause (LibC's header). Memory is handed out as raw {@code long}
 * addresses, never as a JNA {@code Pointer}, because the JVM survives a fault in an Unsafe access
 * but not in native code. docs/MEDIA.md, "The bindings" and "DAX detection".
 */
package org.daxstore.nativebridge;
