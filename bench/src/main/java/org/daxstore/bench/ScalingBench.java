package org.daxstore.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.daxstore.DaxFile;
import org.daxstore.DaxMapping;
import org.daxstore.media.Memory;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Thread scaling of 4 KiB random reads and writes over one 64 MiB file (issue 14): through
 * {@link DaxFile#read}/{@link DaxFile#write} (positional I/O, a copy each) and through one view
 * shared by the threads ({@link DaxMapping#get}/{@link DaxMapping#put}), each on one thread and
 * on two. The score is the total over the threads, so the report's rows {@code ...2/...1} are
 * how many times one thread's IOPS two threads reach in the same run; the target, 1.8, allows a
 * tenth for the machine's own sharing (the memory bus, the second core's hyper-thread sibling,
 * the other engineers' builds), and no shared write per call: a call that writes a cache line
 * every thread writes (a lock's count, a shared counter) makes the line move between the cores
 * on every call, and two threads then barely beat one.
 *
 * <p>{@code raw*} do the same copies on a plain tmpfs file of the same size, mapped and reached
 * by address: what the machine itself gives two threads over one (its memory bus and shared
 * cache), against which the daxstore rows are read. The report shows their ratio beside the
 * targets.
 *
 * <p>The blocks are allocated and every page is written before measuring, so every call is a
 * hit: no block is allocated, and views' translations are warm. Each thread draws its offsets
 * from its own seeded sequence. With {@code -t N} JMH runs every method on N threads instead, so
 * compare methods of the same {@code @Threads} count only. On a machine of 2 cores the rows at 2
 * threads are the most that can be shown; at 16 and more what matters is the same property,
 * nothing shared written per call, which the 2-thread rows already test.
 */
@Operation("a 4 KiB random read or write, summed over the threads")
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ScalingBench {
    private static final long SPAN = 64L << 20;
    private static final int SIZE = 4096;
    private static final int OFFSETS = 1 << 14;

    private ViewedFile viewed;
    private RawMapping raw;
    private long rawAddress;
    private DaxFile file;
    private DaxMapping view;

    /** One thread's buffer and offsets, seeded by its index so that two threads touch different pages. */
    @State(Scope.Thread)
    public static class Cursor {
        final byte[] buffer = new byte[SIZE];
        final long[] offsets = new long[OFFSETS];
        int next;

        @Setup(Level.Trial)
        public void setUp(ThreadParams thread) {
            SplittableRandom random = new SplittableRandom(7 + thread.getThreadIndex());
            for (int i = 0; i < OFFSETS; i++) {
                offsets[i] = random.nextLong(SPAN / SIZE) * SIZE;
            }
            java.util.Arrays.fill(buffer, (byte) (1 + thread.getThreadIndex()));
        }

        long nextOffset() {
            return offsets[next++ & (OFFSETS - 1)];
        }
    }

    /**
     * The CPU time the thread spent in the iteration ({@code cpuNanos}), which the report divides
     * by the operations of all the threads: the CPU time of one operation. Unlike the throughput,
     * it does not depend on the cores being free: a line that both threads write costs each of
     * them cache misses whenever they run at once, and that shows as more CPU per operation on two
     * threads than on one (issue 14 measured 13% more), even on a machine so loaded that two
     * threads get no more CPU than one.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {
        private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
        public long cpuNanos;
        private long startedAt;

        @Setup(Level.Iteration)
        public void start() {
            cpuNanos = 0;
            startedAt = THREADS.getCurrentThreadCpuTime();
        }

        @TearDown(Level.Iteration)
        public void stop() {
            cpuNanos = THREADS.getCurrentThreadCpuTime() - startedAt;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        viewed = ViewedFile.create("scaling-", SPAN);
        file = viewed.file();
        view = viewed.view();
        byte[] page = new byte[SIZE];
        for (long o = 0; o < SPAN; o += SIZE) {
            view.put(o, page, 0, SIZE);
        }
        raw = RawMapping.create("scaling-raw-", SPAN);
        rawAddress = raw.address();
        for (long o = 0; o < SPAN; o += SIZE) {
            Memory.copyFromHeap(page, 0, rawAddress + o, SIZE);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        viewed.close();
        raw.close();
    }

    private byte[] positionalRead(Cursor cursor) {
        file.read(cursor.nextOffset(), cursor.buffer, 0, SIZE);
        return cursor.buffer;
    }

    private void positionalWrite(Cursor cursor) {
        file.write(cursor.nextOffset(), cursor.buffer, 0, SIZE);
    }

    private byte[] viewRead(Cursor cursor) {
        view.get(cursor.nextOffset(), cursor.buffer, 0, SIZE);
        return cursor.buffer;
    }

    private void viewWrite(Cursor cursor) {
        view.put(cursor.nextOffset(), cursor.buffer, 0, SIZE);
    }

    private byte[] rawRead(Cursor cursor) {
        Memory.copyToHeap(rawAddress + cursor.nextOffset(), cursor.buffer, 0, SIZE);
        return cursor.buffer;
    }

    private void rawWrite(Cursor cursor) {
        Memory.copyFromHeap(cursor.buffer, 0, rawAddress + cursor.nextOffset(), SIZE);
    }

    @Benchmark
    @Threads(1)
    public byte[] positionalRead1(Cursor cursor, CpuTime cpu) {
        return positionalRead(cursor);
    }

    @Benchmark
    @Threads(2)
    public byte[] positionalRead2(Cursor cursor, CpuTime cpu) {
        return positionalRead(cursor);
    }

    @Benchmark
    @Threads(1)
    public void positionalWrite1(Cursor cursor, CpuTime cpu) {
        positionalWrite(cursor);
    }

    @Benchmark
    @Threads(2)
    public void positionalWrite2(Cursor cursor, CpuTime cpu) {
        positionalWrite(cursor);
    }

    @Benchmark
    @Threads(1)
    public byte[] viewRead1(Cursor cursor, CpuTime cpu) {
        return viewRead(cursor);
    }

    @Benchmark
    @Threads(2)
    public byte[] viewRead2(Cursor cursor, CpuTime cpu) {
        return viewRead(cursor);
    }

    @Benchmark
    @Threads(1)
    public void viewWrite1(Cursor cursor, CpuTime cpu) {
        viewWrite(cursor);
    }

    @Benchmark
    @Threads(2)
    public void viewWrite2(Cursor cursor, CpuTime cpu) {
        viewWrite(cursor);
    }

    @Benchmark
    @Threads(1)
    public byte[] rawRead1(Cursor cursor, CpuTime cpu) {
        return rawRead(cursor);
    }

    @Benchmark
    @Threads(2)
    public byte[] rawRead2(Cursor cursor, CpuTime cpu) {
        return rawRead(cursor);
    }

    @Benchmark
    @Threads(1)
    public void rawWrite1(Cursor cursor, CpuTime cpu) {
        rawWrite(cursor);
    }

    @Benchmark
    @Threads(2)
    public void rawWrite2(Cursor cursor, CpuTime cpu) {
        rawWrite(cursor);
    }
}
