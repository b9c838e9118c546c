package org.daxstore.jcstress;

import org.daxstore.sync.Seqtex;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/** No lost wake-up: a reader parked behind a writer always wakes when the writer leaves. */
@JCStressTest(Mode.Termination)
@Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "the reader woke up")
@Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "the reader stayed parked: a lost wake-up")
@State
public class SeqtexWakeUpTest {
    private final Seqtex seqtex = new Seqtex();

    public SeqtexWakeUpTest() {
        seqtex.writeLock();
    }

    @Actor
    public void reader() {
        seqtex.readLock();
    }

    @Signal
    public void writerLeaves() {
        seqtex.writeUnlock();
    }
}
