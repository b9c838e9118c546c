/**
 * The exercisers: a test harness of seeded random operations checked against oracles (fsx) and a
 * concurrency stress of the fault path. It ships in the core jar today only because the harnesses
 * have no module yet; issue 13 moves it into a module of its own. No store code may depend on it.
 *
 * <p>{@link Fsx} draws each operation from {@code Choices}, runs it on the store (mapped ones
 * through {@code StoreViews}) and on each {@code Oracle}: {@code ModelOracle}, an in-memory
 * {@code FileModel} per file, and {@code KernelOracle}, a plain file per name changed by the
 * kernel's own calls ({@code KernelFile}, {@code MappedWindow}). {@code Comparison} compares the
 * answers; a disagreement is a {@code Mismatch}. {@link Stress} races writers and readers of
 * self-describing values through shared views against truncate, punch and delete.
 * {@link RunDirectory} gives every harness run (the fuzzer's and the crash campaigns' too) a
 * private directory that goes when the run ends or is stopped.
 *
 * <p>Depends on the public API, on {@code fs.StoreHooks} and {@code media} (Medium: tests pass a
 * decorator that injects a fault; the stress's detector runs switch the grace period off) and, for the kernel oracle, on native-bridge directly
 * (LibC, NativeFile: fallocate, which the JDK lacks). Used by cli (fsx, stress, and RunDirectory
 * for fuzz and crash-test) and by this module's tests. The {@code fuzz} subpackage does not use it.
 *
 * <p>Before touching it: a run depends on its seed alone (nothing but Choices draws from it, and
 * no choice asks an oracle), so a seed replays a failure whichever oracles check it; what the
 * store must refuse (a mapped access past the end, a rename onto a taken name) is checked against
 * the store's documented rules and given to no oracle. Fsx's and KernelOracle's headers give the
 * mapping to kernel calls and where the two legitimately differ; docs/TESTING.md, "The kernel as
 * fsx's oracle".
 */
package org.daxstore.harness.exercise;
