package org.daxstore.cli.workload.targets;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A plain file of the run's size beside the container, made sparse, for one baseline: the same
 * kind of file (tmpfs, a DAX file system) the store lives on, without the store.
 */
public final class PlainFile implements AutoCloseable {
    private final Path path;
    private final long size;
    private final FileChannel channel;

    private PlainFile(Path path, long size, FileChannel channel) {
        this.path = path;
        this.size = size;
        this.channel = channel;
    }

    /**
     * Creates {@code path} (which must not exist) with {@code size} bytes, all of them a hole.
     *
     * @param path where the file goes
     * @param size its length in bytes
     * @return the open file; close it to remove it
     * @throws UncheckedIOException if it cannot be created or sized
     */
    public static PlainFile create(Path path, long size) {
        try {
            Files.createFile(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path + ": " + e.getMessage(), e);
        }
        try {
            try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
                file.setLength(size);
            }
            return new PlainFile(path, size, FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE));
        } catch (IOException e) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw new UncheckedIOException("cannot size " + path + " to " + size + " bytes: " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    public long size() {
        return size;
    }

    /** The file's channel, open for reading and writing; positional calls only. */
    FileChannel channel() {
        return channel;
    }

    /** Closes the channel and removes the file. */
    @Override
    public void close() {
        try {
            channel.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + path + ": " + e.getMessage(), e);
        }
    }
}
