package org.daxstore.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A metadata transaction's commit: its data flushed and fenced, its journal record written and fenced. */
@Name("org.daxstore.JournalCommit")
@Label("Journal commit")
@Category("daxstore")
@Description("A metadata transaction made durable: the data it covers, then its journal record, each followed by a fence")
@Enabled(false)
@StackTrace(false)
public final class JournalCommitEvent extends jdk.jfr.Event {
    @Label("Words")
    @Description("The metadata words the transaction changed (0: a transaction that only made data durable)")
    public int words;
    @Label("Data ranges")
    @Description("The data ranges flushed before the commit point")
    public int dataRanges;
    @Label("Fences")
    public int fences;

    /** Ends {@code event} (from {@link #begun}) once its fences are done, if a recording wants it. */
    public static void end(JournalCommitEvent event, int words, int dataRanges, int fences) {
        if (event != null && event.shouldCommit()) {
            event.words = words;
            event.dataRanges = dataRanges;
            event.fences = fences;
            event.commit();
        }
    }

    /** A begun event, or null, which {@link #end} ignores, until JFR has been started ({@link Recorder}). */
    public static JournalCommitEvent begun() {
        if (!Recorder.started()) {
            return null;
        }
        JournalCommitEvent event = new JournalCommitEvent();
        event.begin();
        return event;
    }
}
