package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code info}, {@code ls} and {@code stat} of a store that another process holds open: read as
 * fsck reads it, without the lock, and marked as a snapshot that may be changing, in text and
 * in JSON; commands that would change the store are still refused. Before, all three refused
 * the store ("the store is locked by another process").
 */
class InUseByAnotherProcessTest {
    private static final String SNAPSHOT = "in use by another process: read without its lock, a snapshot that may be changing";

    private CliSession cli;
    private String container;
    private Process holder;

    @BeforeEach
    void holdAStoreInAnotherProcess() throws Exception {
        cli = new CliSession("in-use-");
        container = cli.dir().resolve("store.dax").toString();
        Path source = cli.dir().resolve("data.bin");
        Files.write(source, new byte[10_000]);
        assertEquals(0, cli.run("format", container, "--capacity", "8m"), cli.err());
        assertEquals(0, cli.run("put", container, "b", source.toString()), cli.err());
        assertEquals(0, cli.run("put", container, "a\nline", source.toString()), cli.err());
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), HoldStoreOpen.class.getName(), container));
        holder = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("open", out.readLine());
    }

    @AfterEach
    void release() throws Exception {
        holder.getOutputStream().close();
        if (!holder.waitFor(60, TimeUnit.SECONDS)) {
            holder.destroyForcibly().waitFor();
        }
        holder.getInputStream().close();
        cli.close();
    }

    @Test
    void infoLsAndStatReadASnapshotAndSaySo() {
        assertEquals(0, cli.run("info", container), cli.err());
        assertTrue(cli.out().startsWith("snapshot:            " + SNAPSHOT + "\n"), cli.out());
        assertTrue(cli.out().contains("files:               2\n"), cli.out());

        assertEquals(0, cli.run("ls", "-l", container), cli.err());
        assertTrue(cli.err().contains(SNAPSHOT), "ls says what it read, on standard error: " + cli.err());
        assertTrue(cli.out().contains(" a\\u000Aline\n") && cli.out().endsWith(" b\n"), cli.out());
        assertTrue(cli.out().contains("10000"), cli.out());

        assertEquals(0, cli.run("stat", container, "b"), cli.err());
        assertTrue(cli.out().contains("size:       10000"), cli.out());
        assertTrue(cli.err().contains(SNAPSHOT), cli.err());

        assertEquals(1, cli.run("stat", container, "missing"));
        assertTrue(cli.err().contains("no file named 'missing'"), cli.err());
    }

    @Test
    void theJsonSaysItIsASnapshot() throws Exception {
        assertEquals(0, cli.run("info", container, "--json"), cli.err());
        JsonNode info = new ObjectMapper().readTree(cli.out());
        assertEquals(Set.of("tool", "format", "path", "uuid", "capacity_bytes", "block_size_bytes", "data_blocks",
                "free_blocks", "max_files", "files", "snapshot", "problems_seen"), fields(info));
        assertEquals(SNAPSHOT, info.get("snapshot").asText());
        assertEquals(2, info.get("files").asInt());
        assertEquals(0, info.get("problems_seen").size(), info.toString());

        assertEquals(0, cli.run("ls", container, "--json"), cli.err());
        JsonNode ls = new ObjectMapper().readTree(cli.out());
        assertEquals(Set.of("tool", "format", "files", "snapshot", "problems_seen"), fields(ls));
        assertEquals("a\nline", ls.get("files").get(0).get("name").asText());
        assertEquals(10_000, ls.get("files").get(1).get("size_bytes").asLong());

        assertEquals(0, cli.run("stat", container, "b", "--json"), cli.err());
        JsonNode stat = new ObjectMapper().readTree(cli.out());
        assertEquals(ls.get("files").get(1), stat.get("files").get(0), "ls and stat say the same of a file");
        assertEquals(SNAPSHOT, stat.get("snapshot").asText());
    }

    @Test
    void whatWouldChangeTheStoreIsStillRefused() {
        assertEquals(1, cli.run("rm", container, "b"));
        assertTrue(cli.err().contains("locked by another process"), cli.err());
        assertEquals(0, cli.run("ls", container), cli.err());
        assertTrue(cli.out().endsWith("b\n"), "nothing was removed: " + cli.out());
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }
}
