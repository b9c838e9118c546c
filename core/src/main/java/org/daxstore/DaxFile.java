package org.daxstore;

import java.nio.ByteBuffer;

import org.daxstore.fault.FaultHook;
import org.daxstore.fault.ViewAccess;
import org.daxstore.format.InodeFormat;
import org.daxstore.fs.FileData;
import org.daxstore.fs.FileNames;
import org.daxstore.fs.FileNode;
import org.daxstore.fs.StableSequence;
import org.daxstore.fs.Volume;

/**
 * A handle to one file of a {@link DaxStore}. Positional reads and writes copy, like
 * {@link java.nio.channels.FileChannel}; sizes and offsets are in bytes. Thread-safe; reads, and
 * writes over bytes the file already has blocks for, take no lock and write nothing another
 * thread's calls write, so threads reading and writing one file scale as threads reading one view do.
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
    /** What refuses positional I/O inside its access sections: this handle's {@link #checkUsable}. */
    private final StableSequence.Usability usability = this::checkUsable;

    DaxFile(Volume volume, FileData data, FileNode node) {
        this.volume = volume;
        this.data = data;
        this.node = node;
    }

    /**
     * The file's name: its last one if it has been deleted. Reads no media: works after close too.
     *
     * @return the name the file has now (renames change it)
     */
    public String name() {
        return node.name();
    }

    /**
     * The file's size.
     *
     * @return the size in bytes
     * @throws ClosedException if this handle or the store is closed
     * @throws NoSuchDaxFileException if the file has been deleted
     * @throws IllegalStateException on a thread with an access scope of the store open
     */
    public long size() {
        enter();
        try {
            return node.size();
        } finally {
            volume.exit();
        }
    }

    /**
     * Reads up to {@code length} bytes at {@code position} into {@code dst[offset..]}. A hole
     * reads as zeros.
     *
     * @param position where in the file to start
     * @param dst      the array to read into
     * @param offset   where in {@code dst} the first byte goes
     * @param length   how many bytes at most
     * @return the number of bytes read (fewer than {@code length} only at the end of the file), or
     *     -1 if {@code position} is at or past the end of the file (0 if {@code length} is 0)
     * @throws NullPointerException if {@code dst} is null
     * @throws IndexOutOfBoundsException if {@code [offset, offset + length)} is outside {@code dst}
     * @throws IllegalArgumentException if {@code position} is negative, or the range ends past the
     *     largest file size ({@code 2^46} bytes, 64 TiB)
     * @throws ClosedException if this handle or the store is closed
     * @throws NoSuchDaxFileException if the file has been deleted
     * @throws IllegalStateException on a thread with an access scope of the store open
     * @throws CorruptStoreException if the file's block map is found damaged (a stray write into
     *     the container while the store is open; an open refuses a damaged image)
     */
    public int read(long position, byte[] dst, int offset, int length) {
        Arguments.notNull(dst, "dst", "DaxFile.read");
        if (Arguments.isOutsideArray(offset, length, dst.length)) {
            throw Arguments.arrayRangeRefusal(offset, length, dst.length, where() + "read");
        }
        refuseClosed();
        return data.read(node, position, dst, offset, length, usability);
    }

    /**
     * Reads up to {@code dst.length} bytes at {@code position} into {@code dst}: as
     * {@link #read(long, byte[], int, int)} with offset 0.
     *
     * @param position where in the file to start
     * @param dst      the array to fill
     * @return the number of bytes read, or -1 if {@code position} is at or past the end of the file
     * @throws NullPointerException if {@code dst} is null
     * @throws IllegalArgumentException if {@code position} is negative, or the range ends past the
     *     largest file size ({@code 2^46} bytes, 64 TiB)
     * @throws ClosedException if this handle or the store is closed
     * @throws NoSuchDaxFileException if the file has been deleted
     * @throws IllegalStateException on a thread with an access scope of the store open
     * @throws CorruptStoreException if the file's block map is found damaged (a stray write into
     *     the container while the store is open; an open refuses a damaged image)
     */
    public int read(long position, byte[] dst) {
        Arguments.notNull(dst, "dst", "DaxFile.read");
        return read(position, dst, 0, dst.length);
    }

    /**
     * Reads into the buffer's remaining space, advancing its position; -1 at or past the end of
     * the file. A direct buffer is filled through a heap buffer of at most 256 KiB at a time.
     *
     * @param position where in the file to start
     * @param dst      the buffer to fill, from its position to its limit
     * @return the number of bytes read, or -1 if {@code position} is at or past the end of the file
     * @throws NullPointerException if {@code dst} is null
     * @throws IllegalArgumentException if the buffer is read-only, or as
     *     {@link #read(long, byte[], int, int)} for {@code position}
     * @throws ClosedException if this handle or the store is closed
     * @throws NoSuchDaxFileException if the file has been deleted
     * @throws IllegalStateException on a thread with an access scope of the store open
     * @throws CorruptStoreException if the file's block map is found damaged (a stray write into
     *     the container while the store is open; an open refuses a damaged image)
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
     *
     * @param position where in the file the first byte goes
     * @param src      the array to write from
     * @param offset   where in {@code src} the first byte is
     * @param length   how many bytes
     * @throws NullPointerException if {@code src} is null
     * @throws IndexOutOfBoundsException if {@code [offset, offset + length)} is outside {@code src}
     * @throws IllegalArgumentException if {@code position} is negative, or the range ends past the
     *     largest file size ({@code 2^46} bytes, 64 TiB)
     * @throws StoreFullException if the store or the file system under
     *     the container has no room for the blocks; the file is left as it was
     * @throws StoreIOException if the file system fails to back the blocks for another reason;
     *     the file is left as it was, unless taking back what the call's earlier steps gave it
     *     fails too (an msync error): the message then says so and gives the file's size now
     * @throws ClosedException if this handle or the store is closed
     * @throws NoSuchDaxFileException if the file has been deleted
     * @throws IllegalStateException on a thread with an access scope of the store open
     * @throws CorruptStoreException if the file's block map is found damaged (a stray write into
     *     the container while the store is open; an open refuses a damaged image)
     */
    public void write(long position, byte[] src, int offset, int length) {
        Arguments.notNull(src, "src", "DaxFile.write");
        if (Arguments.isOutsideArray(offset, length, src.length)) {
            throw Arguments.arrayRangeRefusal(offset, length, src.length, where() + "write");
        }
        refuseClosed();
        if (data.overwrite(node, position, src, offset, length, usability)) {
            return; // every page was there: written in an access section, with no lock
        }
        enter();
        try {
            data.write(node, position, src, offset, length);
        } finally {
            volume.exit();
        }
    }

    /**
     * Writes all of {@code src} at {@code position}: as {@link #write(long, byte[], int, int)}
     * with offset 0.
     *
     * @param position where in the file the first byte goes
     * @param src      the bytes to write
     * @throws NullPointerException if {@code src} is null
     * @throws IllegalArgumentException if {@code position} is negative, or the range ends past the
     *     largest file size ({@code 2^46} bytes, 64 TiB)
     * @throws StoreFullException if the store or the file system under
     *     the container has no room for the blocks; the file is left as it was
     * @throws StoreIOException if the file system fails to back the blocks for another reason;
     *     the file is left as it was, unless taking back what the call's earlier steps gave it
     *     fails too (an msync error): the message then says so and gives the file's size now
     * @throws ClosedException if this handle or the store is closed
     * @throws NoSuchDaxFileException if the file has been deleted
     * @throws IllegalStateException on a thread with an access scope of the store open
     * @throws CorruptStoreException if the file's block map is found damaged (a stray write into
     *     the container while the store is open; an open refuses a damaged image)
     */
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
     *
     * @param position where in the file the first byte goes
     * @param src      the buffer to write, from its position to its limit
     * @throws NullPointerException if {@code src} is null
     * @throws IllegalArgumentException if {@code position} is negative, or the range ends past the
     *     largest file size ({@code 2^46} bytes, 64 TiB)
     * @throws StoreFullException if the store or the file system under
     *     the container has no room for the blocks; the file is left as it was
     * @throws StoreIOException if the file system fails to back the blocks for another reason;
     *     the file is left as it was, unless taking back what the call's earlier steps gave it
     *     fails too (an msync error): the message then says so and gives the file's size now
     * @throws ClosedException if this handle or the store is closed
     * @throws NoSuchDaxFileException if the file has been deleted
     * @throws IllegalStateException on a thread with an access scope of the store open
     * @throws CorruptStoreException if the file's block map is found damaged (a stray write into
     *     the container while the store is open; an open refuses a damaged image)
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

    /**
     * Sets the size: shrinking frees the blocks past the new end, and every view then refuses
     * accesses there; growing adds a hole that reads as zeros. A shrink waits for the access
     * scopes of the store that are open.
     *
     * @param size the new size in bytes
     * @throws IllegalArgumentException if {@code size} is negative or past the largest file size
     *     ({@code 2^46} bytes, 64 TiB)
     * @throws OpenScopesException if threads keep access scopes of the store open past
     *     {@link DaxStore#SCOPE_WAIT_LIMIT}; nothing is changed
     * @throws ClosedException if this handle or the store is closed
     * @throws NoSuchDaxFileException if the file has been deleted
     * @throws IllegalStateException on a thread with an access scope of the store open
     * @throws CorruptStoreException if the file's block map is found damaged (a stray write into
     *     the container while the store is open; an open refuses a damaged image)
     * @throws StoreIOException if writing the metadata back fails (an msync error on a disk file
     *     system); the operation has not happened
     */
    public void truncate(long size) {
        enter();
        try {
            data.truncate(node, size);
        } finally {
            volume.exit();
        }
    }

    /**
     * Frees the whole blocks in the range and zeroes its partial ends; the size does not change,
     * and the range reads as zeros through every view once this returns. Waits for the access
     * scopes of the store that are open. The part of the range past the file's end is ignored.
     *
     * @param offset where the range starts
     * @param length its length in bytes
     * @throws IllegalArgumentException if {@code offset} or {@code length} is negative, or the
     *     range ends past the largest file size ({@code 2^46} bytes, 64 TiB)
     * @throws OpenScopesException if threads keep access scopes of the store open past
     *     {@link DaxStore#SCOPE_WAIT_LIMIT}; nothing is changed
     * @throws ClosedException if this handle or the store is closed
     * @throws NoSuchDaxFileException if the file has been deleted
     * @throws IllegalStateException on a thread with an access scope of the store open
     * @throws CorruptStoreException if the file's block map is found damaged (a stray write into
     *     the container while the store is open; an open refuses a damaged image)
     * @throws StoreIOException if writing the metadata back fails (an msync error on a disk file
     *     system); the operation has not happened
     */
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
     *
     * @param offset where the range starts
     * @param length its length in bytes
     * @throws IllegalArgumentException if {@code offset} or {@code length} is negative, or the
     *     range ends past the largest file size ({@code 2^46} bytes, 64 TiB)
     * @throws StoreFullException if the store or the file system under
     *     the container has no room for the blocks; the file is left as it was
     * @throws StoreIOException if the file system fails to back the blocks for another reason;
     *     the file is left as it was, unless taking back what the call's earlier steps gave it
     *     fails too (an msync error): the message then says so and gives the file's size now
     * @throws ClosedException if this handle or the store is closed
     * @throws NoSuchDaxFileException if the file has been deleted
     * @throws IllegalStateException on a thread with an access scope of the store open
     * @throws CorruptStoreException if the file's block map is found damaged (a stray write into
     *     the container while the store is open; an open refuses a damaged image)
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
     *
     * @param offset where the range starts
     * @param length its length in bytes
     * @throws IllegalArgumentException if {@code offset} or {@code length} is negative, or the
     *     range ends past the largest file size ({@code 2^46} bytes, 64 TiB)
     * @throws StoreFullException if the store or the file system under
     *     the container has no room for the blocks; the file is left as it was
     * @throws StoreIOException if the file system fails to back the blocks for another reason;
     *     the file is left as it was, unless taking back what the call's earlier steps gave it
     *     fails too (an msync error): the message then says so and gives the file's size now
     * @throws ClosedException if this handle or the store is closed
     * @throws NoSuchDaxFileException if the file has been deleted
     * @throws IllegalStateException on a thread with an access scope of the store open
     * @throws CorruptStoreException if the file's block map is found damaged (a stray write into
     *     the container while the store is open; an open refuses a damaged image)
     */
    public void zeroRange(long offset, long length) {
        enter();
        try {
            data.zeroRange(node, offset, length);
        } finally {
            volume.exit();
        }
    }

    /**
     * Makes the file's data and metadata durable: the analogue of {@code fsync}.
     *
     * @throws ClosedException if this handle or the store is closed
     * @throws NoSuchDaxFileException if the file has been deleted
     * @throws IllegalStateException on a thread with an access scope of the store open
     * @throws CorruptStoreException if the file's block map is found damaged (a stray write into
     *     the container while the store is open; an open refuses a damaged image)
     * @throws StoreIOException if the operating system fails to write the file back (an msync
     *     error on a disk file system); it may not be durable
     */
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
     * the file's end; accesses there fail until the file grows over them. Making a view
     * allocates a few hundred bytes, whatever its length; its translations take heap as it is
     * used, within the store's budget ({@link DaxMapping#translationBytes()}).
     *
     * @param offset where in the file the view starts (its index 0)
     * @param length the view's length in bytes
     * @param mode   whether the view may store
     * @return the view; close it when done (it holds heap for its translations until then)
     * @throws NullPointerException if {@code mode} is null
     * @throws IllegalArgumentException if {@code offset} or {@code length} is negative, or the
     *     range ends past the largest file size ({@code 2^46} bytes, 64 TiB)
     * @throws ClosedException if this handle or the store is closed
     * @throws NoSuchDaxFileException if the file has been deleted
     * @throws IllegalStateException on a thread with an access scope of the store open
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

    /**
     * A read-write view of {@code [offset, offset + length)}: as
     * {@link #map(long, long, MapMode)} with {@link MapMode#READ_WRITE}.
     *
     * @param offset where in the file the view starts (its index 0)
     * @param length the view's length in bytes
     * @return the view; close it when done
     * @throws IllegalArgumentException if {@code offset} or {@code length} is negative, or the
     *     range ends past the largest file size ({@code 2^46} bytes, 64 TiB)
     * @throws ClosedException if this handle or the store is closed
     * @throws NoSuchDaxFileException if the file has been deleted
     * @throws IllegalStateException on a thread with an access scope of the store open
     */
    public DaxMapping map(long offset, long length) {
        return map(offset, length, MapMode.READ_WRITE);
    }

    /**
     * What the store holds about the file now.
     *
     * @return its name, inode, generation, size, allocated bytes and times
     * @throws ClosedException if this handle or the store is closed
     * @throws NoSuchDaxFileException if the file has been deleted
     * @throws IllegalStateException on a thread with an access scope of the store open
     */
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
        refuseClosed(); // named here, with the file; a close racing this is caught by enter() below
        volume.enter();
        if (node.isDeleted()) {
            volume.exit();
            throw deleted();
        }
    }

    /** Refuses a closed handle or store: the checks every method makes first. */
    private void refuseClosed() {
        if (closed) {
            throw new ClosedException(volume.path() + ": the handle to file " + FileNames.quote(node.name()) + " is closed");
        }
        if (volume.isClosed()) {
            throw storeClosed();
        }
    }

    /**
     * The refusals of positional I/O, made inside its access sections ({@link StableSequence}):
     * a closed handle or store, a deleted file. A closed seqtex is a deleted file's or a closed
     * store's; the store is asked again then, because its close closes the seqtexes after it
     * says it is closed, which this may have read before.
     */
    private void checkUsable() {
        refuseClosed();
        if (node.isDeleted() || node.seqtex.isClosed()) {
            if (volume.isClosed()) {
                throw storeClosed();
            }
            throw deleted();
        }
    }

    private ClosedException storeClosed() {
        return new ClosedException(volume.path() + ": the store is closed: the handle to file " + FileNames.quote(node.name())
                + " can no longer be used");
    }

    private NoSuchDaxFileException deleted() {
        return new NoSuchDaxFileException(volume.path() + ": file " + FileNames.quote(node.name()) + " has been deleted");
    }
}
