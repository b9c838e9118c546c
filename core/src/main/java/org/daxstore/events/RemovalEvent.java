package org.daxstore.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/** A removal of a file's blocks (truncate, punch, delete, a rename over it), from its write section to its commit. */
@Name("org.daxstore.Removal")
@Label("Removal")
@Category("daxstore")
@Description("Blocks taken from a file: the views' translations shot down, the grace period waited, the metadata committed")
public final class RemovalEvent extends jdk.jfr.Event {
    @Label("File")
    public String file;
    @Label("From page")
    public long fromPage;
    @Label("To page")
    @Description("The end of the page range, exclusive")
    public long toPage;
    @Label("Grace period")
    @Description("How long the removal waited for the access sections that were running")
    @Timespan(Timespan.NANOSECONDS)
    public long gracePeriod;

    /** Ends {@code event} (from {@link #begun}, before the write section) once the removal has committed, if a recording wants it. */
    public static void end(RemovalEvent event, String file, long fromPage, long toPage, long gracePeriodNanos) {
        if (event != null && event.shouldCommit()) {
            event.file = file;
            event.fromPage = fromPage;
            event.toPage = toPage;
            event.gracePeriod = gracePeriodNanos;
            event.commit();
        }
    }

    /** A begun event, or null, which {@link #end} ignores, until JFR has been started ({@link Recorder}). */
    public static RemovalEvent begun() {
        if (!Recorder.started()) {
            return null;
        }
        RemovalEvent event = new RemovalEvent();
        event.begin();
        return event;
    }
}
