package org.daxstore.jcstress;

import org.daxstore.sync.AccessSections;
import org.daxstore.sync.Seqtex;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JI_Result;

/**
 * {@link GracePeriodTest} with the grace period switched off in its own sections (the unsafe
 * hook a store gets only from its test hooks): the remover waits for nobody, so an access that
 * began before the removal can see the block unlinked. That outcome is what GracePeriodTest
 * forbids; here it is the interesting one, and jcstress seeing it shows that GracePeriodTest
 * would catch a missing grace period. No system property is involved: the switch is this
 * object's.
 */
@JCStressTest
@Outcome(id = "0, 1", expect = Expect.ACCEPTABLE, desc = "the access ran before the removal")
@Outcome(id = "1, -1", expect = Expect.ACCEPTABLE, desc = "the access saw the remover and backed off")
@Outcome(id = "2, 2", expect = Expect.ACCEPTABLE, desc = "the access ran after the removal")
@Outcome(id = "0, 2", expect = Expect.ACCEPTABLE_INTERESTING,
        desc = "without the grace period an access that began before the removal saw the block unlinked")
@Outcome(expect = Expect.FORBIDDEN, desc = "anything else")
@State
public class GracePeriodOffTest {
    private final Seqtex seqtex = new Seqtex();
    private final AccessSections sections = new AccessSections(true);
    /** 1 while the block is linked, 2 once unlinked. */
    private volatile int block = 1;

    @Actor
    public void accessor(JI_Result r) {
        AccessSections.Slot slot = sections.enter();
        try {
            long s = seqtex.sequence();
            r.r1 = s;
            r.r2 = (s & 1) != 0 ? -1 : block;
        } finally {
            sections.leave(slot);
        }
    }

    @Actor
    public void remover() {
        seqtex.writeLock();
        sections.awaitQuiescence();
        block = 2;
        seqtex.writeUnlock();
    }
}
