package org.daxstore.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A persist of a view's range, or of a batch of ranges: flushes, then one fence. */
@Name("org.daxstore.Persist")
@Label("Persist")
@Category("daxstore")
@Description("A view's ranges made durable: their cache lines flushed (or msync'd), then one fence")
@Enabled(false)
@StackTrace(false)
public final class PersistEvent extends jdk.jfr.Event {
    @Label("File")
    public String file;
    @Label("Bytes")
    @DataAmount
    public long bytes;
    @Label("Ranges")
    @Description("The ranges asked for: 1 for a view's persist, a batch's count for a persist of a batch")
    public int ranges;
    @Label("Lines")
    @Description("The 64-byte cache lines the flush calls covered (on an msync medium, those of the ranges msync'd);"
            + " holes and what lies past the file's end have none")
    public long lines;
    @Label("Calls")
    @Description("The flush calls made: one per run of adjacent blocks (a batch's nearby ranges are merged first)")
    public int calls;

    /** Ends {@code event} (from {@link #begun}) after its fence, if a recording wants it. */
    public static void end(PersistEvent event, String file, long bytes, int ranges, long lines, int calls) {
        if (event != null && event.shouldCommit()) {
            event.file = file;
            event.bytes = bytes;
            event.ranges = ranges;
            event.lines = lines;
            event.calls = calls;
            event.commit();
        }
    }

    /** A begun event, or null, which {@link #end} ignores, until JFR has been started ({@link Recorder}). */
    public static PersistEvent begun() {
        if (!Recorder.started()) {
            return null;
        }
        PersistEvent event = new PersistEvent();
        event.begin();
        return event;
    }
}
