package org.daxstore.lucene.bench;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;

/**
 * What a merge does to the files beside running queries, on a thread of its own: writes a
 * segment-sized file (4 MiB), opens it and reads it as a reader would, deletes it while the
 * input is open (a merged-away segment's files are deleted while older readers read them),
 * then closes the input, which frees it; and again, every {@code pauseMillis}.
 */
final class FileChurn extends Thread {
    private static final int FILE_BYTES = 4 << 20;

    private final Directory dir;
    private final int pauseMillis;
    private final AtomicBoolean stop = new AtomicBoolean();
    private volatile long deleted;
    private volatile Throwable failure;

    FileChurn(Directory dir, int pauseMillis) {
        super("lucene-bench-file-churn");
        setDaemon(true);
        this.dir = dir;
        this.pauseMillis = pauseMillis;
    }

    @Override
    public void run() {
        byte[] chunk = new byte[64 << 10];
        try {
            for (long n = 0; !stop.get(); n++) {
                String name = "_churn" + n + ".cfs";
                try (IndexOutput out = dir.createOutput(name, IOContext.DEFAULT)) {
                    for (int written = 0; written < FILE_BYTES; written += chunk.length) {
                        out.writeBytes(chunk, chunk.length);
                    }
                }
                IndexInput in = dir.openInput(name, IOContext.DEFAULT);
                in.seek(FILE_BYTES / 2);
                in.readBytes(chunk, 0, 4096);
                dir.deleteFile(name);
                in.close();
                deleted = n + 1;
                Thread.sleep(pauseMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
    }

    /** Stops the thread, waits for it and returns how many files it deleted; throws what it failed with. */
    long stopAndCount() throws InterruptedException {
        stop.set(true);
        join();
        if (failure != null) {
            throw new IllegalStateException("the file churn beside the queries failed: " + failure, failure);
        }
        return deleted;
    }
}
