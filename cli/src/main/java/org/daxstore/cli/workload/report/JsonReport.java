package org.daxstore.cli.workload.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import org.daxstore.cli.workload.CdfPoint;
import org.daxstore.cli.workload.JobResult;
import org.daxstore.cli.workload.LatencySummary;
import org.daxstore.cli.workload.RunResult;
import org.daxstore.cli.workload.ThreadResult;
import org.daxstore.cli.workload.WorkloadSpec;

/**
 * {@code --json}: the run as one JSON object. The field names are an interface (scripts read
 * them; README.md, "Benchmark your hardware", lists them, and {@code WorkloadRunTest} checks
 * that every documented one is there): add fields, never rename one. Sizes are bytes, times
 * seconds, latencies nanoseconds, bandwidth decimal GB per second.
 */
public final class JsonReport {
    /** Bumped when a field changes meaning or goes; adding one leaves it. */
    public static final int FORMAT = 1;
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonReport() {
    }

    /**
     * Writes {@code run} to {@code out}, followed by a newline.
     *
     * @throws IOException if {@code out} fails
     */
    public static void write(RunResult run, Writer out) throws IOException {
        JsonGenerator json = FACTORY.createGenerator(out).useDefaultPrettyPrinter();
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.writeStartObject();
        json.writeStringField("tool", "daxstore workload");
        json.writeNumberField("format", FORMAT);
        strings(json, "command", run.command());
        json.writeStringField("started", run.started().toString());
        numbers(json, "load_average_before", run.loadBefore());
        numbers(json, "load_average_after", run.loadAfter());
        json.writeNumberField("cpus", run.cpus());
        json.writeStringField("jvm", run.jvm());
        json.writeNumberField("timer_ns", run.timerNanos());
        json.writeNumberField("loop_ns", run.loopNanos());
        json.writeStringField("directory", run.directory());
        json.writeStringField("file_system", run.fileSystem());
        json.writeStringField("container", run.container());
        json.writeStringField("medium", run.medium());
        options(json, run.spec());
        strings(json, "notes", run.notes());
        json.writeArrayFieldStart("jobs");
        for (JobResult job : run.jobs()) {
            job(json, job, run.spec());
        }
        json.writeEndArray();
        json.writeEndObject();
        json.flush();
        out.write('\n');
        out.flush();
    }

    private static void options(JsonGenerator json, WorkloadSpec spec) throws IOException {
        json.writeObjectFieldStart("options");
        json.writeStringField("rw", spec.pattern().fioName());
        json.writeNumberField("read_percent", spec.readPercent());
        numbers(json, "bs", spec.blockSizes());
        numbers(json, "threads", spec.threadCounts());
        json.writeNumberField("size", spec.size());
        if (spec.timed()) {
            json.writeNumberField("time_s", spec.time().toNanos() / 1e9);
        } else {
            json.writeNullField("time_s");
        }
        if (spec.timed()) {
            json.writeNullField("ops");
        } else {
            json.writeNumberField("ops", spec.opsPerThread());
        }
        json.writeNumberField("warmup_s", spec.warmup().toNanos() / 1e9);
        json.writeStringField("persist", spec.persistence().text());
        strings(json, "jobs", spec.jobs().stream().map(k -> k.jobName()).toList());
        json.writeNumberField("block_size", spec.containerBlockSize());
        json.writeBooleanField("pretouch", spec.pretouch());
        json.writeNumberField("seed", spec.seed());
        json.writeEndObject();
    }

    private static void job(JsonGenerator json, JobResult job, WorkloadSpec spec) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", job.name());
        json.writeStringField("engine", job.engine());
        json.writeStringField("rw", spec.pattern().fioName());
        json.writeNumberField("bs", job.point().blockSize());
        json.writeNumberField("threads", job.point().threads());
        json.writeStringField("failure", job.failure());
        if (!job.isFailed()) {
            json.writeNumberField("ops", job.ops());
            json.writeNumberField("bytes", job.bytes());
            json.writeNumberField("seconds", job.nanos() / 1e9);
            json.writeNumberField("iops", job.iops());
            json.writeNumberField("gb_per_s", job.gigabytesPerSecond());
            latency(json, job.latency());
            json.writeArrayFieldStart("per_thread");
            for (ThreadResult thread : job.threads()) {
                json.writeStartObject();
                json.writeNumberField("thread", thread.index());
                json.writeNumberField("ops", thread.ops());
                json.writeNumberField("seconds", thread.nanos() / 1e9);
                json.writeNumberField("iops", thread.iops());
                json.writeNumberField("gb_per_s", thread.gigabytesPerSecond(job.point().blockSize()));
                latency(json, thread.latency());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private static void latency(JsonGenerator json, LatencySummary latency) throws IOException {
        json.writeObjectFieldStart("latency_ns");
        json.writeNumberField("p50", latency.p50());
        json.writeNumberField("p99", latency.p99());
        json.writeNumberField("p99_9", latency.p999());
        json.writeNumberField("max", latency.max());
        json.writeNumberField("mean", latency.mean());
        json.writeEndObject();
        json.writeArrayFieldStart("cdf");
        for (CdfPoint point : latency.cdf()) {
            json.writeStartObject();
            json.writeNumberField("percentile", point.percentile());
            json.writeNumberField("ns", point.nanos());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void strings(JsonGenerator json, String name, List<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private static void numbers(JsonGenerator json, String name, List<? extends Number> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (Number value : values) {
            if (value instanceof Double d) {
                json.writeNumber(d);
            } else {
                json.writeNumber(value.longValue());
            }
        }
        json.writeEndArray();
    }
}
