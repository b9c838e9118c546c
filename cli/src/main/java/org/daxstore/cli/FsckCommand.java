package org.daxstore.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.daxstore.check.Fsck;
import org.daxstore.check.FsckReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Checks a container file offline ({@link Fsck}): prints what it found, one line each ("note:"
 * or "problem:", naming offsets, inodes, blocks and files), then one summary line starting
 * "fsck: ". Exit status 0 clean, 1 inconsistent, 2 unusable.
 */
@Command(name = "fsck", mixinStandardHelpOptions = true,
        description = {"Check a container file offline, without opening it as a store and without writing to it.",
            "Exit status: 0 clean, 1 inconsistent, 2 unusable (not a container, both superblocks damaged,"
                    + " in use by a running store, I/O error)."})
final class FsckCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "The container file.") Path path;

    @Override
    public Integer call() {
        FsckReport report = Fsck.check(path);
        PrintWriter out = spec.commandLine().getOut();
        out.println(report);
        out.flush();
        return report.exitCode();
    }
}
