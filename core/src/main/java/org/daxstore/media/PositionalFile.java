package org.daxstore.media;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;

import org.daxstore.StoreIOException;

/**
 * A container file's descriptor, read and written so that {@link Thread#interrupt} cannot close
 * it. A {@link FileChannel} is an interruptible channel: a call on it by a thread that is
 * interrupted (before or during the call) closes the channel, and so the descriptor, which drops
 * this process's record lock on the file, the lock that keeps other processes out of a store; the
 * store's next read or write then fails, with a message of "null". {@link RandomAccessFile}'s own
 * reads and writes are plain {@code read}/{@code write} calls that an interrupt does not touch:
 * every read and write goes through them here (after a {@code seek}, under this object's lock,
 * since the file has one position).
 *
 * <p>The channel is used only for what has no other way in the JDK, locking and mapping, which
 * a store does while it opens, never afterwards; the calling thread's interrupt status is
 * cleared for the call and set again after it ({@link #uninterrupted}). An interrupt from another
 * thread that lands during such a call still closes the channel: the call then throws a
 * {@link StoreIOException} saying so, and the open that made it fails and releases everything.
 */
public final class PositionalFile implements AutoCloseable {
    private final RandomAccessFile file;
    private final Path path;

    private PositionalFile(RandomAccessFile file, Path path) {
        this.file = file;
        this.path = path;
    }

    /** Opens the existing file at {@code path}, for reading and writing if {@code writable}. */
    public static PositionalFile open(Path path, boolean writable) throws IOException {
        return new PositionalFile(new RandomAccessFile(path.toFile(), writable ? "rw" : "r"), path);
    }

    /**
     * Reads up to {@code length} bytes at {@code position} into {@code dst} from {@code at}: fewer
     * only where the file ends. Returns how many.
     */
    public synchronized int read(long position, byte[] dst, int at, int length) throws IOException {
        file.seek(position);
        int done = 0;
        while (done < length) {
            int n = file.read(dst, at + done, length - done);
            if (n < 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    /** Writes {@code length} bytes of {@code src} from {@code at} at {@code position}. */
    public synchronized void write(long position, byte[] src, int at, int length) throws IOException {
        file.seek(position);
        file.write(src, at, length);
    }

    public long length() throws IOException {
        return file.length();
    }

    public void setLength(long length) throws IOException {
        file.setLength(length);
    }

    /**
     * Tries to lock the whole file (a POSIX record lock, the process's), shared or exclusive.
     *
     * @return the lock, or null if another process holds a conflicting one
     * @throws OverlappingFileLockException if another channel of this JVM holds one
     */
    public FileLock tryLock(boolean shared) throws IOException {
        return uninterrupted("locking", () -> file.getChannel().tryLock(0, Long.MAX_VALUE, shared));
    }

    /** Releases {@code lock}, one of this file's. */
    public void release(FileLock lock) throws IOException {
        uninterrupted("unlocking", () -> {
            lock.release();
            return null;
        });
    }

    /** Maps {@code [position, position + length)} (see {@link FileChannel#map}). */
    MappedChunk map(FileChannel.MapMode mode, long position, long length) throws IOException {
        return uninterrupted("mapping", () -> MappedChunk.map(file.getChannel(), mode, position, length));
    }

    /** A channel call that may fail with an {@link IOException}. */
    private interface ChannelCall<T> {
        T call() throws IOException;
    }

    /** Makes {@code call} with this thread's interrupt status cleared, and sets it again after. */
    private <T> T uninterrupted(String what, ChannelCall<T> call) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            return call.call();
        } catch (ClosedByInterruptException e) {
            interrupted = true;
            throw new StoreIOException(path + ": interrupted while " + what + " the container (Thread.interrupt"
                    + " during the call closed its channel): nothing was written; the interrupt status is set", e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Closes the descriptor, which releases every lock taken through it. */
    @Override
    public void close() throws IOException {
        file.close();
    }
}
