package org.daxstore.cli.workload.fio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.daxstore.cli.workload.CdfPoint;
import org.daxstore.cli.workload.GridPoint;
import org.daxstore.cli.workload.JobResult;
import org.daxstore.cli.workload.LatencySummary;
import org.junit.jupiter.api.Test;

/**
 * fio's JSON read back, from {@code fio-3.33-psync-randrw.json}: the output of fio 3.33 on this
 * project's VM for the job the workload builds ({@code psync}, randrw 70% reads, 4 KiB, two
 * threads, 5,000 operations each, the workload's percentile list).
 */
class FioOutputTest {
    private static final GridPoint POINT = new GridPoint(4096, 2);

    @Test
    void aCapturedRunReadsBack() throws Exception {
        JobResult job = FioOutput.parse(sample(), "fio psync", POINT);
        assertEquals(null, job.failure());
        assertEquals("fio", job.engine());
        assertEquals(10_000, job.ops());
        assertEquals(40_960_000, job.bytes());
        assertEquals(32_000_000, job.nanos()); // "runtime": 32 ms
        assertEquals(312_500, job.iops(), 1e-6); // fio's own "iops" for the group
        assertEquals(1.28, job.gigabytesPerSecond(), 1e-9); // fio's "bw_bytes": 1280000000
        LatencySummary latency = job.latency();
        assertEquals(1112, latency.p50());
        assertEquals(9280, latency.p99());
        assertEquals(18304, latency.p999());
        assertEquals(24_700_664, latency.max());
        assertEquals(4702.2168, latency.mean(), 1e-4);
        assertEquals(LatencySummary.PERCENTILES.length + 1, latency.cdf().size());
        assertEquals(new CdfPoint(100, 24_700_664), latency.cdf().get(latency.cdf().size() - 1));
        for (int i = 1; i < latency.cdf().size(); i++) {
            assertTrue(latency.cdf().get(i - 1).nanos() <= latency.cdf().get(i).nanos(), latency.cdf().toString());
        }
    }

    @Test
    void linesBeforeTheJsonAreSkipped() throws Exception {
        String out = "note: both iodepth >= 1 and synchronous I/O engine are selected, queue depth will be capped at 1\n" + sample();
        assertEquals(10_000, FioOutput.parse(out, "fio psync", POINT).ops());
    }

    @Test
    void aJobErrorIsAFailedRow() throws Exception {
        String out = sample().replaceFirst("\"error\" : 0", "\"error\" : 5");
        JobResult job = FioOutput.parse(out, "fio psync", POINT);
        assertEquals("fio reports error 5 for the job", job.failure());
    }

    @Test
    void outputThatIsNotFiosJsonIsRefusedSayingWhat() throws Exception {
        assertEquals("fio wrote no JSON", assertThrows(IllegalArgumentException.class,
                () -> FioOutput.parse("fio: engine libpmem not loadable", "fio libpmem", POINT)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FioOutput.parse("{\"jobs\": [", "fio mmap", POINT))
                .getMessage().startsWith("fio's JSON does not parse"));
        String noPercentile = sample().replace("\"99.900000\"", "\"99.800000\"");
        assertEquals("fio's JSON has no 99.900000", assertThrows(IllegalArgumentException.class,
                () -> FioOutput.parse(noPercentile, "fio mmap", POINT)).getMessage());
        assertEquals("fio's JSON has no mixed", assertThrows(IllegalArgumentException.class,
                () -> FioOutput.parse(sample().replace("\"mixed\"", "\"read\""), "fio mmap", POINT)).getMessage());
    }

    static String sample() throws Exception {
        try (InputStream in = FioOutputTest.class.getResourceAsStream("fio-3.33-psync-randrw.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
