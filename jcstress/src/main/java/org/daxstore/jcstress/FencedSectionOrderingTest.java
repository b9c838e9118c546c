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
 * Dekker's condition for a fenced section, the section of positional I/O
 * ({@code AccessSections}, "Fenced sections: positional I/O"): the accessor's entry says the slot
 * is fenced and is a volatile store; the remover makes the sequence odd and looks for running
 * sections, skipping the barrier when it reads the slot fenced. At least one must see the
 * other, as in {@link SectionEntryOrderingTest}. r1 = sequence the accessor saw, r2 = 1 if the
 * remover found a section running. Making the fenced section's store opaque makes (0, 0)
 * appear in the asymmetric mode: the remover reads the flag, skips the barrier, and misses the
 * entry still in the accessor's store buffer.
 */
@JCStressTest
@Outcome(id = "0, 1", expect = Expect.ACCEPTABLE, desc = "the remover saw the section; the accessor saw the old sequence")
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "each saw the other")
@Outcome(id = "1, 0", expect = Expect.ACCEPTABLE, desc = "the accessor saw the odd sequence (it would back off)")
@Outcome(id = "0, 0", expect = Expect.FORBIDDEN, desc = "neither saw the other: an access could outlive the removal")
@Outcome(expect = Expect.FORBIDDEN, desc = "anything else")
@State
public class FencedSectionOrderingTest {
    private final Seqtex seqtex = new Seqtex();
    private final AccessSections sections = new AccessSections();

    @Actor
    public void accessor(JI_Result r) {
        sections.enterFenced();
        r.r1 = seqtex.sequence();
    }

    @Actor
    public void remover(JI_Result r) {
        seqtex.writeLock();
        r.r2 = sections.anySectionRunningForTesting() ? 1 : 0;
    }
}
