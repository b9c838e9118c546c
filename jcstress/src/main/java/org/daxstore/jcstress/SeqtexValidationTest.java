package org.daxstore.jcstress;

import org.daxstore.sync.Seqtex;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * No reader accepts a section that overlapped a write section: a validated read of two fields
 * the writer sets together never sees one without the other. (-1, -1) means the reader was told
 * to retry.
 */
@JCStressTest
@Outcome(id = "0, 0", expect = Expect.ACCEPTABLE, desc = "read before the write section")
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "read after the write section")
@Outcome(id = "-1, -1", expect = Expect.ACCEPTABLE, desc = "the section overlapped a write: retry")
@Outcome(expect = Expect.FORBIDDEN, desc = "a torn pair was accepted")
@State
public class SeqtexValidationTest {
    private final Seqtex seqtex = new Seqtex();
    private int x;
    private int y;

    @Actor
    public void writer() {
        seqtex.writeLock();
        x = 1;
        y = 1;
        seqtex.writeUnlock();
    }

    @Actor
    public void reader(II_Result r) {
        long s = seqtex.readLock();
        int a = x;
        int b = y;
        if (seqtex.readUnlock(s)) {
            r.r1 = -1;
            r.r2 = -1;
        } else {
            r.r1 = a;
            r.r2 = b;
        }
    }
}
