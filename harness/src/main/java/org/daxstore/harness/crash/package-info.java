/**
 * The crash campaigns: a test harness showing that a power failure at any fence, or a kill -9 at
 * any instant, leaves a store that recovers to the state before or after the interrupted
 * operation, with every persisted byte intact. It ships in the core jar today only because the
 * harnesses have no module yet; issue 13 moves it into a module of its own. No store code may
 * depend on it.
 *
 * <p>{@link CrashEnumeration} runs workloads on a store whose medium is a
 * {@link org.daxstore.harness.crash.RecordingMedium} and judges every image a fence could leave;
 * {@link KillCampaign} kills child JVMs ({@link KillChild}) at random instants. Operations come
 * from {@code Catalogue} (the single and paired workloads) and {@code RandomOperations} (the
 * seeded ones, the kill rounds' too); each ({@code Operation}) goes to the store and to an
 * immutable model ({@code StoreModel}, {@code FileImage}), and the recovered store is judged by
 * {@code Oracle} and the offline fsck ({@code OfflineCheck}), each crash image through
 * {@code ImageCheck}; {@code FenceImages} and {@code LineSubsets} make the images of one fence.
 *
 * <p>Depends on the public API, on {@code check} (Fsck), on {@code media} ({@link RecordingMedium}
 * is a {@code ForwardingMedium}) and on {@code fs.StoreHooks}, through which a workload's store
 * gets the recording medium. Used by cli ({@code crash-test}) and by this module's tests.
 *
 * <p>Before touching it: a workload must depend on its seed alone, so that a replay judges the
 * images the campaign judged (hence {@code StepClock}, installed with
 * {@code StoreOptions.withClock}: the same times, so the same unpersisted lines, on every run);
 * and the oracle's "before or after" holds only because workload ranges stay within one commit
 * step, so that each operation is one transaction. CrashEnumeration's header gives the method,
 * Oracle's the oracle, KillCampaign's the kill rounds; docs/TESTING.md, invariants 9 and 10, the
 * tests and what they caught.
 */
package org.daxstore.harness.crash;
