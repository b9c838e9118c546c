package org.daxstore.harness.exercise;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import org.daxstore.nativebridge.LibC;
import org.daxstore.nativebridge.NativeFile;

/**
 * One plain file of the {@link KernelOracle}, changed only by the kernel's own calls: positional
 * I/O through a {@link FileChannel}, {@code ftruncate}, {@code fallocate}, a
 * {@link java.nio.MappedByteBuffer mapping} for mapped accesses and their {@code msync}. Where the kernel
 * refuses what the store accepts, the class header of {@link KernelOracle} says how the call is
 * mapped; this class carries the mapping out.
 */
final class KernelFile implements OracleFile, AutoCloseable {
    private final RandomAccessFile file;
    private final FileChannel channel;
    private final NativeFile fallocator;
    private final MappedWindow window;
    private final boolean zeroRangeSupported;

    /** Opens the existing plain file at {@code path}. */
    KernelFile(Path path, boolean zeroRangeSupported) {
        this.zeroRangeSupported = zeroRangeSupported;
        try {
            this.file = new RandomAccessFile(path.toFile(), "rw");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.channel = file.getChannel();
        this.fallocator = new NativeFile(path);
        this.window = new MappedWindow(channel);
    }

    @Override
    public long size() {
        try {
            return channel.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code pread} until {@code length} bytes or the end: -1 if {@code position} is at or past the end. */
    @Override
    public int read(long position, byte[] dst, int length) {
        try {
            int done = 0;
            while (done < length) {
                int n = channel.read(ByteBuffer.wrap(dst, done, length - done), position + done);
                if (n < 0) {
                    break;
                }
                done += n;
            }
            return done == 0 && length > 0 ? -1 : done;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(long position, byte[] src, int length) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(src, 0, length);
            while (bytes.hasRemaining()) {
                channel.write(bytes, position + bytes.position());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void mappedRead(long position, byte[] dst, int length) {
        window.covering(position + length, size()).get((int) position, dst, 0, length);
    }

    @Override
    public void mappedWrite(long position, byte[] src, int length) {
        window.covering(position + length, size()).put((int) position, src, 0, length);
    }

    /** {@code ftruncate}; a mapping past the new end is dropped first. */
    @Override
    public void truncate(long newSize) {
        window.shrinkingTo(newSize);
        try {
            file.setLength(newSize);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code fallocate(PUNCH_HOLE | KEEP_SIZE)}; nothing for an empty range, which the kernel refuses (EINVAL). */
    @Override
    public void punch(long offset, long length) {
        if (length > 0) {
            fallocator.punchHole(offset, length);
        }
    }

    /** {@code fallocate} mode 0, which grows the size; nothing for an empty range (EINVAL). */
    @Override
    public void allocate(long offset, long length) {
        if (length > 0) {
            fallocator.fallocate(0, offset, length);
        }
    }

    /**
     * {@code fallocate(ZERO_RANGE)} without {@code KEEP_SIZE}, so the size grows to cover the
     * range, as the store's does. Where the file system refuses {@code ZERO_RANGE} (tmpfs), a
     * punch (which zeros the range inside the size) followed by mode 0 (which allocates it and
     * grows the size) leaves the same contents and size. Nothing for an empty range (EINVAL).
     */
    @Override
    public void zeroRange(long offset, long length) {
        if (length == 0) {
            return;
        }
        if (zeroRangeSupported) {
            fallocator.fallocate(LibC.FALLOC_FL_ZERO_RANGE, offset, length);
        } else {
            fallocator.punchHole(offset, length);
            fallocator.fallocate(0, offset, length);
        }
    }

    /** {@code msync} of the range through the mapping, clipped to the size: no mapping may reach past it. */
    @Override
    public void persist(long offset, long length) {
        long size = size();
        long end = Math.min(offset + length, size);
        if (offset < end) {
            window.covering(end, size).force((int) offset, (int) (end - offset));
        }
    }

    /** {@code fsync}. */
    @Override
    public void force() {
        try {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        window.drop();
        fallocator.close();
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
