package org.daxstore.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A view's fault: the slow path of an access whose page had no translation. */
@Name("org.daxstore.Fault")
@Label("Fault")
@Category("daxstore")
@Description("A view's access found no translation for its page and looked the block up (allocating it for a store to a hole)")
@Enabled(false)
@StackTrace(false)
public final class FaultEvent extends jdk.jfr.Event {
    @Label("File")
    public String file;
    @Label("Page")
    @Description("The file page faulted: file offset / block size")
    public long page;
    @Label("Kind")
    @Description("hole (a load from a hole, served by the zero page), block (a block the file has) or allocated (a store to a hole)")
    public String kind;
    @Label("Installed")
    @Description("Whether the translation was kept for later hits (not for a page that reaches past the end of the file)")
    public boolean installed;
    @Label("Block size")
    @DataAmount
    public long blockSize;
    @Label("Retries")
    @Description("How many times the fault found a truncate, punch or delete of the file running, parked until it"
            + " ended and looked again (each is also an AccessWait event)")
    public int retries;

    /** Ends {@code event} (from {@link #begun}) with what the fault found, if a recording wants it. */
    public static void end(FaultEvent event, String file, long page, String kind, boolean installed, long blockSize,
                           int retries) {
        if (event != null && event.shouldCommit()) {
            event.retries = retries;
            event.file = file;
            event.page = page;
            event.kind = kind;
            event.installed = installed;
            event.blockSize = blockSize;
            event.commit();
        }
    }

    /** A begun event, or null, which {@link #end} ignores, until JFR has been started ({@link Recorder}). */
    public static FaultEvent begun() {
        if (!Recorder.started()) {
            return null;
        }
        FaultEvent event = new FaultEvent();
        event.begin();
        return event;
    }
}
