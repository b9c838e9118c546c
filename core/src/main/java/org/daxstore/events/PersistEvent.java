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
    public int ranges;

    /** Ends {@code event} (from {@link #begun}) after its fence, if a recording wants it. */
    public static void end(PersistEvent event, String file, long bytes, int ranges) {
        if (event != null && event.shouldCommit()) {
            event.file = file;
            event.bytes = bytes;
            event.ranges = ranges;
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
