package org.daxstore.cli.workload.targets;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A plain file through one shared {@link FileChannel}'s positional {@code read} and
 * {@code write} (pread and pwrite), each thread with its own direct buffer, so that the JDK
 * copies through no temporary buffer of its own. Persistence is {@code force(false)}
 * (fdatasync), once per write or once per batch.
 */
public final class FileChannelTarget implements Target {
    private final PlainFile file;

    public FileChannelTarget(PlainFile file) {
        this.file = file;
    }

    @Override
    public ThreadAccess open(int blockSize, boolean writes) {
        return new Access(file.channel(), blockSize);
    }

    @Override
    public void pretouch() {
        FileChannel channel = file.channel();
        Pieces.cover(file.path().toString(), file.size(), (at, piece, length) -> {
            ByteBuffer source = ByteBuffer.wrap(piece, 0, length);
            while (source.hasRemaining()) {
                channel.write(source, at + source.position());
            }
        });
    }

    @Override
    public void close() {
        file.close();
    }

    private static final class Access extends ThreadAccess {
        private final FileChannel channel;
        private final ByteBuffer buffer;

        Access(FileChannel channel, int blockSize) {
            super(blockSize);
            this.channel = channel;
            this.buffer = ByteBuffer.allocateDirect(blockSize);
        }

        @Override
        public void read(long offset) {
            buffer.clear();
            try {
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, offset + buffer.position()) < 0) {
                        throw new EOFException("end of file at " + (offset + buffer.position()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void write(long offset) {
            buffer.clear();
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer, offset + buffer.position());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void persist(long offset) {
            force();
        }

        @Override
        public void persist(long[] offsets, int count) {
            force();
        }

        private void force() {
            try {
                channel.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
