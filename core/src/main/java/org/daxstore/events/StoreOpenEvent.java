package org.daxstore.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/** A store's open: the container mapped, the journal replayed if it must be, the image checked. */
@Name("org.daxstore.StoreOpen")
@Label("Store open")
@Category("daxstore")
@Description("A store opened: mapped, recovered after an unclean shutdown, checked against the format's rules")
public final class StoreOpenEvent extends jdk.jfr.Event {
    @Label("Container")
    public String path;
    @Label("Medium")
    public String medium;
    @Label("Recovered")
    @Description("Whether the store had not been closed cleanly, so the open replayed its journal")
    public boolean recovered;
    @Label("Check time")
    @Description("How long the open checked the image (after the journal's replay, if it had one) against the"
            + " format's rules, as fsck does; the event's duration is the whole open")
    @Timespan(Timespan.NANOSECONDS)
    public long checkTime;

    /** Ends {@code event} (from {@link #begun}, before the open) once the store is open, if a recording wants it. */
    public static void end(StoreOpenEvent event, String path, String medium, boolean recovered, long checkNanos) {
        if (event != null && event.shouldCommit()) {
            event.path = path;
            event.medium = medium;
            event.recovered = recovered;
            event.checkTime = checkNanos;
            event.commit();
        }
    }

    /** A begun event, or null, which {@link #end} ignores, until JFR has been started ({@link Recorder}). */
    public static StoreOpenEvent begun() {
        if (!Recorder.started()) {
            return null;
        }
        StoreOpenEvent event = new StoreOpenEvent();
        event.begin();
        return event;
    }
}
