package org.daxstore.cli;

import java.io.PrintWriter;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the campaigns (fsx, stress, fuzz, crash-test) share (a picocli mixin): {@code --json}, and
 * where their lines go. Without it every line is on standard output; with it standard output
 * holds one JSON object, the result, and the first line and the summaries go to standard error,
 * so that a script can parse standard output whole (README, "JSON output").
 */
final class CampaignOutput {
    @Spec(Spec.Target.MIXEE) CommandSpec mixee;

    @Option(names = "--json", description = "The result as one JSON object on standard output (README, \"JSON output\");"
            + " every other line goes to standard error.") boolean json;

    /** True if the result is to be one JSON object. */
    boolean json() {
        return json;
    }

    /** Where the campaign's lines go: standard output, or standard error with {@code --json}. */
    PrintWriter lines() {
        return json ? mixee.commandLine().getErr() : mixee.commandLine().getOut();
    }
}
