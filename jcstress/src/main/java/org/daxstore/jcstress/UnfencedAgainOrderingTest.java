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
 * Dekker's condition across the switch back from fenced entries ({@code AccessSections},
 * "Fenced on request"): the accessor's slot says it is fenced with no fenced entry left, so its
 * entry first says the slot is fenced no more and then enters with a plain store; the remover
 * makes the sequence odd and looks for running sections, skipping the barrier if it still reads
 * the slot fenced. Then the accessor's load must see the odd sequence, or the remover must have
 * issued the barrier and seen the entry. r1 = sequence the accessor saw, r2 = 1 if the remover
 * found a section running. Asymmetric mode only. The mistake it is there for, the switch's
 * store of {@code false} made opaque (the remover could read a stale {@code true}, skip the
 * barrier, and the accessor's load pass both its stores), was not observed in two quick-mode
 * runs: the store goes to a line the accessor has just fenced, so it leaves the store buffer
 * within cycles. Longer modes may catch it; the argument is in {@code AccessSections}.
 */
@JCStressTest
@Outcome(id = "0, 1", expect = Expect.ACCEPTABLE, desc = "the remover saw the section; the accessor saw the old sequence")
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "each saw the other")
@Outcome(id = "1, 0", expect = Expect.ACCEPTABLE, desc = "the accessor saw the odd sequence (it would back off)")
@Outcome(id = "0, 0", expect = Expect.FORBIDDEN, desc = "neither saw the other: an access could outlive the removal")
@Outcome(expect = Expect.FORBIDDEN, desc = "anything else")
@State
public class UnfencedAgainOrderingTest {
    private final Seqtex seqtex = new Seqtex();
    private final AccessSections sections = new AccessSections();

    @Actor
    public void accessor(JI_Result r) {
        sections.fenceEntriesForTesting(0);
        sections.enter();
        r.r1 = seqtex.sequence();
    }


    @Actor
    public void remover(JI_Result r) {
        seqtex.writeLock();
        r.r2 = sections.anySectionRunningForTesting() ? 1 : 0;
    }
}
