package org.daxstore.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import org.daxstore.media.MappedChunk;

/** A plain file in the benchmark directory, mapped read-write: the physical limit a view is measured against. */
final class RawMapping implements AutoCloseable {
    private final Path path;
    private final MappedChunk mapping;
    private final long address;

    private RawMapping(Path path, MappedChunk mapping) {
        this.path = path;
        this.mapping = mapping;
        this.address = mapping.address();
    }

    static RawMapping create(String prefix, long size) throws IOException {
        Path path = BenchFiles.newContainer(prefix);
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
            f.setLength(size);
            return new RawMapping(path, MappedChunk.map(f.getChannel(), FileChannel.MapMode.READ_WRITE, 0, size));
        }
    }

    long address() {
        return address;
    }

    @Override
    public void close() throws IOException {
        mapping.close();
        Files.deleteIfExists(path);
    }
}
