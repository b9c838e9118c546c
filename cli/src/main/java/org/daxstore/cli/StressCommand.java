package org.daxstore.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.daxstore.harness.exercise.Stress;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the concurrency stress of the fault path. Standard output ends with
 * {@code stress: <accesses> accesses, <events> truncate/punch events, <violations> violations};
 * the report of any violation goes to standard error and the exit status is 1.
 */
@Command(name = "stress", mixinStandardHelpOptions = true,
        description = "Views under fire: writers and readers against truncate, punch and delete.")
final class StressCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--dir", defaultValue = "/dev/shm",
            description = "Where the temporary container goes (default ${DEFAULT-VALUE}).") Path dir;
    @Range(min = "0.001", max = "1000000") @Option(names = "--seconds", defaultValue = "60", description = "How long to run (default ${DEFAULT-VALUE}).") double seconds;
    @Range(min = "-9223372036854775808", max = "9223372036854775807") @Option(names = "--seed", description = "Seed of every thread's choices (default: random, printed).") Long seed;
    @Range(min = "1", max = "255") @Option(names = "--files", defaultValue = "4", description = "Files in play (default ${DEFAULT-VALUE}).") int files;
    @Range(min = "1", max = "256") @Option(names = "--writers", defaultValue = "2", description = "Writer threads (default ${DEFAULT-VALUE}).") int writers;
    @Range(min = "0", max = "256") @Option(names = "--readers", defaultValue = "2", description = "Reader threads (default ${DEFAULT-VALUE}).") int readers;
    @Range(min = "0", max = "256") @Option(names = "--removers", defaultValue = "1",
            description = "Truncate/punch/delete threads (default ${DEFAULT-VALUE}).") int removers;
    @Range(min = "4096", max = "1073741824") @Option(names = "--file-size", converter = SizeConverter.class, defaultValue = "256k",
            description = "Each file's size (default ${DEFAULT-VALUE}).") long fileSize;

    @Mixin CampaignOutput output;

    @Override
    public Integer call() throws Exception {
        long actualSeed = seed != null ? seed : new SecureRandom().nextLong();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter lines = output.lines();
        lines.println("stress: seed " + actualSeed + ", " + seconds + " s in " + DisplayNames.path(dir));
        lines.flush();
        Stress.Options options = options(actualSeed);
        return Interruption.run(lines, "stress", stop -> {
            Stress.Result result = Progress.run(spec.commandLine().getErr(), "stress",
                    Progress.Total.within(Duration.ofNanos((long) (seconds * 1e9))), " accesses",
                    progress -> Stress.run(options, stop.checking(progress)));
            stop.check(); // a run stopped by a signal may report what its stop did to it: not a result
            if (result.report() != null) {
                PrintWriter err = spec.commandLine().getErr();
                DisplayNames.printLines(err, result.report());
                err.flush();
            }
            if (output.json()) {
                JsonOutput.print(out, "daxstore stress", fields -> {
                    fields.writeNumberField("seed", actualSeed);
                    fields.writeStringField("directory", dir.toString());
                    fields.writeNumberField("seconds", seconds);
                    fields.writeNumberField("accesses", result.accesses());
                    fields.writeNumberField("removal_events", result.events());
                    fields.writeNumberField("violations", result.violations());
                });
            } else {
                out.println("stress: " + result.accesses() + " accesses, " + result.events() + " truncate/punch events, "
                        + result.violations() + " violations");
                out.flush();
            }
            return result.violations() == 0 ? 0 : 1;
        });
    }

    /** The run these options ask for (the replay command of a violation gives the same options). */
    Stress.Options options(long actualSeed) {
        return new Stress.Options(seconds, dir, actualSeed, files, writers, readers, removers, fileSize);
    }
}
