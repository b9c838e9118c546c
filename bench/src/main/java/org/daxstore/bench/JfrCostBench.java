package org.daxstore.bench;

import java.util.concurrent.TimeUnit;

import org.daxstore.DaxMapping;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import jdk.jfr.Recording;

/**
 * What daxstore's JFR events cost (issue 16), each path with and without a recording in the
 * same run: {@code *Off} in a JVM where JFR never starts (every other benchmark's case), and
 * {@code *Recording} in one where a recording runs with daxstore's fault and removal events
 * enabled (they are off in JFR's own settings). JMH forks a JVM per benchmark, so the recording
 * of one never reaches the other.
 *
 * <ul>
 *   <li>{@code hit*}: a load from a page whose translation is installed, at an address that
 *       moves every call over 32 KiB. The hit path holds no event code at all, so the two should
 *       match: what differs is JFR's own threads and its sampling of the JVM.</li>
 *   <li>{@code fault*}: a load from a hole, which faults every time (nothing is installed for
 *       it), {@value #PAGES} pages an invocation. Without a recording a fault makes no event
 *       object (one static load decides: {@code events.Recorder}); with one it makes, times and
 *       commits a {@code org.daxstore.Fault} event per fault.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class JfrCostBench {
    private static final int PAGE = 4096;
    private static final int PAGES = 256;
    private static final long HIT_SPAN = 32 << 10;
    /** An odd number of longs: the next address visits every long of the span before it repeats. */
    private static final long STRIDE = 7919L * Long.BYTES;

    private ViewedFile warm;
    private ViewedFile sparse;
    private DaxMapping hitView;
    private DaxMapping holeView;
    private long cursor;

    /** A recording of daxstore's events, in memory, started before the benchmark's first call. */
    @State(Scope.Benchmark)
    public static class FlightRecording {
        private Recording recording;

        @Setup(Level.Trial)
        public void start() {
            recording = new Recording();
            recording.enable("org.daxstore.Fault");
            recording.enable("org.daxstore.Removal");
            recording.setToDisk(false);
            recording.start();
        }

        @TearDown(Level.Trial)
        public void stop() {
            recording.close();
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        warm = ViewedFile.create("jfr-hit-", HIT_SPAN);
        hitView = warm.view();
        for (long o = 0; o < HIT_SPAN; o += PAGE) {
            hitView.putLong(o, o); // allocates and installs every page
        }
        sparse = ViewedFile.create("jfr-fault-", (long) PAGES * PAGE);
        sparse.file().truncate(0);
        sparse.file().truncate((long) PAGES * PAGE); // all holes again
        holeView = sparse.view();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        warm.close();
        sparse.close();
    }

    private long hit() {
        long c = cursor;
        cursor = (c + STRIDE) & (HIT_SPAN - Long.BYTES);
        return hitView.getLong(c);
    }

    private long faults() {
        long sum = 0;
        for (int p = 0; p < PAGES; p++) {
            sum += holeView.getLong((long) p * PAGE);
        }
        return sum;
    }

    @Benchmark
    public long hitOff() {
        return hit();
    }

    @Benchmark
    public long hitRecording(FlightRecording recording) {
        return hit();
    }

    @Benchmark
    @OperationsPerInvocation(PAGES)
    public long faultOff() {
        return faults();
    }

    @Benchmark
    @OperationsPerInvocation(PAGES)
    public long faultRecording(FlightRecording recording) {
        return faults();
    }
}
