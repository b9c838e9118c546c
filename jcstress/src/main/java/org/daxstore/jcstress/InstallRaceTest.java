package org.daxstore.jcstress;

import org.daxstore.fault.TranslationTable;
import org.daxstore.fs.HeapBudget;
import org.daxstore.sync.AccessSections;
import org.daxstore.sync.Seqtex;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * The seed's race in its issue-12 form: a fault looks page 0's block up and installs its
 * translation while a remover shoots the page down and unlinks the block; then, in a new
 * section, the same thread hits on whatever is installed (two actors: jcstress needs a CPU per
 * actor, and CI has two). The fault installs only if the sequence it read still holds, checked
 * under the table's monitor, which the shootdown takes after making the sequence odd.
 * <ul>
 *   <li>r1, the fault: -1 = it saw the remover and backed off; 1 = it looked the block up and
 *       used it while linked; 2 = it found the block unlinked (a hole: nothing to install);
 *       9 = it used the block after the unlink (forbidden).</li>
 *   <li>r2, the later hit: 0 = no translation; 1 = it used the block while linked; 9 = after
 *       the unlink (forbidden: a stale install the shootdown missed).</li>
 *   <li>r3, after all: 0 = no translation is installed; 9 = a translation of the unlinked block
 *       is left installed (forbidden: the seed's race).</li>
 * </ul>
 */
@JCStressTest
@Outcome(id = {"-1, 0, 0", "1, 0, 0", "2, 0, 0", "1, 1, 0"}, expect = Expect.ACCEPTABLE,
        desc = "every access used the block only while it was linked, and nothing stale is left")
@Outcome(expect = Expect.FORBIDDEN, desc = "a block was used after its unlink, or its translation outlived it")
@State
public class InstallRaceTest {
    private static final long ADDRESS = 1 << 20;
    private final Seqtex seqtex = new Seqtex();
    private final AccessSections sections = new AccessSections();
    private final TranslationTable table = new TranslationTable(1, 12, HeapBudget.wholeHeap());
    private final TranslationTable.Validity unchanged = s -> seqtex.sequence() == s;
    /** 1 while the block is linked, 2 once unlinked. */
    private volatile int block = 1;

    @Actor
    public void fault(III_Result r) {
        AccessSections.Slot slot = sections.enter();
        try {
            long s = seqtex.sequence();
            if ((s & 1) != 0) {
                r.r1 = -1;
                return;
            }
            int found = block; // the block-map look-up
            if (found == 1) {
                table.install(0, ADDRESS, unchanged, s);
                r.r1 = block == 1 ? 1 : 9; // the access the fault serves
            } else {
                r.r1 = 2;
            }
        } finally {
            sections.leave(slot);
        }
        slot = sections.enter();
        try {
            r.r2 = table.entry(0) == 0 ? 0 : block == 1 ? 1 : 9;
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

    @Arbiter
    public void after(III_Result r) {
        r.r3 = table.entry(0) == 0 ? 0 : 9;
    }
}
