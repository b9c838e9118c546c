package org.daxstore.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;

import org.daxstore.harness.exercise.Fsx;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the fsx exerciser. Standard output gets the seed and the oracles first (so any run can be
 * replayed) and always ends with {@code fsx: <ops> ops, <mismatches> mismatches}, which scripts
 * and CI look for. A mismatch's report goes to standard error and the exit status is 1.
 */
@Command(name = "fsx", mixinStandardHelpOptions = true,
        description = "Run the seeded random exerciser, checking the store against an in-memory model and "
                + "the kernel (a plain file per name on the same file system).")
final class FsxCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--dir", defaultValue = "/dev/shm",
            description = "Where the temporary container goes (default ${DEFAULT-VALUE}).") Path dir;
    @Range(min = "1", max = "9223372036854775807") @Option(names = "--ops", defaultValue = "100000", description = "Operations to run (default ${DEFAULT-VALUE}).") long ops;
    @Range(min = "-9223372036854775808", max = "9223372036854775807") @Option(names = "--seed", description = "Random seed (default: random, printed).") Long seed;
    @Range(min = "1", max = "1000") @Option(names = "--files", defaultValue = "6", description = "File names in play (default ${DEFAULT-VALUE}).") int files;
    @Range(min = "1", max = "1099511627776") @Option(names = "--capacity", converter = SizeConverter.class, defaultValue = "32m",
            description = "Container size (default ${DEFAULT-VALUE}).") long capacity;
    @Range(min = "4096", max = "2097152") @Option(names = "--block-size", converter = SizeConverter.Int.class, defaultValue = "4k",
            description = "Block size (default ${DEFAULT-VALUE}).") int blockSize;
    @Range(min = "1", max = "70368744177664") @Option(names = "--max-file-size", converter = SizeConverter.class, defaultValue = "256k",
            description = "Largest offset an operation reaches (default ${DEFAULT-VALUE}).") long maxFileSize;
    @Option(names = "--oracle", defaultValue = "both", converter = OracleConverter.class,
            description = "What the store is checked against: model (the in-memory model), kernel (a plain file "
                    + "per name in a temporary directory beside the container, changed by the kernel's own calls; "
                    + "needs the native bridge) or both (default ${DEFAULT-VALUE}).") Fsx.Oracles oracle;
    @Mixin CampaignOutput output;

    @Override
    public Integer call() throws Exception {
        long actualSeed = seed != null ? seed : new SecureRandom().nextLong();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter lines = output.lines();
        lines.println("fsx: seed " + actualSeed + ", " + ops + " ops in " + DisplayNames.path(dir) + ", oracle " + oracle.option());
        lines.flush();
        Fsx.Options options = options(actualSeed);
        return Interruption.run(lines, "fsx", stop -> {
            Fsx.Result result = Progress.run(spec.commandLine().getErr(), "fsx", Progress.Total.of(ops), " ops", progress -> Fsx.run(options, stop.checking(progress)));
            stop.check(); // a run stopped by a signal may report what its stop did to it: not a result
            if (result.failureReport() != null) {
                PrintWriter err = spec.commandLine().getErr();
                DisplayNames.printLines(err, result.failureReport());
                err.flush();
            }
            if (output.json()) {
                JsonOutput.print(out, "daxstore fsx", fields -> {
                    fields.writeNumberField("seed", actualSeed);
                    fields.writeStringField("directory", dir.toString());
                    fields.writeStringField("oracle", oracle.option());
                    fields.writeNumberField("operations", result.operations());
                    fields.writeNumberField("mismatches", result.mismatches());
                });
            } else {
                out.println("fsx: " + result.operations() + " ops, " + result.mismatches() + " mismatches");
                out.flush();
            }
            return result.mismatches() == 0 ? 0 : 1;
        });
    }

    /** The run these options ask for (a mismatch's replay command gives the same run). */
    Fsx.Options options(long actualSeed) {
        return Fsx.Options.defaults(dir, actualSeed, ops).withFiles(files).withCapacity(capacity).withBlockSize(blockSize)
                .withMaxFileSize(maxFileSize).withOracles(oracle);
    }

    /** {@code model}, {@code kernel} or {@code both}, as the replay line of a report spells them. */
    static final class OracleConverter implements CommandLine.ITypeConverter<Fsx.Oracles> {
        @Override
        public Fsx.Oracles convert(String value) {
            try {
                return Fsx.Oracles.ofOption(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
