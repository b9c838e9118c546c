package org.daxstore.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class SeqtexTest {

    @Test
    void readUnlockReportsAnOverlappingWriteSection() {
        Seqtex seqtex = new Seqtex();
        long s = seqtex.readLock();
        assertFalse(seqtex.readUnlock(s), "no writer: the section is valid");
        seqtex.writeLock();
        assertTrue(seqtex.readUnlock(s), "a writer started: retry");
        seqtex.writeUnlock();
        assertTrue(seqtex.readUnlock(s), "a writer came and went: retry");
        long next = seqtex.readLock();
        assertEquals(s + 2, next);
        assertFalse(seqtex.readUnlock(next));
    }

    @Test
    void writersAreSerialisedByTheCallerAndMisuseIsRefused() {
        Seqtex seqtex = new Seqtex();
        assertThrows(IllegalStateException.class, seqtex::writeUnlock);
        seqtex.writeLock();
        assertThrows(IllegalStateException.class, seqtex::writeLock);
        seqtex.writeUnlock();
        seqtex.close();
        assertTrue(seqtex.isClosed());
        assertThrows(IllegalStateException.class, seqtex::readLock);
        assertThrows(IllegalStateException.class, seqtex::writeLock);
    }

    /** Invariant 6: a reader behind a writer held for a second parks and burns no CPU meanwhile. */
    @Test
    void aReaderBehindALongWriterParksWithoutBurningCpu() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Seqtex seqtex = new Seqtex();
        seqtex.writeLock();
        AtomicLong cpuNanos = new AtomicLong(-1);
        AtomicLong seen = new AtomicLong(-1);
        CountDownLatch started = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            long before = threads.getCurrentThreadCpuTime();
            started.countDown();
            seen.set(seqtex.readLock());
            cpuNanos.set(threads.getCurrentThreadCpuTime() - before);
        });
        reader.start();
        started.await();
        Thread.sleep(1_000);
        assertEquals(Thread.State.WAITING, reader.getState(), "the reader is parked, not spinning");
        seqtex.writeUnlock();
        reader.join(5_000);
        assertEquals(2, seen.get(), "the reader got the sequence after the write");
        assertTrue(cpuNanos.get() >= 0 && cpuNanos.get() < 100_000_000L,
                "the reader used " + cpuNanos.get() / 1_000_000 + " ms of CPU while waiting a second");
    }

    /** No lost wake-up: readers and a writer hammer one seqtex; every reader must finish. */
    @Test
    void noReaderIsLeftParked() throws Exception {
        Seqtex seqtex = new Seqtex();
        int readers = 4;
        int rounds = 20_000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] threads = new Thread[readers + 1];
        for (int r = 0; r < readers; r++) {
            threads[r] = new Thread(() -> {
                for (int i = 0; i < rounds; i++) {
                    long s = seqtex.readLock();
                    if ((s & 1) != 0) {
                        failure.compareAndSet(null, new AssertionError("readLock returned odd " + s));
                    }
                    seqtex.readUnlock(s);
                }
            });
        }
        threads[readers] = new Thread(() -> {
            for (int i = 0; i < rounds; i++) {
                seqtex.writeLock();
                if (i % 64 == 0) {
                    Thread.yield();
                }
                seqtex.writeUnlock();
            }
        });
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(t.isAlive(), "a thread is stuck: " + t.getState() + " (lost wake-up)");
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    /** A reader's data read during a write section is always caught by readUnlock. */
    @Test
    void readersNeverAcceptATornPair() throws Exception {
        Seqtex seqtex = new Seqtex();
        long[] pair = new long[2];
        AtomicReference<String> torn = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            for (long i = 1; i <= 200_000; i++) {
                seqtex.writeLock();
                pair[0] = i;
                pair[1] = -i;
                seqtex.writeUnlock();
            }
        });
        Thread reader = new Thread(() -> {
            while (writer.isAlive()) {
                long s = seqtex.readLock();
                long a = pair[0];
                long b = pair[1];
                if (!seqtex.readUnlock(s) && a != -b) {
                    torn.compareAndSet(null, a + " / " + b);
                }
            }
        });
        writer.start();
        reader.start();
        writer.join();
        reader.join();
        assertEquals(null, torn.get(), "a validated read saw a torn pair");
    }
}
