package org.daxstore.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import org.daxstore.CheckReport;
import org.daxstore.FileStat;
import org.daxstore.StoreInfo;
import org.daxstore.check.FsckReport;
import org.daxstore.check.RepairReport;

/**
 * {@code --json}: what a command found as one JSON object on standard output, for scripts. Every
 * object opens with {@code "tool"} (the command, {@code "daxstore info"}) and {@code "format"}
 * ({@value #FORMAT}); the field names are an interface, listed in README.md ("The tool",
 * "JSON output") and checked by {@code JsonOutputTest}: fields are added, never renamed, and
 * {@code format} goes up when one changes meaning or goes. Sizes are bytes, times ISO-8601 UTC
 * with the epoch milliseconds beside them. Names are as the store holds them (JSON escapes what
 * must be escaped); errors still go to standard error as one line.
 */
final class JsonOutput {
    /** Bumped when a field changes meaning or goes; adding one leaves it. */
    static final int FORMAT = 1;
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonOutput() {
    }

    /** The fields of one object after {@code tool} and {@code format}. */
    @FunctionalInterface
    interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    /** Writes one object for {@code tool} ({@code "daxstore info"}) and a newline to {@code out}. */
    static void print(PrintWriter out, String tool, Fields fields) {
        try {
            JsonGenerator json = FACTORY.createGenerator(out).useDefaultPrettyPrinter();
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeStringField("tool", tool);
            json.writeNumberField("format", FORMAT);
            fields.write(json);
            json.writeEndObject();
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JSON output", e);
        }
        out.println();
        out.flush();
    }

    static void info(JsonGenerator json, StoreInfo info) throws IOException {
        json.writeStringField("path", info.path().toString());
        json.writeStringField("uuid", info.uuid().toString());
        json.writeStringField("medium", info.medium());
        json.writeStringField("medium_kind", lowerCase(info.mediumInfo().kind()));
        json.writeStringField("medium_persistence", lowerCase(info.mediumInfo().persistence()));
        json.writeStringField("medium_reason", info.mediumInfo().reason());
        json.writeStringField("access_sections", info.accessOrdering());
        json.writeNumberField("capacity_bytes", info.capacity());
        json.writeNumberField("block_size_bytes", info.blockSize());
        json.writeNumberField("data_blocks", info.dataBlocks());
        json.writeNumberField("free_blocks", info.freeBlocks());
        json.writeNumberField("max_files", info.maxFiles());
        json.writeNumberField("files", info.files());
        json.writeFieldName("container_allocated_bytes");
        if (info.containerAllocatedBytes() < 0) {
            json.writeNull();
        } else {
            json.writeNumber(info.containerAllocatedBytes());
        }
    }

    /** An enum constant as the JSON (and the text) show it: {@code MAPPED} as {@code mapped}. */
    static String lowerCase(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    static void files(JsonGenerator json, List<FileStat> stats) throws IOException {
        json.writeArrayFieldStart("files");
        for (FileStat stat : stats) {
            json.writeStartObject();
            json.writeStringField("name", stat.name());
            json.writeNumberField("inode", stat.inode());
            json.writeNumberField("generation", stat.generation());
            json.writeNumberField("size_bytes", stat.size());
            json.writeNumberField("allocated_bytes", stat.allocatedBytes());
            time(json, "created", stat.createdMillis());
            time(json, "modified", stat.modifiedMillis());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void time(JsonGenerator json, String field, long millis) throws IOException {
        json.writeStringField(field, Instant.ofEpochMilli(millis).toString());
        json.writeNumberField(field + "_ms", millis);
    }

    static void check(JsonGenerator json, String path, CheckReport report) throws IOException {
        json.writeStringField("path", path);
        json.writeBooleanField("consistent", report.isConsistent());
        json.writeNumberField("files", report.files());
        json.writeNumberField("used_blocks", report.usedBlocks());
        json.writeNumberField("free_blocks", report.freeBlocks());
        strings(json, "problems", report.problems());
    }

    static void fsck(JsonGenerator json, FsckReport report) throws IOException {
        json.writeStringField("image", report.image().toString());
        json.writeStringField("status", lowerCase(report.status()));
        json.writeNumberField("exit_code", report.exitCode());
        json.writeNumberField("files", report.files());
        json.writeNumberField("used_blocks", report.usedBlocks());
        json.writeNumberField("free_blocks", report.freeBlocks());
        json.writeNumberField("pending_journal_words", report.pendingWords());
        strings(json, "problems", report.problems());
        strings(json, "notes", report.notes());
    }

    static void repair(JsonGenerator json, RepairReport report) throws IOException {
        json.writeStringField("image", report.image().toString());
        json.writeStringField("status", lowerCase(report.status()));
        json.writeNumberField("exit_code", report.exitCode());
        strings(json, "repairs", report.fixes());
        json.writeObjectFieldStart("before");
        fsck(json, report.before());
        json.writeEndObject();
        json.writeObjectFieldStart("after");
        fsck(json, report.after());
        json.writeEndObject();
    }

    private static void strings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
