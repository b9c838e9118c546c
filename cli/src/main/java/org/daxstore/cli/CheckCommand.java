package org.daxstore.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.daxstore.CheckReport;
import org.daxstore.DaxStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Opens a store, as an application would (replaying its journal if it was not closed cleanly),
 * and checks it online ({@link DaxStore#check()}): every file's block map against the bitmap and
 * the counts. Where {@code fsck} reads the image without opening it and can repair, this checks
 * the store the library sees. Exit status 0 consistent, 1 not.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Open a store and check it as the library sees it (files' block maps against the bitmap and"
                + " the counts); for an offline check of the image, and repair, see fsck.",
            "Exit status: 0 consistent, 1 problems found (each printed) or the store could not be opened."})
final class CheckCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "The container file.") Path path;
    @Option(names = "--json", description = "One JSON object instead of the lines (README, \"JSON output\").")
    boolean json;
    @Mixin StoreAccess access;

    @Override
    public Integer call() {
        CheckReport report;
        try (DaxStore store = access.open(path)) {
            report = store.check();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonOutput.print(out, "daxstore check", fields -> JsonOutput.check(fields, path.toString(), report));
        } else {
            report.problems().forEach(problem -> out.println("problem: " + DisplayNames.line(problem)));
            out.println("check: " + DisplayNames.path(path) + ": " + (report.isConsistent() ? "consistent" : "inconsistent: "
                    + report.problems().size() + " problem(s)") + "; " + report.files() + " files, " + report.usedBlocks()
                    + " blocks used, " + report.freeBlocks() + " free");
            out.flush();
        }
        return report.isConsistent() ? 0 : 1;
    }
}
