package org.daxstore.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.daxstore.MediumUnavailableException;
import org.daxstore.StoreFullException;
import org.daxstore.check.Fsck;
import org.daxstore.check.FsckReport;
import org.daxstore.check.RepairReport;
import org.daxstore.media.MediumSelector;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Checks a container file offline ({@link Fsck#check}): prints what it found, one line each
 * ("note:" or "problem:", naming offsets, inodes, blocks and files), then one summary line
 * starting "fsck: ". Exit status 0 clean, 1 inconsistent, 2 unusable. With {@code --repair}
 * ({@link Fsck#repair}) it fixes what it found in place and prints each fix ("repair:"); exit
 * status 3 repaired, 0 clean (nothing written), 2 unusable or no room on the file system to
 * back what the repair keeps (nothing written), 1 still inconsistent (a defect of the repair).
 */
@Command(name = "fsck", mixinStandardHelpOptions = true,
        description = {"Check a container file offline, without opening it as a store and without writing to it;"
                + " with --repair, fix what the check finds, in place.",
            "Exit status: 0 clean, 1 inconsistent, 2 unusable (not a container, both superblocks damaged,"
                    + " in use by a running store, I/O error); with --repair, 3 repaired (now clean), 0 clean"
                    + " (nothing written), 2 unusable or no room on its file system (nothing written), 1 still"
                    + " inconsistent after the repair."})
final class FsckCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "The container file.") Path path;
    @Option(names = "--repair", description = {"Repair the container in place: files a damaged inode held are given up"
            + " (each named), clashing names renamed, bad pointers cleared, shared blocks copied, counts and the bitmap"
            + " rebuilt. Takes the store's lock. Copy the file first (cp --sparse=always) to keep the damaged original."})
    boolean repair;
    @Option(names = "--json", description = "One JSON object instead of the lines (README, \"JSON output\"); the exit status is the same.")
    boolean json;
    @Mixin StoreAccess access;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int status;
        if (repair) {
            RepairReport report;
            try {
                report = Fsck.repair(path, MediumSelector.Choice.valueOf(access.choice().name()));
            } catch (StoreFullException | MediumUnavailableException | IllegalArgumentException e) {
                // refused before the repair's first write (no room to back what it keeps, no
                // medium, a -Ddaxstore.medium naming none): unusable here, nothing written, and
                // not 1, which says the repair ran and left the image inconsistent
                PrintWriter err = spec.commandLine().getErr();
                err.println("daxstore: " + DaxstoreCli.message(e));
                err.flush();
                return RepairReport.Status.UNUSABLE.exitCode();
            }
            if (json) {
                RepairReport repaired = report;
                JsonOutput.print(out, "daxstore fsck", fields -> JsonOutput.repair(fields, repaired));
            } else {
                report.lines().forEach(line -> out.println(DisplayNames.line(line)));
            }
            status = report.exitCode();
        } else {
            FsckReport report = Fsck.check(path);
            if (json) {
                JsonOutput.print(out, "daxstore fsck", fields -> JsonOutput.fsck(fields, report));
            } else {
                report.lines().forEach(line -> out.println(DisplayNames.line(line)));
            }
            status = report.exitCode();
        }
        out.flush();
        return status;
    }
}
