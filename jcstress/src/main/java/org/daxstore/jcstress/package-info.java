/**
 * jcstress tests of the two primitives views rely on, run under many interleavings and JIT
 * settings to see whether a broken memory ordering in the seqtex or the access sections can be
 * observed. They sit in src/main because jcstress's annotation processor generates their harness
 * when the main sources compile, and the module's shaded {@code jcstress.jar} runs them.
 *
 * <p>{@link SeqtexValidationTest}: a validated read never accepts a section that overlapped a
 * write. {@link SeqtexWakeUpTest}: a parked reader always wakes. {@link SectionEntryOrderingTest}:
 * Dekker's condition of the access sections, alone. {@link GracePeriodTest}: an access that began
 * before a removal still finds the block linked.
 *
 * <p>Depends only on core's {@code sync} (Seqtex, AccessSections), and through it on native-bridge
 * (membarrier); nothing depends on it. {@code JcstressIT} (src/test) runs every test in sanity
 * mode in {@code mvn verify}, and GracePeriodTest and SectionEntryOrderingTest again with
 * membarrier disabled; {@code scripts/jcstress.sh} runs the longer modes, which alone are sure to
 * catch a missing StoreLoad ordering.
 *
 * <p>Before touching it: a test here must be able to fail. docs/FAULT-PATH.md and docs/TESTING.md
 * record the deliberate breaks each was seen to catch (the remover's membarrier left out, the
 * grace period off, the entering store made opaque) and in which mode; keep them true.
 */
package org.daxstore.jcstress;
