package org.daxstore.lucene.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.util.IOUtils;
import org.daxstore.StoreOptions;
import org.daxstore.lucene.DaxDirectory;

/**
 * The Lucene benchmark: the same generated corpus (fixed seed) indexed into a DaxDirectory, an
 * MMapDirectory on tmpfs and a ByteBuffersDirectory, in one JVM, one after the other; then the
 * same term, phrase, boolean and sorted queries on each, in rounds that rotate the order of
 * the directories, single-threaded, with the query cache off (so that each query reads the
 * index); then one more pass with a thread beside the queries that writes, reads and deletes
 * segment-sized files in the same directory (as a merge's deletes of merged-away files do).
 * Writes a Markdown report. Run it through {@code scripts/lucene-bench.sh}.
 */
public final class LuceneBench {
    private static final Sort BY_RANK = new Sort(new SortField("rank", SortField.Type.LONG));
    private static final double[] PERCENTILES = {0.50, 0.99, 0.999};
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** One directory under test and what was measured on it. */
    static final class Target {
        final String name;
        final Directory dir;
        double indexDocsPerSecond;
        /** Documents per second of the indexing thread's CPU time (merges run on it too): less of the machine's load in it than in the wall time. */
        double indexDocsPerCpuSecond;
        long indexBytes;
        DirectoryReader reader;
        IndexSearcher searcher;
        final Map<Queries.Kind, List<long[]>> rounds = new EnumMap<>(Queries.Kind.class);
        final Map<Queries.Kind, long[]> withDeletes = new EnumMap<>(Queries.Kind.class);
        long churnDeletes;

        Target(String name, Directory dir) {
            this.name = name;
            this.dir = dir;
        }
    }

    private LuceneBench() {
    }

    public static void main(String[] args) throws Exception {
        int docs = 1_000_000;
        long seed = 42;
        int queries = 2000;
        int rounds = 3;
        int churnMillis = 20;
        Path base = Path.of("/dev/shm");
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--docs": docs = Integer.parseInt(args[++i]); break;
                case "--seed": seed = Long.parseLong(args[++i]); break;
                case "--queries": queries = Integer.parseInt(args[++i]); break;
                case "--rounds": rounds = Integer.parseInt(args[++i]); break;
                case "--churn-ms": churnMillis = Integer.parseInt(args[++i]); break;
                case "--dir": base = Path.of(args[++i]); break;
                case "--out": out = Path.of(args[++i]); break;
                default: throw new IllegalArgumentException("lucene-bench: unknown argument " + args[i]
                        + " (known: --docs N --seed S --queries N --rounds N --churn-ms MS --dir PATH --out DIR)");
            }
        }
        String loadBefore = loadAverage();
        Instant started = Instant.now();
        if (out == null) {
            out = Path.of("bench", "results", DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started) + "-lucene");
        }
        Path work = Files.createTempDirectory(base, "lucene-bench-");
        log("corpus: " + docs + " documents, seed " + seed + "; work in " + work);
        Corpus corpus = new Corpus(docs, seed);
        List<Target> targets = List.of(
                new Target("DaxDirectory", DaxDirectory.open(work.resolve("index.dax"),
                        StoreOptions.capacity(16L << 30).withMaxFiles(16384))),
                new Target("MMapDirectory", new MMapDirectory(Files.createDirectory(work.resolve("mmap")))),
                new Target("ByteBuffersDirectory", new ByteBuffersDirectory()));
        try {
            int warm = Math.min(docs, 100_000);
            for (Target t : targets) {
                log("warm-up: indexing " + warm + " documents into " + t.name);
                index(t, corpus, warm);
            }
            for (Target t : targets) {
                long cpu = THREADS.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                index(t, corpus, docs);
                t.indexDocsPerSecond = docs / ((System.nanoTime() - start) / 1e9);
                t.indexDocsPerCpuSecond = docs / ((THREADS.getCurrentThreadCpuTime() - cpu) / 1e9);
                for (String f : t.dir.listAll()) {
                    t.indexBytes += t.dir.fileLength(f);
                }
                log(String.format(Locale.ROOT, "%s: %.0f docs/s (%.0f per CPU second), index %d MB", t.name, t.indexDocsPerSecond,
                        t.indexDocsPerCpuSecond, t.indexBytes >> 20));
                t.reader = DirectoryReader.open(t.dir);
                t.searcher = new IndexSearcher(t.reader);
                t.searcher.setQueryCache(null);
            }
            Map<Queries.Kind, List<Query>> sets = new EnumMap<>(Queries.Kind.class);
            for (Queries.Kind kind : Queries.Kind.values()) {
                sets.put(kind, Queries.make(kind, corpus, queries, seed));
            }
            String hits = checkSameHits(targets, sets);
            for (Target t : targets) {
                log("warm-up: queries on " + t.name);
                for (Queries.Kind kind : Queries.Kind.values()) {
                    run(t, kind, sets.get(kind));
                }
            }
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < targets.size(); k++) {
                    Target t = targets.get((k + r) % targets.size());
                    for (Queries.Kind kind : Queries.Kind.values()) {
                        t.rounds.computeIfAbsent(kind, x -> new ArrayList<>()).add(run(t, kind, sets.get(kind)));
                    }
                }
                log("round " + (r + 1) + " of " + rounds + " done");
            }
            for (Target t : targets) {
                FileChurn churn = new FileChurn(t.dir, churnMillis);
                churn.start();
                try {
                    for (Queries.Kind kind : Queries.Kind.values()) {
                        t.withDeletes.put(kind, run(t, kind, sets.get(kind)));
                    }
                } finally {
                    t.churnDeletes = churn.stopAndCount();
                }
                log(t.name + ": queries with deletes running beside them done (" + t.churnDeletes + " files deleted)");
            }
            String loadAfter = loadAverage();
            Files.createDirectories(out);
            Path report = out.resolve("report.md");
            Files.writeString(report, Report.markdown(targets, docs, warm, seed, queries, rounds, churnMillis, hits,
                    System.getProperty("lucene.bench.command", "LuceneBench " + String.join(" ", args)),
                    started, loadBefore, loadAfter, Queries.Kind.values(), PERCENTILES));
            log("report: " + report);
            System.out.println(Files.readString(report));
        } finally {
            for (Target t : targets) {
                if (t.reader != null) {
                    t.reader.close();
                }
                t.dir.close();
            }
            IOUtils.rm(work);
        }
    }

    /** Indexes the first {@code n} documents into a new index in {@code t}, replacing what it held, and commits. */
    private static void index(Target t, Corpus corpus, int n) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setMaxBufferedDocs(50_000)
                .setRAMBufferSizeMB(IndexWriterConfig.DISABLE_AUTO_FLUSH)
                .setMergeScheduler(new SerialMergeScheduler());
        try (IndexWriter writer = new IndexWriter(t.dir, config)) {
            Document doc = new Document();
            StringField id = new StringField("id", "", Field.Store.YES);
            TextField body = new TextField("body", "", Field.Store.NO);
            NumericDocValuesField rank = new NumericDocValuesField("rank", 0);
            doc.add(id);
            doc.add(body);
            doc.add(rank);
            for (int d = 0; d < n; d++) {
                id.setStringValue(Integer.toString(d));
                body.setStringValue(corpus.body(d));
                rank.setLongValue(corpus.ranks[d]);
                writer.addDocument(doc);
            }
            writer.commit();
        }
    }

    /** Runs every query once on {@code t}; returns the latency of each, in ns. */
    static long[] run(Target t, Queries.Kind kind, List<Query> queries) throws IOException {
        long[] nanos = new long[queries.size()];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            search(t, kind, queries.get(i));
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    private static long search(Target t, Queries.Kind kind, Query q) throws IOException {
        if (kind == Queries.Kind.SORTED) {
            return t.searcher.search(q, 10, BY_RANK).totalHits.value;
        }
        return t.searcher.search(q, 10).totalHits.value;
    }

    /** Checks that every directory gives the same hit counts (the same index, read right); returns them, for the report. */
    private static String checkSameHits(List<Target> targets, Map<Queries.Kind, List<Query>> sets) throws IOException {
        StringBuilder summary = new StringBuilder();
        for (Queries.Kind kind : Queries.Kind.values()) {
            long[] first = null;
            for (Target t : targets) {
                long[] counts = new long[sets.get(kind).size()];
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = search(t, kind, sets.get(kind).get(i));
                }
                if (first == null) {
                    first = counts;
                } else if (!Arrays.equals(first, counts)) {
                    throw new IllegalStateException(t.name + " gives other hit counts than " + targets.get(0).name + " for the "
                            + kind + " queries");
                }
            }
            summary.append(String.format(Locale.ROOT, "%s %d hits in all; ", kind.name().toLowerCase(Locale.ROOT),
                    Arrays.stream(first).sum()));
        }
        return summary.toString();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static void log(String line) {
        System.err.println("lucene-bench: " + line);
    }
}
