package org.daxstore.lucene.bench;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The benchmark's Markdown report: indexing, query latencies and throughput, and the same with deletes beside the queries, each directory beside MMapDirectory. */
final class Report {
    private static final String BASELINE = "MMapDirectory";

    private Report() {
    }

    static String markdown(List<LuceneBench.Target> targets, int docs, int warm, long seed, int queries, int rounds, int churnMillis,
            String hits, String command, Instant started, String loadBefore, String loadAfter, Queries.Kind[] kinds,
            double[] percentiles) {
        LuceneBench.Target baseline = targets.stream().filter(t -> t.name.equals(BASELINE)).findFirst().orElseThrow();
        StringBuilder b = new StringBuilder();
        b.append("# Lucene on daxstore: DaxDirectory beside MMapDirectory (tmpfs) and ByteBuffersDirectory\n\n");
        b.append("- command: `").append(command).append("`\n");
        b.append("- started: ").append(started).append(", JDK ").append(System.getProperty("java.version"))
                .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores\n");
        b.append("- load average (1, 5, 15 min; /proc/loadavg) before: `").append(loadBefore).append("`, after: `")
                .append(loadAfter).append("`\n");
        b.append(String.format(Locale.ROOT, "- corpus: %,d generated documents of 8 to 16 words (vocabulary %,d, skewed), seed %d;"
                + " one thread indexes (50,000 documents a segment, serial merges, then a commit), after a warm-up of %,d\n",
                docs, Corpus.VOCABULARY, seed, warm));
        b.append(String.format(Locale.ROOT, "- queries: %,d of each kind, one thread, query cache off, top 10; %d rounds, each directory's"
                + " place in the order rotating each round, after a warm-up pass; the same hit counts on every directory (%s)\n",
                queries, rounds, hits.trim()));
        b.append(String.format(Locale.ROOT, "- with deletes: one more pass of each kind while a thread writes a 4 MiB file, reads it,"
                + " deletes it while its input is open and closes the input, every %d ms\n\n", churnMillis));

        b.append("## Indexing\n\nDocuments per second of wall time, and per second of the indexing thread's CPU time (the"
                + " merges run on it too; on a loaded machine the wall time also counts the time the thread waited for a core)."
                + "\n\n| directory | docs/s | vs MMapDirectory | docs per CPU second | vs MMapDirectory | index size |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        for (LuceneBench.Target t : targets) {
            b.append(String.format(Locale.ROOT, "| %s | %,.0f | %.2fx | %,.0f | %.2fx | %,d MiB |\n", t.name, t.indexDocsPerSecond,
                    t.indexDocsPerSecond / baseline.indexDocsPerSecond, t.indexDocsPerCpuSecond,
                    t.indexDocsPerCpuSecond / baseline.indexDocsPerCpuSecond, t.indexBytes >> 20));
        }

        b.append("\n## Queries\n\nLatency of one query in microseconds, all rounds together; throughput is queries per second of"
                + " query time (one thread); the ratio is against MMapDirectory, its mean over the rounds and, in brackets, the"
                + " lowest and highest round.\n\n");
        b.append("| query | directory | p50 µs | p99 µs | p99.9 µs | queries/s | vs MMapDirectory [rounds] |\n|---|---|---:|---:|---:|---:|---|\n");
        double[] totalSeconds = new double[targets.size()];
        for (Queries.Kind kind : kinds) {
            for (int i = 0; i < targets.size(); i++) {
                LuceneBench.Target t = targets.get(i);
                long[] all = pooled(t.rounds.get(kind));
                totalSeconds[i] += sum(all) / 1e9;
                double[] ratios = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    ratios[r] = (double) sum(baseline.rounds.get(kind).get(r)) / sum(t.rounds.get(kind).get(r));
                }
                b.append(String.format(Locale.ROOT, "| %s | %s | %s | %,.0f | %.2fx [%.2f, %.2f] |\n",
                        kind.name().toLowerCase(Locale.ROOT), t.name, percentileCells(all, percentiles),
                        all.length / (sum(all) / 1e9), Arrays.stream(ratios).average().orElse(0),
                        Arrays.stream(ratios).min().orElse(0), Arrays.stream(ratios).max().orElse(0)));
            }
        }
        int baseIndex = targets.indexOf(baseline);
        b.append("\nAll four kinds together, query time against MMapDirectory's (higher is faster):");
        for (int i = 0; i < targets.size(); i++) {
            b.append(String.format(Locale.ROOT, " %s %.2fx;", targets.get(i).name, totalSeconds[baseIndex] / totalSeconds[i]));
        }
        b.append("\n\n## Queries with deletes beside them\n\n| query | directory | p99.9 µs without | p99.9 µs with deletes |"
                + " p50 µs with deletes | files deleted in the pass |\n|---|---|---:|---:|---:|---:|\n");
        for (Queries.Kind kind : kinds) {
            for (LuceneBench.Target t : targets) {
                long[] without = pooled(t.rounds.get(kind));
                long[] with = t.withDeletes.get(kind).clone();
                Arrays.sort(with);
                b.append(String.format(Locale.ROOT, "| %s | %s | %,.1f | %,.1f | %,.1f | %s |\n", kind.name().toLowerCase(Locale.ROOT),
                        t.name, percentile(without, 0.999) / 1e3, percentile(with, 0.999) / 1e3, percentile(with, 0.5) / 1e3,
                        kind == kinds[0] ? String.format(Locale.ROOT, "%,d (all kinds)", t.churnDeletes) : ""));
            }
        }
        b.append("\n## Targets\n\n");
        for (LuceneBench.Target t : targets) {
            if (t.name.equals("DaxDirectory")) {
                double index = t.indexDocsPerSecond / baseline.indexDocsPerSecond;
                double query = totalSeconds[baseIndex] / totalSeconds[targets.indexOf(t)];
                double cpu = t.indexDocsPerCpuSecond / baseline.indexDocsPerCpuSecond;
                b.append(String.format(Locale.ROOT, "- indexing, DaxDirectory >= 0.9x MMapDirectory: %.2fx in wall time, %s;"
                        + " %.2fx in CPU time, %s\n", index, index >= 0.9 ? "met" : "missed", cpu, cpu >= 0.9 ? "met" : "missed"));
                b.append(String.format(Locale.ROOT, "- query throughput (all kinds), DaxDirectory >= 0.9x MMapDirectory: %.2fx, %s\n",
                        query, query >= 0.9 ? "met" : "missed"));
            }
        }
        return b.toString();
    }

    private static String percentileCells(long[] sorted, double[] percentiles) {
        StringBuilder cells = new StringBuilder();
        for (double p : percentiles) {
            if (cells.length() > 0) {
                cells.append(" | ");
            }
            cells.append(String.format(Locale.ROOT, "%,.1f", percentile(sorted, p) / 1e3));
        }
        return cells.toString();
    }

    /** All rounds' latencies in one sorted array. */
    private static long[] pooled(List<long[]> rounds) {
        long[] all = rounds.stream().flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return all;
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }
}
