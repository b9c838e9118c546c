package org.daxstore.bench;

import static org.daxstore.bench.TestResults.throughput;
import static org.daxstore.bench.TestResults.timed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;

/** What report.md and the printed table say: the load verdict first, units, notes from the run's own numbers, rows left out. */
class ReportTest {
    private static final LoadVerdict BUSY = new LoadVerdict(LoadAverage.parse("8.0 6 4"), LoadAverage.parse("12.9 9 5"), 2);
    private static final LoadVerdict QUIET = new LoadVerdict(LoadAverage.parse("0.5 1 1"), LoadAverage.parse("1.1 1 1"), 2);

    private static final List<RunResult> RUNS = List.of(
            timed("FaultPathBench.viewLoad", Map.of("span", "32768"), 6),
            timed("FaultPathBench.rawLoad", Map.of("span", "32768"), 1),
            timed("SeqtexBench.accessSectionRead", Map.of(), 2.5),
            throughput("BulkCopyBench.viewRead", 17_000),
            throughput("BulkCopyBench.rawRead", 20_000));

    private static String write(Path dir, LoadVerdict load, RowSelection selection, String selectionText) throws IOException {
        RowValues values = new RowValues(RUNS);
        List<Ratio> rows = values.rows(selection);
        Report.Context context = new Report.Context("scripts/bench.sh --smoke", load, List.of("-Dx=1"), selectionText,
                RatioTarget.ALL.stream().filter(t -> !selection.covers(t)).toList());
        Report.write(dir, context, RUNS, rows, values::scoreText);
        Files.writeString(dir.resolve("ratios.txt"), Report.consoleTable(rows, context));
        return Files.readString(dir.resolve("report.md"));
    }

    @Test
    void aBusyRunSaysAtTheTopOfTheReportAndOfTheTableThatItsRatiosAreUnreliable(@TempDir Path dir) throws IOException {
        String report = write(dir, BUSY, RowSelection.ALL, "");
        assertTrue(report.lines().toList().get(2).startsWith("**UNRELIABLE: the load average (12.90) was above"), report);
        assertTrue(Files.readString(dir.resolve("ratios.txt")).startsWith("UNRELIABLE:"));
        assertTrue(Report.consoleTable(new RowValues(RUNS).rows(RowSelection.ALL),
                new Report.Context("c", BUSY, List.of(), "", List.of())).contains("UNRELIABLE"));
        String quiet = write(dir, QUIET, RowSelection.ALL, "");
        assertFalse(quiet.contains("UNRELIABLE"));
        assertTrue(quiet.contains("The load average (1.10) was within 1.5 per core, 3.0 on 2 cores"));
        assertTrue(Files.exists(dir.resolve("ratios.png")));
    }

    @Test
    void aBandwidthIsLabelledMegabytesASecondAndEveryScoreSaysWhatItsOperationIs(@TempDir Path dir) throws IOException {
        String report = write(dir, QUIET, RowSelection.ALL, "");
        String bulk = report.lines().filter(l -> l.startsWith("| BulkCopyBench.viewRead |")).findFirst().orElseThrow();
        assertTrue(bulk.contains("| 17000.000 |") && bulk.contains("| MB/s | a byte copied, in 1 MiB chunks |"), bulk);
        assertFalse(report.contains("ops/us"), "no bandwidth is labelled ops/us");
        String load = report.lines().filter(l -> l.startsWith("| FaultPathBench.viewLoad |")).findFirst().orElseThrow();
        assertTrue(load.endsWith("| ns/op | a call |"), load);
        String row = report.lines().filter(l -> l.contains("| BulkCopy.viewRead/rawRead |")).findFirst().orElseThrow();
        assertTrue(row.contains("| 17,000 MB/s | 20,000 MB/s |"), "the ratio table shows both sides in their units: " + row);
    }

    @Test
    void aMissIsExplainedWithTheRunsOwnNumbers(@TempDir Path dir) throws IOException {
        String report = write(dir, QUIET, RowSelection.ALL, "");
        String miss = report.lines().filter(l -> l.startsWith("| 1 | FaultPath.viewLoad/rawLoad@32768 |") && l.contains("3.00x"))
                .findFirst().orElseThrow();
        assertTrue(miss.contains("The view load took 6.00 ns/op against 1.00 ns/op"), miss);
        assertTrue(miss.contains("the 5.00 ns/op it adds"), miss);
        assertTrue(miss.contains("in this run: 2.50 ns/op"), "a score of another benchmark of the run: " + miss);
        assertFalse(miss.contains("{"), miss);
    }

    @Test
    void aNarrowedRunLeavesOutTheRowsItDidNotSelectAndSaysWhich(@TempDir Path dir) throws IOException {
        RowSelection faultPath = new RowSelection(List.of("FaultPath"), List.of());
        String report = write(dir, QUIET, faultPath, "benchmark regex `FaultPath`");
        assertTrue(report.contains("| FaultPath.viewLoad/rawLoad@32768 |"));
        assertFalse(report.contains("| BulkCopy.viewRead/rawRead |"), "a row of a benchmark not selected is left out");
        assertTrue(report.contains("rows none of whose benchmarks this run selected (benchmark regex `FaultPath`): "
                + "FaultCost.readFaultMapped/kernelFaultTmpfs"), report);
        assertTrue(report.contains("| FaultPath.viewLoad/rawLoad@67108864 | <= 2.5 (earlier <= 1.1) | "
                + "viewLoad ran only at 32768, not at 67108864 |"), "a selected row that did not run is n/a, and why");
        String table = Files.readString(dir.resolve("ratios.txt"));
        assertFalse(table.contains("BulkCopy"));
        assertTrue(table.contains("rows left out (benchmark regex `FaultPath`)"), table);
        assertEquals(RatioTarget.ALL.stream().filter(faultPath::covers).count(),
                table.lines().filter(l -> l.startsWith("FaultPath.")).count());
    }
}
