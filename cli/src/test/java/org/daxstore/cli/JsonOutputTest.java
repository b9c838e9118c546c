package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --json} of info, ls, stat, check and fsck (and fsck --repair): one JSON object on
 * standard output, its fields exactly the documented ones (README, "JSON output"), each of the
 * documented type, and values that agree with the store. A field added to the output or to the
 * README without the other fails here.
 */
class JsonOutputTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> STAT = Set.of("name", "inode", "generation", "size_bytes", "allocated_bytes",
            "created", "created_ms", "modified", "modified_ms");
    private static final Set<String> FSCK = Set.of("image", "status", "exit_code", "files", "used_blocks", "free_blocks",
            "pending_journal_words", "problems", "notes");

    private CliSession cli;
    private Path dir;
    private String container;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliSession("cli-json-");
        dir = cli.dir();
        container = dir.resolve("store.dax").toString();
    }

    @AfterEach
    void tearDown() throws Exception {
        cli.close();
    }

    private int run(String... args) {
        return cli.run(args);
    }

    /** Runs a --json command, expects {@code status}, and returns its one object, checked for tool and format. */
    private JsonNode json(int status, String tool, String... args) throws Exception {
        assertEquals(status, run(args), cli.err());
        JsonNode node = MAPPER.readTree(cli.out());
        assertTrue(node.isObject(), cli.out());
        assertEquals(tool, node.get("tool").asText());
        assertEquals(JsonOutput.FORMAT, node.get("format").asInt());
        return node;
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }

    private static Set<String> with(Set<String> fields, String... more) {
        Set<String> all = new TreeSet<>(fields);
        all.addAll(List.of(more));
        return all;
    }

    private void fill() throws Exception {
        assertEquals(0, run("format", container, "--capacity", "8m"), cli.err());
        Path source = dir.resolve("data.bin");
        Files.write(source, new byte[10_000]);
        assertEquals(0, run("put", container, "b", source.toString()), cli.err());
        assertEquals(0, run("put", container, "a\nline", source.toString()), cli.err());
        assertEquals(0, run("truncate", container, "a\nline", "3m"), cli.err());
    }

    @Test
    void infoIsOneObjectOfTheDocumentedFields() throws Exception {
        fill();
        JsonNode info = json(0, "daxstore info", "info", container, "--json");
        assertEquals(with(Set.of("path", "uuid", "medium", "medium_kind", "medium_persistence", "medium_reason",
                "access_sections", "capacity_bytes", "block_size_bytes", "data_blocks", "free_blocks", "max_files", "files",
                "container_allocated_bytes"), "tool", "format"), fields(info));
        assertTrue(Set.of("pmem", "mapped").contains(info.get("medium_kind").asText()), info.toString());
        assertTrue(Set.of("cache_lines", "msync", "none").contains(info.get("medium_persistence").asText()), info.toString());
        assertEquals(8 << 20, info.get("capacity_bytes").asLong());
        assertEquals(4096, info.get("block_size_bytes").asInt());
        assertEquals(2, info.get("files").asInt());
        assertTrue(info.get("free_blocks").asLong() < info.get("data_blocks").asLong(), info.toString());
        assertTrue(info.get("container_allocated_bytes").isNumber() || info.get("container_allocated_bytes").isNull());
    }

    @Test
    void lsAndStatGiveEveryFileWithTheSameFields() throws Exception {
        fill();
        JsonNode ls = json(0, "daxstore ls", "ls", container, "--json");
        assertEquals(Set.of("tool", "format", "files"), fields(ls));
        List<String> names = new ArrayList<>();
        for (JsonNode file : ls.get("files")) {
            assertEquals(STAT, fields(file));
            names.add(file.get("name").asText());
        }
        assertEquals(List.of("a\nline", "b"), names, "names as the store holds them, sorted");
        JsonNode stat = json(0, "daxstore stat", "stat", container, "b", "a\nline", "--json");
        JsonNode b = stat.get("files").get(0);
        assertEquals("b", b.get("name").asText());
        assertEquals(10_000, b.get("size_bytes").asLong());
        assertTrue(b.get("allocated_bytes").asLong() >= 3 * 4096, b.toString()); // data, and the map's own blocks
        assertEquals(3 << 20, stat.get("files").get(1).get("size_bytes").asLong());
        assertEquals(b.get("modified_ms").asLong(), java.time.Instant.parse(b.get("modified").asText()).toEpochMilli());
        assertEquals(ls.get("files").get(1), b, "ls and stat say the same of a file");
    }

    @Test
    void checkAndFsckSayCleanInTheirFields() throws Exception {
        fill();
        JsonNode check = json(0, "daxstore check", "check", container, "--json");
        assertEquals(Set.of("tool", "format", "path", "consistent", "files", "used_blocks", "free_blocks", "problems"),
                fields(check));
        assertTrue(check.get("consistent").asBoolean());
        assertEquals(0, check.get("problems").size());
        JsonNode fsck = json(0, "daxstore fsck", "fsck", container, "--json");
        assertEquals(with(FSCK, "tool", "format"), fields(fsck));
        assertEquals("clean", fsck.get("status").asText());
        assertEquals(check.get("used_blocks"), fsck.get("used_blocks"), "the online and the offline check count alike");
        JsonNode repair = json(0, "daxstore fsck", "fsck", "--repair", container, "--json");
        assertEquals(Set.of("tool", "format", "image", "status", "exit_code", "repairs", "before", "after"), fields(repair));
        assertEquals(FSCK, fields(repair.get("before")));
        assertEquals(FSCK, fields(repair.get("after")));
    }

    @Test
    void anUnusableImageIsStillOneObjectWithItsReason() throws Exception {
        Path junk = dir.resolve("junk");
        Files.write(junk, new byte[8192]);
        JsonNode fsck = json(2, "daxstore fsck", "fsck", junk.toString(), "--json");
        assertEquals("unusable", fsck.get("status").asText());
        assertEquals(1, fsck.get("problems").size());
        assertFalse(fsck.get("problems").get(0).asText().isEmpty());
    }

    /** The campaigns' --json: stdout is their one object (the first line and the progress go to stderr). */
    @Test
    void campaignsEndInOneObjectOfTheirFields() throws Exception {
        String where = dir.toString();
        JsonNode fsx = json(0, "daxstore fsx", "fsx", "--dir", where, "--ops", "300", "--seed", "5", "--json");
        assertEquals(Set.of("tool", "format", "seed", "directory", "oracle", "operations", "mismatches"), fields(fsx));
        assertEquals(300, fsx.get("operations").asLong());
        assertEquals(0, fsx.get("mismatches").asLong());
        assertTrue(cli.err().startsWith("fsx: seed 5, 300 ops in "), cli.err());
        JsonNode stress = json(0, "daxstore stress", "stress", "--dir", where, "--seconds", "1", "--seed", "5", "--json");
        assertEquals(Set.of("tool", "format", "seed", "directory", "seconds", "accesses", "removal_events", "violations"),
                fields(stress));
        assertTrue(stress.get("accesses").asLong() > 0, stress.toString());
        JsonNode fuzz = json(0, "daxstore fuzz", "fuzz", "--dir", where, "--images", "3", "--seed", "5", "--json");
        assertEquals(Set.of("tool", "format", "seed", "first", "directory", "images", "refused", "opened_consistent",
                "repaired", "unrepairable", "failures", "elapsed_ms"), fields(fuzz));
        assertEquals(3, fuzz.get("images").asInt());
        JsonNode crash = json(0, "daxstore crash-test", "crash-test", "--dir", where, "--skip-catalogue", "--images", "50",
                "--kills", "1", "--fuzz", "2", "--seed", "5", "--json");
        assertEquals(Set.of("tool", "format", "seed", "directory", "images", "images_by_kind", "images_inconsistent", "kills",
                "kills_inconsistent", "fuzzed", "fuzz_failures", "inconsistent"), fields(crash));
        assertTrue(crash.get("images").asLong() >= 50, crash.toString());
        assertEquals(crash.get("images").asLong(), sum(crash.get("images_by_kind")), crash.toString());
        assertEquals(0, crash.get("inconsistent").asLong());
    }

    private static long sum(JsonNode counts) {
        long sum = 0;
        for (JsonNode count : counts) {
            sum += count.asLong();
        }
        return sum;
    }

    /** Each field above is in the README's "JSON output" table, and the table has no field the output lacks. */
    @Test
    void theReadmeListsEveryField() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("<!-- json-fields:start -->");
        int end = readme.indexOf("<!-- json-fields:end -->");
        assertTrue(start >= 0 && end > start, "README.md has no json-fields section");
        Set<String> documented = new TreeSet<>();
        for (String row : readme.substring(start, end).lines().filter(l -> l.startsWith("| ")).toList()) {
            String fieldsColumn = row.substring(row.indexOf('|', 1) + 1); // the first column names the command
            java.util.regex.Matcher field = java.util.regex.Pattern.compile("`([a-z_]+)`").matcher(fieldsColumn);
            while (field.find()) {
                documented.add(field.group(1));
            }
        }
        Set<String> produced = new TreeSet<>(STAT);
        produced.addAll(FSCK);
        produced.addAll(List.of("tool", "format", "files", "path", "uuid", "medium", "medium_kind", "medium_persistence",
                "medium_reason", "snapshot", "problems_seen", "access_sections", "capacity_bytes",
                "block_size_bytes", "data_blocks", "free_blocks", "max_files", "container_allocated_bytes", "consistent",
                "used_blocks", "problems", "repairs", "before", "after", "seed", "directory", "oracle", "operations",
                "mismatches", "seconds", "accesses", "removal_events", "violations", "first", "images", "refused",
                "opened_consistent", "repaired", "unrepairable", "failures", "elapsed_ms", "images_by_kind",
                "images_inconsistent", "kills", "kills_inconsistent", "fuzzed", "fuzz_failures", "inconsistent"));
        assertEquals(produced, documented);
    }
}
