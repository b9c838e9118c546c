package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Progress says only what is true (issue 16: the stress bar read 100% from its first second, the
 * crash bar sat at 100% while its total climbed, and a campaign whose standard error was a file
 * printed nothing for minutes).
 */
class ProgressTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aKnownTotalIsCountedAgainstWithItsShareAndRate() {
        assertEquals("fsx: 2000 of 100000 ops (2%), 200/s, 10 s",
                Progress.statusLine("fsx", Progress.Total.of(100_000), " ops", 2_000, 10 * SECOND));
    }

    @Test
    void aFloorIsSaidAsOneAndNeverAsAShare() {
        String past = Progress.statusLine("crash images", Progress.Total.atLeast(2_000), " images", 17_065, 20 * SECOND);
        assertEquals("crash images: 17065 images of at least 2000, 853/s, 20 s", past);
    }

    @Test
    void aTimedRunCountsTimeAgainstItsLengthAndTheUnitsBeside() {
        assertEquals("stress: 1 s of 60 s, 5000 accesses, 5000/s",
                Progress.statusLine("stress", Progress.Total.within(Duration.ofSeconds(60)), " accesses", 5_000, SECOND));
        assertEquals("stress: 0 s of 60 s, 5 accesses",
                Progress.statusLine("stress", Progress.Total.within(Duration.ofSeconds(60)), " accesses", 5, SECOND / 2),
                "no rate before a second has passed");
    }

    /** Off a terminal: a line every period while the job runs, the latest count in it, and none after. */
    @Test
    void statusLinesComeEveryPeriodWhileTheJobRunsAndStopWithIt() throws Exception {
        StringWriter err = new StringWriter();
        PrintWriter writer = new PrintWriter(err, true);
        String result = Progress.withStatusLines(writer, "fsx", Progress.Total.of(100), " ops", progress -> {
            for (int i = 1; i <= 10; i++) {
                progress.accept(i);
                Thread.sleep(60);
            }
            return "done";
        }, Duration.ofMillis(100));
        assertEquals("done", result);
        List<String> printed = err.toString().lines().toList();
        assertTrue(printed.size() >= 2, "a 600 ms job with a 100 ms period printed " + printed);
        printed.forEach(line -> assertTrue(line.matches("fsx: \\d+ of 100 ops \\(\\d+%\\)(, \\d+/s)?, \\d+ s"), line));
        Thread.sleep(300);
        assertEquals(printed.size(), err.toString().lines().toList().size(), "a line came after the job had ended: " + err);
    }
}
