package org.daxstore.cli.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.HdrHistogram.Histogram;
import org.daxstore.cli.workload.targets.Target;
import org.daxstore.cli.workload.targets.ThreadAccess;

/**
 * Runs one Java job: its threads open their accesses, wait for one another, warm up until a
 * common start, are measured until a common deadline (or for their count of operations), and
 * their histograms are merged once they have ended. The job's time runs from the start to the
 * end of its last thread.
 */
final class JobRunner {
    private final String name;
    private final String engine;
    private final Target target;
    private final WorkloadSpec spec;
    private final GridPoint point;
    private final BooleanSupplier stop;
    private final Loop[] workers;
    private final long[] begins;
    private final long[] ends;
    private final CountDownLatch ready;
    private final CountDownLatch go = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** The job's own copy of the loop's class (see {@link LoopLoader}). */
    private final LoopLoader loops = new LoopLoader();
    /** Written before {@link #go} opens, read after: the latch orders them. */
    private long start;

    private JobRunner(String name, String engine, Target target, WorkloadSpec spec, GridPoint point, BooleanSupplier stop) {
        this.name = name;
        this.engine = engine;
        this.target = target;
        this.spec = spec;
        this.point = point;
        this.stop = stop;
        this.workers = new Loop[point.threads()];
        this.begins = new long[point.threads()];
        this.ends = new long[point.threads()];
        this.ready = new CountDownLatch(point.threads());
    }

    /**
     * Runs the job.
     *
     * @return its result; a failed one (with the first thread's error) if any thread failed
     * @throws InterruptedException if this thread is interrupted while the job runs
     */
    static JobResult run(String name, String engine, Target target, WorkloadSpec spec, GridPoint point,
            BooleanSupplier stop) throws InterruptedException {
        return new JobRunner(name, engine, target, spec, point, stop).run();
    }

    private JobResult run() throws InterruptedException {
        SplittableRandom seeds = new SplittableRandom(spec.seed());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers.length; i++) {
            SplittableRandom random = seeds.split();
            int index = i;
            Thread thread = new Thread(() -> work(index, random), "workload-" + name.replace(' ', '-') + "-" + i);
            threads.add(thread);
            thread.start();
        }
        ready.await();
        start = System.nanoTime() + spec.warmup().toNanos();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        Throwable error = failure.get();
        if (error != null) {
            return JobResult.failed(name, engine, point, describe(error));
        }
        return result();
    }

    private void work(int index, SplittableRandom random) {
        ThreadAccess access = null;
        try {
            access = target.open(point.blockSize(), spec.writes());
            workers[index] = loops.newLoop(access, random, spec, point.blockSize());
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        } finally {
            ready.countDown();
        }
        try {
            go.await();
            Loop worker = workers[index];
            if (worker != null && failure.get() == null) {
                measure(index, worker);
            }
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        } catch (InterruptedException e) {
            failure.compareAndSet(null, e);
        } finally {
            if (access != null) {
                access.close();
            }
        }
    }

    private void measure(int index, Loop worker) {
        long now = System.nanoTime();
        if (now - start < 0) {
            worker.run(now, start, Long.MAX_VALUE, stop);
            worker.histogram().reset();
        }
        long begin = System.nanoTime();
        long deadline = spec.timed() ? begin + spec.time().toNanos() : begin + Long.MAX_VALUE / 2;
        long limit = spec.timed() ? Long.MAX_VALUE : spec.opsPerThread();
        begins[index] = begin;
        ends[index] = worker.run(begin, deadline, limit, stop);
        worker.finish();
    }

    private JobResult result() {
        Histogram all = new Histogram(Loop.HIGHEST_NANOS, Loop.DIGITS);
        List<ThreadResult> threads = new ArrayList<>();
        long ops = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < workers.length; i++) {
            Loop worker = workers[i];
            all.add(worker.histogram());
            ops += worker.done();
            first = Math.min(first, begins[i]);
            last = Math.max(last, ends[i]);
            threads.add(new ThreadResult(i, worker.done(), ends[i] - begins[i], LatencySummary.of(worker.histogram())));
        }
        return new JobResult(name, engine, point, ops, ops * point.blockSize(), last - first, LatencySummary.of(all),
                threads, null);
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return message != null ? message : error.toString();
    }
}
