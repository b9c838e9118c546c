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
 * The grace period: the remover makes the sequence odd, waits for quiescence, unlinks the block
 * (block = 2) and makes the sequence even again. An accessor inside a section that saw the
 * starting sequence (0) must still find the block linked; one that saw the final sequence (2)
 * finds it unlinked; one that saw the odd sequence backs off (-1). r1 = sequence seen,
 * r2 = block seen.
 */
@JCStressTest
@Outcome(id = "0, 1", expect = Expect.ACCEPTABLE, desc = "the access ran before the removal")
@Outcome(id = "1, -1", expect = Expect.ACCEPTABLE, desc = "the access saw the remover and backed off")
@Outcome(id = "2, 2", expect = Expect.ACCEPTABLE, desc = "the access ran after the removal")
@Outcome(id = "0, 2", expect = Expect.FORBIDDEN, desc = "an access that began before the removal saw the block unlinked")
@Outcome(expect = Expect.FORBIDDEN, desc = "anything else")
@State
public class GracePeriodTest {
    private final Seqtex seqtex = new Seqtex();
    private final AccessSections sections = new AccessSections();
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
