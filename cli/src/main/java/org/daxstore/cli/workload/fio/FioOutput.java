package org.daxstore.cli.workload.fio;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.daxstore.cli.workload.CdfPoint;
import org.daxstore.cli.workload.GridPoint;
import org.daxstore.cli.workload.JobResult;
import org.daxstore.cli.workload.LatencySummary;

/**
 * fio's {@code --output-format=json} read back into a {@link JobResult}: from the one job of
 * the group, its {@code mixed} section (reads and writes together): {@code total_ios},
 * {@code io_bytes}, {@code runtime} (milliseconds), and the completion latencies
 * {@code clat_ns}: {@code percentile} (keys such as {@code "99.900000"}), {@code max} and
 * {@code mean}. A synchronous engine's completion latency is the whole operation, which is what
 * the Java jobs time.
 */
final class FioOutput {
    /**
     * fio writes the job's options into its JSON as they were given, control characters and all
     * (a newline in the directory's name), which strict JSON refuses: they are let through.
     */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS).build();

    private FioOutput() {
    }

    /**
     * Reads fio's output.
     *
     * @param out   fio's standard output (anything before the JSON object is skipped)
     * @param name  the job's name in the results, e.g. {@code fio mmap}
     * @param point the grid point it ran
     * @return the job's result; a failed one if fio reports an error for the job
     * @throws IllegalArgumentException if the output is no fio JSON or lacks a field named above
     */
    static JobResult parse(String out, String name, GridPoint point) {
        int start = out.indexOf('{');
        if (start < 0) {
            throw new IllegalArgumentException("fio wrote no JSON");
        }
        JsonNode root;
        try {
            root = JSON.readTree(out.substring(start));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("fio's JSON does not parse: " + e.getOriginalMessage(), e);
        }
        JsonNode job = field(root, "jobs").path(0);
        if (job.path("error").asInt() != 0) {
            return JobResult.failed(name, "fio", point, "fio reports error " + job.path("error").asInt() + " for the job");
        }
        JsonNode mixed = field(job, "mixed");
        JsonNode clat = field(mixed, "clat_ns");
        JsonNode percentiles = field(clat, "percentile");
        long max = field(clat, "max").asLong();
        List<CdfPoint> cdf = new ArrayList<>();
        for (double percentile : LatencySummary.PERCENTILES) {
            cdf.add(new CdfPoint(percentile, percentile(percentiles, percentile, max)));
        }
        cdf.add(new CdfPoint(100, max));
        LatencySummary latency = new LatencySummary(percentile(percentiles, 50, max), percentile(percentiles, 99, max),
                percentile(percentiles, 99.9, max), max, field(clat, "mean").asDouble(), cdf);
        long runtimeMillis = field(mixed, "runtime").asLong();
        return new JobResult(name, "fio", point, field(mixed, "total_ios").asLong(), field(mixed, "io_bytes").asLong(),
                runtimeMillis * 1_000_000, latency, List.of(), null);
    }

    /**
     * fio's value for a percentile, at most the max: fio gives a percentile as the value of its
     * histogram's bin, which can lie above the exact max it also reports (24,772,608 against
     * 24,700,664 ns in the sample the tests read).
     */
    private static long percentile(JsonNode percentiles, double percentile, long max) {
        return Math.min(max, field(percentiles, key(percentile)).asLong());
    }

    /** How fio names a percentile in its JSON: {@code "%f"}, e.g. {@code 99.900000}. */
    static String key(double percentile) {
        return String.format(Locale.ROOT, "%f", percentile);
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("fio's JSON has no " + name);
        }
        return value;
    }
}
