package org.daxstore.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link Fsck#repair} did to a container file.
 *
 * @param image  the container file
 * @param status the verdict, which is also the exit status of {@code daxstore fsck --repair}
 * @param fixes  one line per change made, naming what it was and where (inodes, blocks, offsets,
 *               files lost or renamed, files cut); empty when nothing was written
 * @param before fsck's verdict before the repair (what was wrong)
 * @param after  fsck's verdict after it; {@code before} again when nothing was written
 */
public record RepairReport(Path image, Status status, List<String> fixes, FsckReport before, FsckReport after) {

    /** The verdict; {@link #exitCode} is the command's exit status. */
    public enum Status {
        /** The container checked clean: nothing was written. 0, as for fsck. */
        CLEAN(0),
        /** Repaired, yet fsck still finds a problem: a defect of the repair, to be reported. 1, as for fsck. */
        INCONSISTENT(1),
        /**
         * Not repairable, and nothing was written: not a container, both superblocks damaged, in
         * use by a running store, an I/O error. 2, as for fsck.
         */
        UNUSABLE(2),
        /** Damage was found and repaired: fsck now finds the container clean and it opens. 3. */
        REPAIRED(3);

        private final int exitCode;

        Status(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    public RepairReport {
        fixes = List.copyOf(fixes);
    }

    /** A container left untouched: {@code report}'s verdict decides whether it was clean or unusable. */
    static RepairReport untouched(FsckReport report) {
        Status status = report.status() == FsckReport.Status.CLEAN ? Status.CLEAN : Status.UNUSABLE;
        return new RepairReport(report.image(), status, List.of(), report, report);
    }

    public int exitCode() {
        return status.exitCode();
    }

    /** One line: what was done, and fsck's verdict now. */
    public String summary() {
        return switch (status) {
            case CLEAN -> after.summary() + "; nothing to repair";
            case UNUSABLE -> after.summary() + "; nothing written";
            case REPAIRED -> image + ": repaired (" + fixes.size() + " fix(es)), now " + after.verdict();
            case INCONSISTENT -> image + ": still inconsistent after " + fixes.size() + " fix(es): " + after.verdict();
        };
    }

    /** What fsck found, each fix ("repair: ..."), what is left if anything, and the summary, a line each. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (status != Status.UNUSABLE) {
            before.problems().forEach(problem -> lines.add("problem: " + problem));
        }
        fixes.forEach(fix -> lines.add("repair: " + fix));
        if (status == Status.INCONSISTENT) {
            after.problems().forEach(problem -> lines.add("left: " + problem));
        }
        lines.add("fsck: " + summary());
        return lines;
    }

    /** What fsck found, each fix, what is left if anything, and the summary, one per line. */
    @Override
    public String toString() {
        return String.join(System.lineSeparator(), lines());
    }
}
