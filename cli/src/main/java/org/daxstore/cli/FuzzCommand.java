package org.daxstore.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;

import org.daxstore.harness.exercise.RunDirectory;
import org.daxstore.harness.exercise.fuzz.FuzzResult;
import org.daxstore.harness.exercise.fuzz.ImageFuzzer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs the image fuzzing campaign ({@link ImageFuzzer}). Standard output gets the seed first and
 * always ends with the summary line {@code fuzz: <n> images, ... <f> failures}; each failure
 * (image, damage, what went wrong, the command that replays it) goes to standard error, and the
 * exit status is 1 if there was one.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = "Open, check, read, write and fsck seeded damaged copies of valid containers, and repair"
                + " those refused or found inconsistent.")
final class FuzzCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Range(min = "1", max = "1000000000") @Option(names = "--images", defaultValue = "10000", description = "Images to try (default ${DEFAULT-VALUE}).") int images;
    @Range(min = "-9223372036854775808", max = "9223372036854775807") @Option(names = "--seed", description = "Campaign seed (default: random, printed).") Long seed;
    @Range(min = "0", max = "1000000000") @Option(names = "--first", defaultValue = "0",
            description = "Index of the first image, to replay one (default ${DEFAULT-VALUE}).") int first;
    @Option(names = "--dir", defaultValue = "/dev/shm",
            description = "Where the images go, in a temporary directory (default ${DEFAULT-VALUE}).") Path dir;

    @Mixin CampaignOutput output;

    @Override
    public Integer call() throws Exception {
        long actualSeed = seed != null ? seed : new SecureRandom().nextLong();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter lines = output.lines();
        lines.println("fuzz: seed " + actualSeed + ", images " + first + ".." + (first + images - 1L) + " in " + DisplayNames.path(dir));
        lines.flush();
        long start = System.nanoTime();
        return Interruption.run(lines, "fuzz", stop -> {
            FuzzResult result;
            try (RunDirectory work = RunDirectory.create(dir, "daxstore-fuzz-")) {
                result = Progress.run(spec.commandLine().getErr(), "fuzz", Progress.Total.of(images), " images",
                        progress -> ImageFuzzer.run(actualSeed, first, images, work.path(), stop.checking(progress)));
            }
            stop.check(); // a run stopped by a signal may report what its stop did to it: not a result
            PrintWriter err = spec.commandLine().getErr();
            result.failures().forEach(failure -> DisplayNames.printLines(err, failure));
            err.flush();
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (output.json()) {
                JsonOutput.print(out, "daxstore fuzz", fields -> {
                    fields.writeNumberField("seed", actualSeed);
                    fields.writeNumberField("first", first);
                    fields.writeStringField("directory", dir.toString());
                    fields.writeNumberField("images", result.images());
                    fields.writeNumberField("refused", result.refused());
                    fields.writeNumberField("opened_consistent", result.openedConsistent());
                    fields.writeNumberField("repaired", result.repaired());
                    fields.writeNumberField("unrepairable", result.unrepairable());
                    fields.writeNumberField("failures", result.failures().size());
                    fields.writeNumberField("elapsed_ms", millis);
                });
            } else {
                out.println(DisplayNames.line(result.summary()) + " (" + millis + " ms)");
                out.flush();
            }
            return result.failures().isEmpty() ? 0 : 1;
        });
    }
}
