package org.daxstore.cli.workload.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import org.daxstore.cli.workload.CdfPoint;
import org.daxstore.cli.workload.GridPoint;
import org.daxstore.cli.workload.JobResult;
import org.daxstore.cli.workload.RunResult;
import org.daxstore.cli.workload.Units;

/**
 * {@code --out DIR}: for every block size of the run, bandwidth against threads
 * ({@code bandwidth-bs<size>.png}, a line per job), and for every grid point the latency CDF
 * ({@code latency-bs<size>-threads<n>.png}: the share of operations at or below each latency, on
 * a logarithmic latency axis, a line per job, fio's from the percentiles it reported). Failed
 * jobs are left out. Each chart has a title, axes with units and a legend.
 */
public final class Charts {
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 560;

    private Charts() {
    }

    /**
     * Draws the charts of {@code run} into {@code dir}, creating it.
     *
     * @return the files written
     * @throws IOException if the directory or a file cannot be written
     */
    public static List<Path> write(RunResult run, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true"); // no display needed, or wanted, to draw a PNG
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        String pattern = run.spec().pattern().fioName();
        for (int blockSize : run.spec().blockSizes()) {
            written.add(save(bandwidth(run, blockSize, pattern), dir.resolve("bandwidth-bs" + Units.option(blockSize) + ".png")));
        }
        for (GridPoint point : run.spec().points()) {
            written.add(save(latency(run, point, pattern),
                    dir.resolve("latency-bs" + Units.option(point.blockSize()) + "-threads" + point.threads() + ".png")));
        }
        return written;
    }

    private static XYChart bandwidth(RunResult run, int blockSize, String pattern) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Bandwidth against threads: " + pattern + ", " + Units.bytes(blockSize) + " blocks")
                .xAxisTitle("threads").yAxisTitle("bandwidth (GB/s, 10^9 bytes a second)").build();
        style(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisMin(0.0); // from zero, so that a line's height reads as its bandwidth
        Map<String, List<JobResult>> byJob = new LinkedHashMap<>();
        for (JobResult job : run.jobs()) {
            if (job.point().blockSize() == blockSize && !job.isFailed()) {
                byJob.computeIfAbsent(job.name(), name -> new ArrayList<>()).add(job);
            }
        }
        byJob.forEach((name, jobs) -> chart.addSeries(name,
                jobs.stream().mapToDouble(j -> j.point().threads()).toArray(),
                jobs.stream().mapToDouble(JobResult::gigabytesPerSecond).toArray()).setMarker(SeriesMarkers.CIRCLE));
        return chart;
    }

    private static XYChart latency(RunResult run, GridPoint point, String pattern) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Latency CDF: " + pattern + ", " + Units.bytes(point.blockSize()) + " blocks, " + point.threads()
                        + (point.threads() == 1 ? " thread" : " threads"))
                .xAxisTitle("latency (ns, logarithmic)").yAxisTitle("operations at or below it (%)").build();
        style(chart);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(100.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        for (JobResult job : run.jobs()) {
            if (job.point().equals(point) && !job.isFailed()) {
                List<CdfPoint> cdf = job.latency().cdf();
                chart.addSeries(job.name(), cdf.stream().mapToDouble(p -> Math.max(1, p.nanos())).toArray(),
                        cdf.stream().mapToDouble(CdfPoint::percentile).toArray()).setMarker(SeriesMarkers.NONE);
            }
        }
        return chart;
    }

    private static void style(XYChart chart) {
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Line);
    }

    private static Path save(XYChart chart, Path png) throws IOException {
        if (chart.getSeriesCollection().isEmpty()) {
            // XChart cannot draw a chart without a series: say so on the chart's axes instead
            chart.addSeries("no job finished", new double[] {1}, new double[] {0});
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        return png;
    }
}
