package org.daxstore;

import java.nio.ByteBuffer;

import org.daxstore.fault.FaultHook;
import org.daxstore.fault.ViewAccess;
import org.daxstore.format.InodeFormat;
import org.daxstore.fs.FileData;
import org.daxstore.fs.FileNames;
import org.daxstore.fs.FileNode;
import org.daxstore.fs.Volume;

/**
 * A handle to one file of a {@link DaxStore}. Positional reads and writes copy, like
 * {@link java.nio.channels.FileChannel}; sizes and offsets are in bytes. Thread-safe.
 *
 * <p>A handle fails with {@link ClosedException} once it or its store is closed, and with
 * {@link NoSuchDaxFileException} once its file is deleted; only {@link #name()} and
 * {@link #close()} still work. Renaming does not affect it. On a thread with an
 * {@link AccessScope} of the store open, every method but those two throws
 * {@link IllegalStateException} (see {@link AccessScope}).
 */
public final class DaxFile implements AutoCloseable {
    private final Volume volume;
    private final FileData data;
    private final FileNode node;
    private volatile boolean closed;

    DaxFile(Volume volume, FileData data, FileNode node) {
        this.volume = volume;
        this.data = data;
        this.node = node;
    }

    /** The file's name: its last one if it has been deleted. Reads no media: works after close too. */
    public String name() {
        return node.name();
    }

    public long size() {
        enter();
        try {
            return node.size();
        } finally {
            volume.exit();
        }
    }

    /**
     * Reads up to {@code length} bytes at {@code position} into {@code dst[offset..]}.
     *
     * @return the number of bytes read, or -1 if {@code position} is at or past the end of the file
     */
    public int read(long position, byte[] dst, int offset, int length) {
        Arguments.notNull(dst, "dst", "DaxFile.read");
        if (Arguments.isOutsideArray(offset, length, dst.length)) {
            throw Arguments.arrayRangeRefusal(offset, length, dst.length, where() + "read");
        }
        enter();
        try {
            return data.read(node, position, dst, offset, length);
        } finally {
            volume.exit();
        }
    }

    public int read(long position, byte[] dst) {
        Arguments.notNull(dst, "dst", "DaxFile.read");
        return read(position, dst, 0, dst.length);
    }

    /**
     * Reads into the buffer's remaining space, advancing its position; -1 at or past the end of
     * the file. A direct buffer is filled through a heap buffer of at most 256 KiB at a time.
     *
     * @throws IllegalArgumentException if the buffer is read-only
     */
    public int read(long position, ByteBuffer dst) {
        Arguments.notNull(dst, "dst", "DaxFile.read");
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException(where() + "cannot read into a read-only buffer");
        }
        if (dst.hasArray()) {
            int n = read(position, dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            if (n > 0) {
                dst.position(dst.position() + n);
            }
            return n;
        }
        return BufferStaging.fill(dst, position, (at, chunk, n) -> read(at, chunk, 0, n));
    }

    /**
     * Writes {@code src[offset, offset + length)} at {@code position}, growing the file if
     * needed. All or nothing: if the store or the file system runs out of space
     * ({@link StoreFullException}), the file keeps its size, its bytes and its blocks.
     */
    public void write(long position, byte[] src, int offset, int length) {
        Arguments.notNull(src, "src", "DaxFile.write");
        if (Arguments.isOutsideArray(offset, length, src.length)) {
            throw Arguments.arrayRangeRefusal(offset, length, src.length, where() + "write");
        }
        enter();
        try {
            data.write(node, position, src, offset, length);
        } finally {
            volume.exit();
        }
    }

    public void write(long position, byte[] src) {
        Arguments.notNull(src, "src", "DaxFile.write");
        write(position, src, 0, src.length);
    }

    /**
     * Writes the buffer's remaining bytes at {@code position}, advancing its position. A direct
     * or read-only buffer is copied through a heap buffer of at most 256 KiB at a time; the
     * range is {@linkplain #allocate allocated} first, all or nothing, so running out of space
     * changes nothing, and only a close or delete between two steps can stop it part-way (its
     * position then says how far it got).
     */
    public void write(long position, ByteBuffer src) {
        Arguments.notNull(src, "src", "DaxFile.write");
        int length = src.remaining();
        if (src.hasArray()) {
            write(position, src.array(), src.arrayOffset() + src.position(), length);
            src.position(src.position() + length);
            return;
        }
        if (length > BufferStaging.CHUNK) {
            allocate(position, length);
        }
        BufferStaging.drain(src, position, (at, chunk, n) -> write(at, chunk, 0, n));
    }

    /** Sets the size: shrinking frees the blocks past the new end; growing adds a hole that reads as zeros. */
    public void truncate(long size) {
        enter();
        try {
            data.truncate(node, size);
        } finally {
            volume.exit();
        }
    }

    /** Frees the whole blocks in the range and zeroes its partial ends; the size does not change. */
    public void punchHole(long offset, long length) {
        enter();
        try {
            data.punchHole(node, offset, length);
        } finally {
            volume.exit();
        }
    }

    /**
     * Gives the range zeroed blocks (growing the file to cover it), so that writes there cannot
     * run out of space. All or nothing, as {@link #write(long, byte[], int, int)}.
     */
    public void allocate(long offset, long length) {
        enter();
        try {
            data.allocate(node, offset, length);
        } finally {
            volume.exit();
        }
    }

    /**
     * Makes the range read as zeros, allocating blocks for it and growing the file to cover it.
     * All or nothing, as {@link #write(long, byte[], int, int)}: nothing is zeroed before every
     * block is there.
     */
    public void zeroRange(long offset, long length) {
        enter();
        try {
            data.zeroRange(node, offset, length);
        } finally {
            volume.exit();
        }
    }

    /** Makes the file's data and metadata durable: the analogue of {@code fsync}. */
    public void force() {
        enter();
        try {
            data.force(node);
        } finally {
            volume.exit();
        }
    }

    /**
     * A direct view of {@code [offset, offset + length)} of this file. The range may extend past
     * the file's end; accesses there fail until the file grows over them.
     */
    public DaxMapping map(long offset, long length, MapMode mode) {
        return map(offset, length, mode, null);
    }

    /** As {@link #map(long, long, MapMode)}, with a hook the view's faults call (tests only: see {@link FaultHook}). */
    DaxMapping map(long offset, long length, MapMode mode, FaultHook hook) {
        Arguments.notNull(mode, "mode", "DaxFile.map");
        if (offset < 0 || length < 0 || offset > InodeFormat.MAX_FILE_SIZE - length) {
            throw new IllegalArgumentException(where() + "cannot map [" + offset + ", +" + length
                    + "): outside [0, " + InodeFormat.MAX_FILE_SIZE + "]");
        }
        enter();
        try {
            return new DaxMapping(new ViewAccess(volume, data, node, offset, length, mode == MapMode.READ_WRITE, hook));
        } finally {
            volume.exit();
        }
    }

    /** A read-write view of {@code [offset, offset + length)}. */
    public DaxMapping map(long offset, long length) {
        return map(offset, length, MapMode.READ_WRITE);
    }

    public FileStat stat() {
        enter();
        try {
            return new FileStat(node.name(), node.inode, node.generation(), node.size(),
                    node.allocatedBlocks() * volume.layout().blockSize(), node.createdMillis(), node.modifiedMillis());
        } finally {
            volume.exit();
        }
    }

    /** Closes this handle; the file stays. Idempotent: works after the store is closed too. */
    @Override
    public void close() {
        closed = true;
    }

    /** "container: file 'name': ", the start of a message. */
    private String where() {
        return volume.path() + ": file " + FileNames.quote(node.name()) + ": ";
    }

    private void enter() {
        if (closed) {
            throw new ClosedException(volume.path() + ": the handle to file " + FileNames.quote(node.name()) + " is closed");
        }
        if (volume.isClosed()) { // named here, with the file; a close racing this is caught by enter() below
            throw new ClosedException(volume.path() + ": the store is closed: the handle to file " + FileNames.quote(node.name())
                    + " can no longer be used");
        }
        volume.enter();
        if (node.isDeleted()) {
            volume.exit();
            throw new NoSuchDaxFileException(volume.path() + ": file " + FileNames.quote(node.name()) + " has been deleted");
        }
    }
}
