package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.daxstore.cli.workload.fio.FioTool;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code daxstore workload} run for real, tiny and seeded, in process: every access kind and
 * every baseline does exactly its count of operations on every thread, the JSON parses and has
 * every field the README documents, the CSV has its rows, the sweep draws its charts, and the
 * run's files go when it ends.
 */
class WorkloadRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> JAVA_JOBS = List.of("daxstore view", "daxstore scope", "daxstore positional", "raw mmap",
            "MappedByteBuffer", "FileChannel");

    @Test
    void everyAccessKindAndBaselineDoesItsCountOfOperations() throws Exception {
        try (CliSession cli = new CliSession("workload-run-")) {
            JsonNode run = json(cli, "--rw", "randrw", "--mix", "70", "--persist", "batch:7", "--threads", "2", "--ops", "300");
            List<String> names = new ArrayList<>();
            for (JsonNode job : run.get("jobs")) {
                names.add(job.get("name").asText());
                assertTrue(job.get("failure").isNull(), job.toString());
                assertEquals(600, job.get("ops").asLong(), job.get("name").asText());
                assertEquals(600L * 4096, job.get("bytes").asLong());
                assertEquals(2, job.get("per_thread").size());
                for (JsonNode thread : job.get("per_thread")) {
                    assertEquals(300, thread.get("ops").asLong());
                }
                JsonNode latency = job.get("latency_ns");
                assertTrue(latency.get("p50").asLong() <= latency.get("p99").asLong()
                        && latency.get("p99").asLong() <= latency.get("p99_9").asLong()
                        && latency.get("p99_9").asLong() <= latency.get("max").asLong(), latency.toString());
                assertEquals(20, job.get("cdf").size());
            }
            assertEquals(JAVA_JOBS, names);
            assertEquals(70, run.get("options").get("read_percent").asInt());
            assertEquals(List.of(), files(cli.dir()), "the run left files behind");
        }
    }

    @Test
    void sequentialPatternsPersistenceAndColdFilesRun() throws Exception {
        try (CliSession cli = new CliSession("workload-run-")) {
            for (String[] options : new String[][] {{"--rw", "write", "--persist", "each"}, {"--rw", "read", "--no-pretouch"},
                {"--rw", "randwrite", "--no-pretouch", "--block-size", "64k"}}) {
                List<String> args = new ArrayList<>(List.of(options));
                args.addAll(List.of("--ops", "100", "--bs", "64"));
                JsonNode run = json(cli, args.toArray(String[]::new));
                for (JsonNode job : run.get("jobs")) {
                    assertEquals(100, job.get("ops").asLong(), Arrays.toString(options) + " " + job);
                }
            }
        }
    }

    @Test
    void aDeviceThatIsANewFileIsTheContainerAndGoesAfterTheRun() throws Exception {
        try (CliSession cli = new CliSession("workload-run-")) {
            Path container = cli.dir().resolve("bench.dax");
            List<String> args = new ArrayList<>(List.of(args(cli, "--ops", "100", "--access", "view", "--baselines", "raw",
                    "--device", container.toString(), "--json")));
            int dir = args.indexOf("--dir");
            args.subList(dir, dir + 2).clear();
            assertEquals(0, cli.run(args.toArray(String[]::new)), cli.err());
            JsonNode run = JSON.readTree(cli.out());
            assertEquals(container.toString(), run.get("container").asText());
            assertEquals(List.of("daxstore view", "raw mmap"), names(run));
            assertEquals(List.of(), files(cli.dir()), "the container or the baseline's file was left behind");
        }
    }

    @Test
    void theJsonHasEveryDocumentedField() throws Exception {
        try (CliSession cli = new CliSession("workload-run-")) {
            JsonNode run = json(cli, "--ops", "50", "--access", "view", "--baselines", "channel");
            List<String> fields = documentedFields();
            assertTrue(fields.size() > 40, fields.toString());
            for (String field : fields) {
                assertTrue(has(run, field), "the JSON has no " + field + ": " + run);
            }
        }
    }

    @Test
    void theCsvHasARowPerJobAndPerThread() throws Exception {
        try (CliSession cli = new CliSession("workload-run-")) {
            Path csv = cli.dir().resolve("out.csv");
            assertEquals(0, cli.run(args(cli, "--ops", "50", "--threads", "2", "--access", "view,positional", "--baselines", "none",
                    "--csv", csv.toString())), cli.err());
            List<String> lines = Files.readAllLines(csv);
            assertEquals("name,engine,rw,bs,threads,thread,ops,seconds,iops,gb_per_s,p50_ns,p99_ns,p99_9_ns,max_ns,mean_ns,failure",
                    lines.get(0));
            assertEquals(1 + 2 * 3, lines.size(), lines.toString());
            assertTrue(lines.get(1).startsWith("daxstore view,daxstore,randread,4096,2,all,100,"), lines.get(1));
            assertTrue(lines.get(2).startsWith("daxstore view,daxstore,randread,4096,2,0,50,"), lines.get(2));
            assertTrue(lines.get(6).startsWith("daxstore positional,daxstore,randread,4096,2,1,50,"), lines.get(6));
            assertTrue(cli.out().contains("daxstore view "), cli.out());
        }
    }

    @Test
    void theSweepDrawsItsCharts() throws Exception {
        try (CliSession cli = new CliSession("workload-run-")) {
            Path charts = cli.dir().resolve("charts");
            assertEquals(0, cli.run(args(cli, "--ops", "100", "--access", "view", "--baselines", "raw", "--sweep", "threads=1,2",
                    "bs=64,4k", "--out", charts.toString())), cli.err());
            assertEquals(List.of("bandwidth-bs4k.png", "bandwidth-bs64.png", "latency-bs4k-threads1.png", "latency-bs4k-threads2.png",
                    "latency-bs64-threads1.png", "latency-bs64-threads2.png"), files(charts));
            for (String png : files(charts)) {
                byte[] head = Arrays.copyOf(Files.readAllBytes(charts.resolve(png)), 8);
                assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head, png);
            }
            assertTrue(cli.out().contains("charts: 6 PNG files in " + charts), cli.out());
            assertEquals(2 * 4, cli.out().lines().filter(l -> l.startsWith("daxstore view ") || l.startsWith("raw mmap ")).count(),
                    cli.out());
        }
    }

    @Test
    void fiosRowsStandBesideTheJavaJobsWhereFioIsInstalled() throws Exception {
        Assumptions.assumeTrue(FioTool.find(System.getenv()).isPresent(), "no fio on the PATH (apt-get install fio)");
        try (CliSession cli = new CliSession("workload-run-")) {
            List<String> args = new ArrayList<>(List.of(args(cli, "--ops", "2000", "--access", "view", "--baselines", "none",
                    "--json")));
            args.remove("--no-fio");
            // A negative seed, as most random ones are: fio refused one above Long.MAX_VALUE.
            args.set(args.indexOf("42"), "-7913192459842650580");
            assertEquals(0, cli.run(args.toArray(String[]::new)), cli.err() + cli.out());
            JsonNode run = JSON.readTree(cli.out());
            List<String> names = new ArrayList<>();
            for (JsonNode job : run.get("jobs")) {
                names.add(job.get("name").asText());
                assertEquals(2000, job.get("ops").asLong(), job.toString());
                assertTrue(job.get("latency_ns").get("p50").asLong() > 0, job.toString());
            }
            boolean pmem = "1".equals(System.getenv("PMEM_IS_PMEM_FORCE"));
            assertEquals(pmem ? List.of("daxstore view", "fio mmap", "fio psync", "fio libpmem")
                    : List.of("daxstore view", "fio mmap", "fio psync"), names);
            assertEquals("fio", run.get("jobs").get(1).get("engine").asText());
            assertEquals(0, run.get("jobs").get(1).get("per_thread").size());
            assertEquals(List.of(), files(cli.dir()), "fio's file was left behind");
        }
    }

    private static List<String> names(JsonNode run) {
        List<String> names = new ArrayList<>();
        run.get("jobs").forEach(job -> names.add(job.get("name").asText()));
        return names;
    }

    /** The run's JSON (the table's reader is a person; the JSON's is a script). */
    private static JsonNode json(CliSession cli, String... options) throws Exception {
        List<String> all = new ArrayList<>(List.of(options));
        all.add("--json");
        int status = cli.run(args(cli, all.toArray(String[]::new)));
        assertEquals(0, status, cli.err() + cli.out());
        JsonNode run = JSON.readTree(cli.out());
        assertFalse(run.get("jobs").isEmpty());
        return run;
    }

    /** {@code workload} with {@code options}, a tiny file, no warm-up, no fio, a fixed seed, in the session's directory. */
    static String[] args(CliSession cli, String... options) {
        List<String> args = new ArrayList<>(List.of("workload", "--size", "64k", "--warmup", "0", "--no-fio", "--seed", "42",
                "--dir", cli.dir().toString()));
        args.addAll(List.of(options));
        if (!args.contains("--bs") && !args.contains("--sweep")) {
            args.addAll(List.of("--bs", "4k"));
        }
        return args.toArray(String[]::new);
    }

    /**
     * The fields README.md's table lists (between its {@code workload-json} markers): each
     * backquoted path of a row's first cell; {@code .name} after a path is its sibling.
     */
    static List<String> documentedFields() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String table = readme.substring(readme.indexOf("<!-- workload-json:start -->"), readme.indexOf("<!-- workload-json:end -->"));
        List<String> fields = new ArrayList<>();
        for (String row : table.split("\n")) {
            if (!row.startsWith("| `")) {
                continue;
            }
            String cell = row.substring(2, row.indexOf(" |", 2));
            Matcher paths = java.util.regex.Pattern.compile("`([^`]+)`").matcher(cell);
            String previous = null;
            while (paths.find()) {
                String path = paths.group(1);
                if (path.startsWith(".")) {
                    path = previous.substring(0, previous.lastIndexOf('.')) + path;
                }
                fields.add(path);
                previous = path;
            }
        }
        return fields;
    }

    /** Whether {@code path} (dots between names, {@code []} for every element of an array) is in {@code node}. */
    static boolean has(JsonNode node, String path) {
        int dot = path.indexOf('.');
        String head = dot < 0 ? path : path.substring(0, dot);
        String rest = dot < 0 ? null : path.substring(dot + 1);
        boolean each = head.endsWith("[]");
        String name = each ? head.substring(0, head.length() - 2) : head;
        if (!node.has(name)) {
            return false;
        }
        if (rest == null) {
            return true;
        }
        JsonNode child = node.get(name);
        if (!each) {
            return has(child, rest);
        }
        for (JsonNode element : child) {
            if (!(element.has("failure") && !element.get("failure").isNull()) && !has(element, rest)) {
                return false;
            }
        }
        return !child.isEmpty();
    }

    static List<String> files(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
