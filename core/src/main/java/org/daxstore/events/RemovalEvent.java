package org.daxstore.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/** A removal of a file's blocks (truncate, punch, delete, a rename over it), from its write section to its commit. */
@Name("org.daxstore.Removal")
@Label("Removal")
@Category("daxstore")
@Description("Blocks taken from a file: the views' translations shot down, the grace period waited, the metadata committed,"
        + " the storage of freed blocks beyond the warm pool returned")
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
    @Label("Blocks")
    @Description("The file's blocks the removal freed: data blocks and the block map's nodes that no page needs any more"
            + " (a range over holes, or past the end, frees none)")
    public long blocks;
    @Label("Storage returned")
    @Description("What the removal's thread punched back to the file system after the commit: freed blocks beyond"
            + " the warm pool that the allocator keeps backed for reuse, this removal's and any still pending; 0 when"
            + " the pool kept them all, or the medium cannot punch (a device)")
    @DataAmount
    public long storageReturned;

    /**
     * Ends {@code event} (from {@link #begun}, before the write section) once the removal has
     * committed and its freed storage has been returned, if a recording wants it.
     */
    public static void end(RemovalEvent event, String file, long fromPage, long toPage, long gracePeriodNanos,
                           long blocks, long storageReturned) {
        if (event != null && event.shouldCommit()) {
            event.file = file;
            event.fromPage = fromPage;
            event.toPage = toPage;
            event.gracePeriod = gracePeriodNanos;
            event.blocks = blocks;
            event.storageReturned = storageReturned;
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
