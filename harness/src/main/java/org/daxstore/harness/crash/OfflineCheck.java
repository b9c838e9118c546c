package org.daxstore.harness.crash;

import java.nio.file.Path;

import org.daxstore.check.Fsck;
import org.daxstore.check.FsckReport;

/**
 * The offline fsck's verdict on a recovered, closed crash image, for the campaigns: the same
 * rules the online checker applies, but read from the file alone, so that what recovery wrote
 * to the container (not only what the open store believes) is judged.
 */
final class OfflineCheck {
    private OfflineCheck() {
    }

    /** Null if the offline fsck finds the closed container at {@code path} clean; otherwise its report. */
    static String problems(Path path) {
        FsckReport report = Fsck.check(path);
        return report.status() == FsckReport.Status.CLEAN ? null : report.toString();
    }
}
