package org.daxstore.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars for long runs, on standard error and only when that is a terminal: in a log,
 * their carriage-return redraws are noise.
 */
final class Progress {
    private Progress() {
    }

    /** A job that reports progress to a {@link LongConsumer}. */
    @FunctionalInterface
    interface Job<T> {
        T run(LongConsumer progress) throws Exception;
    }

    /** Runs {@code job} with a bar named {@code task} that counts to {@code max} (in {@code unit}). */
    static <T> T run(String task, long max, String unit, Job<T> job) throws Exception {
        if (!stderrIsTerminal()) {
            return job.run(done -> { });
        }
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUnit(unit, 1)
                .setStyle(ProgressBarStyle.ASCII).build()) {
            return job.run(bar::stepTo);
        }
    }

    /**
     * Java 17 cannot ask whether standard error is a terminal ({@code System.console()} looks at
     * standard input and output), but Linux, the only system daxstore runs on, names the device.
     */
    static boolean stderrIsTerminal() {
        try {
            String device = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
