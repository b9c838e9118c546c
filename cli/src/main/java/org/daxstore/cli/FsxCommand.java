package org.daxstore.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.daxstore.exercise.Fsx;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs the fsx exerciser. The progress bar goes to standard error; the last line on standard
 * output is always {@code fsx: <ops> ops, <mismatches> mismatches}.
 */
@Command(name = "fsx", mixinStandardHelpOptions = true,
        description = "Run the seeded random exerciser against an in-memory model.")
final class FsxCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--dir", defaultValue = "/dev/shm", description = "Where the container goes (default ${DEFAULT-VALUE}).") Path dir;
    @Option(names = "--ops", defaultValue = "100000", description = "Operations to run (default ${DEFAULT-VALUE}).") long ops;
    @Option(names = "--seed", description = "Random seed (default: random, printed).") Long seed;
    @Option(names = "--files", defaultValue = "6", description = "File names in play (default ${DEFAULT-VALUE}).") int files;
    @Option(names = "--capacity", converter = SizeConverter.class, defaultValue = "32m", description = "Container size.") long capacity;
    @Option(names = "--block-size", converter = SizeConverter.class, defaultValue = "4096", description = "Block size.") long blockSize;
    @Option(names = "--max-file-size", converter = SizeConverter.class, defaultValue = "256k",
            description = "Largest offset an operation reaches.") long maxFileSize;

    @Override
    public Integer call() {
        long actualSeed = seed != null ? seed : new java.security.SecureRandom().nextLong();
        var out = spec.commandLine().getOut();
        out.println("fsx: seed " + actualSeed + ", " + ops + " ops in " + dir);
        out.flush();
        Fsx.Options options = Fsx.Options.defaults(dir, actualSeed, ops).withFiles(files).withCapacity(capacity)
                .withBlockSize(Math.toIntExact(blockSize)).withMaxFileSize(maxFileSize);
        Fsx.Result result;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("fsx").setInitialMax(ops)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                .build()) {
            result = Fsx.run(options, bar::stepTo);
        }
        if (result.failureReport() != null) {
            spec.commandLine().getErr().print(result.failureReport());
            spec.commandLine().getErr().flush();
        }
        out.println("fsx: " + result.operations() + " ops, " + result.mismatches() + " mismatches");
        return result.mismatches() == 0 ? 0 : 1;
    }
}
