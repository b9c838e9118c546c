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
 * Dekker's condition of the access sections, on its own: an accessor enters a section and
 * loads the sequence; a remover makes the sequence odd and looks for running sections. At
 * least one must see the other. The accessor stays in its section, so the remover's look is
 * not raced by the accessor leaving. r1 = sequence the accessor saw, r2 = 1 if the remover
 * found a section running.
 *
 * <p>This is the test that catches a missing StoreLoad ordering in either mode: in the
 * asymmetric mode, leaving out the remover's membarrier makes (0, 0) appear; in the symmetric
 * mode ({@code -Ddaxstore.membarrier.disable=true}), so does making the entering store opaque.
 */
@JCStressTest
@Outcome(id = "0, 1", expect = Expect.ACCEPTABLE, desc = "the remover saw the section; the accessor saw the old sequence")
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "each saw the other")
@Outcome(id = "1, 0", expect = Expect.ACCEPTABLE, desc = "the accessor saw the odd sequence (it would back off)")
@Outcome(id = "0, 0", expect = Expect.FORBIDDEN, desc = "neither saw the other: an access could outlive the removal")
@Outcome(expect = Expect.FORBIDDEN, desc = "anything else")
@State
public class SectionEntryOrderingTest {
    private final Seqtex seqtex = new Seqtex();
    private final AccessSections sections = new AccessSections();

    @Actor
    public void accessor(JI_Result r) {
        sections.enter();
        r.r1 = seqtex.sequence();
    }

    @Actor
    public void remover(JI_Result r) {
        seqtex.writeLock();
        r.r2 = sections.anySectionRunningForTesting() ? 1 : 0;
    }
}
