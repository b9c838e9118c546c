package org.daxstore.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;

import org.daxstore.harness.crash.CrashEnumeration;
import org.daxstore.harness.crash.KillCampaign;
import org.daxstore.harness.exercise.RunDirectory;
import org.daxstore.harness.exercise.fuzz.FuzzResult;
import org.daxstore.harness.exercise.fuzz.ImageFuzzer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the crash campaigns: crash-state enumeration (every single and paired operation on a
 * fresh and an aged store, then seeded random sequences until {@code --images} images were
 * judged), the kill -9 campaign, and image fuzzing. Standard output gets the seed first and
 * always ends with {@code crash: <images> images, <kills> kills, <fuzzed> fuzzed, <n> inconsistent};
 * the reports of inconsistent images go to standard error, each with the command that replays it
 * ({@code --workload}, {@code --first-kill}, or the fuzz command's {@code --first}), and the exit
 * status is 1.
 */
@Command(name = "crash-test", mixinStandardHelpOptions = true,
        description = "Crash campaigns: power-failure images at every fence, kill -9 of a child JVM, image fuzzing.")
final class CrashTestCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--dir", defaultValue = "/dev/shm",
            description = "Where the temporary containers and images go (default ${DEFAULT-VALUE}).") Path dir;
    @Range(min = "-9223372036854775808", max = "9223372036854775807") @Option(names = "--seed", description = "Random seed (default: random, printed).") Long seed;
    @Range(min = "0", max = "9223372036854775807") @Option(names = "--images", defaultValue = "150000",
            description = "Crash images to judge at least: the catalogue, then random sequences (default ${DEFAULT-VALUE}).")
    long images;
    @Range(min = "0", max = "1000000000") @Option(names = "--kills", defaultValue = "1000", description = "Child processes to kill (default ${DEFAULT-VALUE}).")
    int kills;
    @Range(min = "0", max = "1000000000") @Option(names = "--fuzz", defaultValue = "1000", description = "Fuzzed images (default ${DEFAULT-VALUE}).") int fuzz;
    @Range(min = "0", max = "1024") @Option(names = "--pairs", defaultValue = "64",
            description = "Every pair of unpersisted lines up to this many lines at a fence (default ${DEFAULT-VALUE}).")
    int pairLimit;
    @Range(min = "0", max = "100000") @Option(names = "--sampled-pairs", defaultValue = "64",
            description = "Pairs sampled at a fence with more lines (default ${DEFAULT-VALUE}).") int sampledPairs;
    @Range(min = "1", max = "10000000") @Option(names = "--kill-ops", defaultValue = "60",
            description = "Operations in each killed child's workload (default ${DEFAULT-VALUE}).") int killOps;
    @Range(min = "0", max = "2147483647") @Option(names = "--sequences", defaultValue = "20",
            description = "Random sequences to run at least, before --images is reached (default ${DEFAULT-VALUE}).")
    int sequences;
    @Option(names = "--skip-catalogue",
            description = "Skip format and the single and paired operations: random sequences only (quick runs).")
    boolean skipCatalogue;
    @Range(min = "1", max = "64") @Option(names = "--parallel", defaultValue = "2", description = "Children alive at once (default ${DEFAULT-VALUE}).")
    int parallel;
    @Range(min = "0", max = "100000") @Option(names = "--larger-subsets", defaultValue = "4",
            description = "Random subsets of 3 or more unpersisted lines judged per fence (default ${DEFAULT-VALUE}).")
    int largerSubsets;
    @Range(min = "-1", max = "2147483647") @Option(names = "--workload", defaultValue = "-1",
            description = "Run only this crash workload, as an inconsistent image's replay command names it.")
    int workload;
    @Range(min = "0", max = "1000000000") @Option(names = "--first-kill", defaultValue = "0",
            description = "Index of the first kill round, to replay one (default ${DEFAULT-VALUE}).")
    int firstKill;

    @Mixin CampaignOutput output;

    @Override
    public Integer call() throws Exception {
        long actualSeed = seed != null ? seed : new SecureRandom().nextLong();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter lines = output.lines();
        lines.println("crash-test: seed " + actualSeed + ", at least " + images + " images, " + kills + " kills, " + fuzz
                + " fuzzed, in " + DisplayNames.path(dir));
        lines.flush();
        return Interruption.run(lines, "crash", stop -> campaigns(stop, actualSeed, lines, err));
    }

    private int campaigns(Interruption.Stop stop, long actualSeed, PrintWriter lines, PrintWriter err) throws Exception {
        try (RunDirectory run = RunDirectory.create(dir, "daxstore-crash-")) {
            Path work = run.path();
            CrashEnumeration.Result enumeration = Progress.run(err, "crash images", Progress.Total.atLeast(images), " images",
                    progress -> CrashEnumeration.run(enumerationOptions(work, actualSeed), stop.checking(progress)));
            stop.check(); // a run stopped by a signal may report what its stop did to it: not a result
            DisplayNames.printLines(lines, enumeration.summary());
            lines.flush();
            report(err, enumeration.failures());
            KillCampaign.Result killed = Progress.run(err, "kills", Progress.Total.of(kills), " kills",
                    progress -> KillCampaign.run(killOptions(work, actualSeed), stop.checking(progress)));
            stop.check();
            DisplayNames.printLines(lines, killed.summary());
            report(err, killed.failures());
            long fuzzed = 0;
            long fuzzInconsistent = 0;
            if (fuzz > 0) {
                // A fuzzed image counts against the campaign only when it broke a rule of the fuzzer's oracle
                // (a crash, a hang, an untyped exception, a store that opened but fails its checks after
                // writing); damage that open or fsck reports is the expected outcome.
                FuzzResult fuzzResult = Progress.run(err, "fuzz", Progress.Total.of(fuzz), " images", progress ->
                        ImageFuzzer.run(actualSeed, 0, fuzz, work, stop.checking(progress)));
                stop.check();
                DisplayNames.printLines(lines, fuzzResult.summary());
                report(err, fuzzResult.failures());
                fuzzed = fuzzResult.images();
                fuzzInconsistent = fuzzResult.failures().size();
            }
            long inconsistent = enumeration.inconsistent() + killed.inconsistent() + fuzzInconsistent;
            if (output.json()) {
                long fuzzedImages = fuzzed;
                long fuzzFailures = fuzzInconsistent;
                JsonOutput.print(spec.commandLine().getOut(), "daxstore crash-test", fields -> {
                    fields.writeNumberField("seed", actualSeed);
                    fields.writeStringField("directory", dir.toString());
                    fields.writeNumberField("images", enumeration.images());
                    fields.writeObjectFieldStart("images_by_kind");
                    for (var kind : enumeration.imagesByKind().entrySet()) {
                        fields.writeNumberField(kind.getKey(), kind.getValue());
                    }
                    fields.writeEndObject();
                    fields.writeNumberField("images_inconsistent", enumeration.inconsistent());
                    fields.writeNumberField("kills", killed.rounds());
                    fields.writeNumberField("kills_inconsistent", killed.inconsistent());
                    fields.writeNumberField("fuzzed", fuzzedImages);
                    fields.writeNumberField("fuzz_failures", fuzzFailures);
                    fields.writeNumberField("inconsistent", inconsistent);
                });
            } else {
                lines.println("crash: " + enumeration.images() + " images, " + killed.rounds() + " kills, " + fuzzed
                        + " fuzzed, " + inconsistent + " inconsistent");
                lines.flush();
            }
            return inconsistent == 0 ? 0 : 1;
        }
    }

    /** The crash enumeration these options ask for (a replay command's options give the same workload). */
    CrashEnumeration.Options enumerationOptions(Path work, long actualSeed) {
        return CrashEnumeration.Options.defaults(work, actualSeed).withSampling(pairLimit, sampledPairs, largerSubsets)
                .withCatalogue(!skipCatalogue).withRandomSequences(sequences).withMinimumImages(images)
                .withWorkload(workload);
    }

    /** The kill campaign these options ask for. */
    KillCampaign.Options killOptions(Path work, long actualSeed) {
        return new KillCampaign.Options(work, actualSeed, kills, killOps, 1L << 20, parallel).withFirst(firstKill);
    }

    private static void report(PrintWriter err, List<String> failures) {
        failures.forEach(failure -> DisplayNames.printLines(err, "inconsistent: " + failure));
        err.flush();
    }
}
