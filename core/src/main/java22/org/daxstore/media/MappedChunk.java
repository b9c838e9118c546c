package org.daxstore.media;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * One mapping the JDK made of a range of a file ({@link FileChannel#map}), unmapped when it is
 * closed rather than when the collector finds it.
 *
 * <p>This is the JDK 22+ version: the range is mapped into a shared {@link Arena} of its own, and
 * closing the arena unmaps it, with no Unsafe. The store reaches the memory through
 * {@link Memory}'s everything segment, never through this chunk's segment, so the arena's close
 * finds no access of its own in flight (the store's access sections have already ended them).
 * The base version (JDK 17 to 21) is a {@code MappedByteBuffer}; the two have the same methods
 * (VersionedClassesTest).
 */
public final class MappedChunk implements AutoCloseable {
    private final Arena arena;
    private final MemorySegment segment;
    /**
     * The segment as a buffer, for {@link #force}: {@code MemorySegment} can force only a whole
     * segment, and a slice per call allocates one (40 bytes per persist, on the workload's hot
     * loop); the buffer forces a range in place. Chunks are at most 2 GiB, as the base version's
     * buffers are. It lives and dies with the arena.
     */
    private final MappedByteBuffer forcing;

    private MappedChunk(Arena arena, MemorySegment segment) {
        this.arena = arena;
        this.segment = segment;
        this.forcing = (MappedByteBuffer) segment.asByteBuffer();
    }

    /**
     * Maps {@code [position, position + length)} of {@code channel}'s file.
     *
     * @throws IOException as {@link FileChannel#map} does
     * @throws UnsupportedOperationException if the mode is not supported (MAP_SYNC where the file is not DAX)
     */
    public static MappedChunk map(FileChannel channel, FileChannel.MapMode mode, long position, long length)
            throws IOException {
        Arena arena = Arena.ofShared();
        try {
            return new MappedChunk(arena, channel.map(mode, position, length, arena));
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** The address of the chunk's first byte. */
    public long address() {
        return segment.address();
    }

    /** The chunk's length in bytes. */
    public long length() {
        return segment.byteSize();
    }

    /** Writes {@code [index, index + length)} of the chunk back to the file, as msync does. */
    public void force(long index, long length) {
        forcing.force((int) index, (int) length);
    }

    /** Unmaps the chunk: nothing may touch its memory any more. */
    @Override
    public void close() {
        arena.close();
    }
}
