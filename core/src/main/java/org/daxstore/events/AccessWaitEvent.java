package org.daxstore.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** An access section that found a removal running on its file and parked until it ended. */
@Name("org.daxstore.AccessWait")
@Label("Access wait")
@Category("daxstore")
@Description("A view's fault, a scope's opening or a positional call found a truncate, punch, delete or close"
        + " of its file running, left its access section and parked until it ended")
@StackTrace(false)
public final class AccessWaitEvent extends jdk.jfr.Event {
    @Label("File")
    public String file;
    @Label("Section")
    @Description("access (a view's load, store or copy), positional (DaxFile read or write) or scope (an AccessScope opening)")
    public String section;

    /** Ends {@code event} (from {@link #begun}, before the park) once the section has entered again, if a recording wants it. */
    public static void end(AccessWaitEvent event, String file, String section) {
        if (event != null && event.shouldCommit()) {
            event.file = file;
            event.section = section;
            event.commit();
        }
    }

    /** A begun event, or null, which {@link #end} ignores, until JFR has been started ({@link Recorder}). */
    public static AccessWaitEvent begun() {
        if (!Recorder.started()) {
            return null;
        }
        AccessWaitEvent event = new AccessWaitEvent();
        event.begin();
        return event;
    }
}
