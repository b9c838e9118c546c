package org.daxstore.nativebridge;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A shared, readable and writable mapping of a file range made by {@link NativeFile#map}. It hands
 * out a raw address, never a JNA {@code Pointer}: callers access the memory with Unsafe or
 * Chronicle, whose accesses the JVM can survive a fault in (a JNA {@code Pointer} store into a page
 * tmpfs cannot back kills the JVM with SIGBUS).
 *
 * <p>{@link #close()} unmaps once; it does not wait for accesses, so the owner must know that none
 * is in flight (an access after it crashes the JVM). The mapping stays valid after the
 * {@link NativeFile} that made it is closed.
 */
public final class FileMapping implements AutoCloseable {
    private final String path;
    private final long address;
    private final long length;
    private final long offset;
    private final boolean sync;
    private final AtomicBoolean closed = new AtomicBoolean();

    FileMapping(String path, long address, long length, long offset, boolean sync) {
        this.path = path;
        this.address = address;
        this.length = length;
        this.offset = offset;
        this.sync = sync;
    }

    /** The address of the byte at {@link #offset()} in the file; a multiple of the page size. */
    public long address() {
        return address;
    }

    public long length() {
        return length;
    }

    /** Where in the file the mapping starts. */
    public long offset() {
        return offset;
    }

    /**
     * Whether the mapping was made with {@code MAP_SYNC}: then flushing CPU caches (libpmem's
     * {@code pmem_persist}) makes stores durable, and {@code msync} is not needed.
     */
    public boolean isSync() {
        return sync;
    }

    public String path() {
        return path;
    }

    /** Unmaps, once; later calls do nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            LibC.munmap(address, length);
        }
    }

    @Override
    public String toString() {
        return "FileMapping[" + path + ", offset=" + offset + ", length=" + length + ", address=0x"
                + Long.toHexString(address) + (sync ? ", MAP_SYNC" : "") + (closed.get() ? ", closed" : "") + "]";
    }
}
