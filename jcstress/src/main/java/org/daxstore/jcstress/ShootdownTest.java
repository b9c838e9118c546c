package org.daxstore.jcstress;

import org.daxstore.fault.TranslationTable;
import org.daxstore.fs.HeapBudget;
import org.daxstore.sync.AccessSections;
import org.daxstore.sync.Seqtex;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * A hit against a shootdown (issue 12): the hit reads only the view's translation, no seqtex.
 * The translation of page 0 is installed; the remover makes the sequence odd, shoots the page
 * down, waits for quiescence and unlinks the block (block = 2). A hit that finds the
 * translation must find the block still linked. r1: 0 = the hit missed (it would fault),
 * 1 = it used the block while linked, 2 = it used the block after the unlink.
 */
@JCStressTest
@Outcome(id = "0", expect = Expect.ACCEPTABLE, desc = "the hit came after the shootdown and missed")
@Outcome(id = "1", expect = Expect.ACCEPTABLE, desc = "the hit used the block before the unlink")
@Outcome(id = "2", expect = Expect.FORBIDDEN, desc = "the hit used a block the remover had unlinked")
@State
public class ShootdownTest {
    private static final long ADDRESS = 1 << 20;
    private final Seqtex seqtex = new Seqtex();
    private final AccessSections sections = new AccessSections();
    private final TranslationTable table = new TranslationTable(1, 12, HeapBudget.wholeHeap());
    /** 1 while the block is linked, 2 once unlinked. */
    private volatile int block = 1;

    public ShootdownTest() {
        table.install(0, ADDRESS, s -> true, 0);
    }

    @Actor
    public void hitter(I_Result r) {
        AccessSections.Slot slot = sections.enter();
        try {
            r.r1 = table.entry(0) == 0 ? 0 : block;
        } finally {
            sections.leave(slot);
        }
    }

    @Actor
    public void remover() {
        seqtex.writeLock();
        table.shootDown(0, 1);
        sections.awaitQuiescence();
        block = 2;
        seqtex.writeUnlock();
    }
}
