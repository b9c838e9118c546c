package org.daxstore.media;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * One mapping the JDK made of a range of a file ({@link FileChannel#map}), unmapped when it is
 * closed rather than when the collector finds it.
 *
 * <p>This is the JDK 17 to 21 version: a {@link MappedByteBuffer}, unmapped through Unsafe's
 * {@code invokeCleaner} (the JDK has no other way to unmap a buffer now). The JDK 22+ version
 * (core/src/main/java22) maps with an {@code Arena} and closes the arena, which unmaps without
 * Unsafe; the two have the same methods (VersionedClassesTest).
 */
public final class MappedChunk implements AutoCloseable {
    private final MappedByteBuffer buffer;
    private final long address;

    private MappedChunk(MappedByteBuffer buffer) {
        this.buffer = buffer;
        this.address = UnsafeMemoryAccess.addressOf(buffer);
    }

    /**
     * Maps {@code [position, position + length)} of {@code channel}'s file.
     *
     * @throws IOException as {@link FileChannel#map} does
     * @throws UnsupportedOperationException if the mode is not supported (MAP_SYNC where the file is not DAX)
     */
    public static MappedChunk map(FileChannel channel, FileChannel.MapMode mode, long position, long length)
            throws IOException {
        return new MappedChunk(channel.map(mode, position, length));
    }

    /** The address of the chunk's first byte. */
    public long address() {
        return address;
    }

    /** The chunk's length in bytes. */
    public long length() {
        return buffer.capacity();
    }

    /** Writes {@code [index, index + length)} of the chunk back to the file, as msync does. */
    public void force(long index, long length) {
        buffer.force((int) index, (int) length);
    }

    /** Unmaps the chunk: nothing may touch its memory any more. */
    @Override
    public void close() {
        UnsafeMemoryAccess.unmap(buffer);
    }
}
