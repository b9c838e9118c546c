package org.daxstore.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long run, on standard error, that says only what is true. Three kinds of run:
 * one with a known total (fsx's operations, the kills), one with a floor that the run may pass
 * (the crash images: "at least" the number asked for, and the catalogue alone may give more), and
 * one bounded by time (stress, whose accesses cannot be known up front). On a terminal a bar: of
 * the total; of the floor until the run passes it, then a counter with its rate (a bar at 100%
 * while the count climbs would say the run is ending); of the time, with the count and its rate
 * beside it. When standard error is not a terminal (a log, a CI job), where a bar's
 * carriage-return redraws are noise, a status line every {@value #STATUS_SECONDS} s instead, so a
 * long campaign in a log shows it is alive and how far it has come.
 */
final class Progress {
    /** How often a status line is printed when standard error is not a terminal. */
    static final int STATUS_SECONDS = 10;

    private Progress() {
    }

    /** A job that reports how much it has done to a {@link LongConsumer}. */
    @FunctionalInterface
    interface Job<T> {
        T run(LongConsumer progress) throws Exception;
    }

    /** What the count of a run is measured against. */
    record Total(long count, boolean floor, Duration time) {
        /** Exactly {@code count} units. */
        static Total of(long count) {
            return new Total(count, false, null);
        }

        /** At least {@code count} units: the run may do more. */
        static Total atLeast(long count) {
            return new Total(count, true, null);
        }

        /** As many units as the run does in {@code time}. */
        static Total within(Duration time) {
            return new Total(0, false, time);
        }
    }

    /**
     * Runs {@code job}, showing its progress under {@code task} against {@code total}, counted in
     * {@code unit} (" ops"), on {@code err}: a bar on a terminal, a status line every
     * {@value #STATUS_SECONDS} s otherwise.
     */
    static <T> T run(PrintWriter err, String task, Total total, String unit, Job<T> job) throws Exception {
        return stderrIsTerminal() ? withBar(task, total, unit, job)
                : withStatusLines(err, task, total, unit, job, Duration.ofSeconds(STATUS_SECONDS));
    }

    private static <T> T withBar(String task, Total total, String unit, Job<T> job) throws Exception {
        boolean timed = total.time() != null;
        long max = timed ? Math.max(1, total.time().toSeconds()) : total.count();
        long start = System.nanoTime();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
                .setUnit(timed ? " s" : unit, 1).setStyle(ProgressBarStyle.ASCII).build()) {
            return job.run(count -> {
                if (timed) {
                    long elapsed = (System.nanoTime() - start) / 1_000_000_000L;
                    bar.stepTo(Math.min(elapsed, max));
                    bar.setExtraMessage(count + unit + rate(count, System.nanoTime() - start));
                } else {
                    if (total.floor() && count > max && bar.getMax() >= 0) {
                        bar.maxHint(-1); // past the floor: a counter, no longer a bar that sits at 100%
                    }
                    bar.stepTo(count);
                }
            });
        }
    }

    /** As {@link #run}, printing a status line to {@code err} every {@code every} (package-private for tests). */
    static <T> T withStatusLines(PrintWriter err, String task, Total total, String unit, Job<T> job, Duration every)
            throws Exception {
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "daxstore-progress");
            thread.setDaemon(true);
            return thread;
        });
        clock.scheduleAtFixedRate(() -> {
            err.println(statusLine(task, total, unit, done.get(), System.nanoTime() - start));
            err.flush();
        }, every.toNanos(), every.toNanos(), TimeUnit.NANOSECONDS);
        try {
            return job.run(done::set);
        } finally {
            clock.shutdownNow();
            clock.awaitTermination(1, TimeUnit.SECONDS);
        }
    }

    /** {@code fsx: 2000 of 100000 ops (2%), 200/s, 10 s}; the total said as the run knows it. */
    static String statusLine(String task, Total total, String unit, long done, long elapsedNanos) {
        long seconds = elapsedNanos / 1_000_000_000L;
        String rate = rate(done, elapsedNanos);
        if (total.time() != null) {
            return task + ": " + seconds + " s of " + total.time().toSeconds() + " s, " + done + unit + rate;
        }
        if (total.floor()) {
            return task + ": " + done + unit + " of at least " + total.count() + rate + ", " + seconds + " s";
        }
        long percent = total.count() == 0 ? 100 : (long) (100.0 * done / total.count());
        return task + ": " + done + " of " + total.count() + unit + " (" + percent + "%)" + rate + ", " + seconds + " s";
    }

    /** {@code , 200/s} over {@code elapsedNanos}; nothing before a rate means anything. */
    private static String rate(long done, long elapsedNanos) {
        return elapsedNanos < 1_000_000_000L ? "" : ", " + (long) (done * 1e9 / elapsedNanos) + "/s";
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
