package org.daxstore.media;

import java.nio.file.Path;

import org.daxstore.StoreIOException;

/**
 * The container's bytes, mapped into this process. Offsets are container offsets; addresses
 * are where those bytes are mapped. A medium may map the container in several pieces, so an
 * access that starts at {@code address(offset)} may only extend to the end of the block that
 * holds {@code offset}: blocks never straddle two pieces.
 *
 * <p>Implementations are thread-safe. After {@link #close()} every address they gave out is
 * invalid; the store guarantees that nobody uses one by then.
 */
public interface Medium extends AutoCloseable {

    /** The container's size in bytes. */
    long size();

    /** The address at which the container byte at {@code offset} is mapped. */
    long address(long offset);

    /**
     * Starts making {@code [offset, offset + length)} durable: writes back the cache lines of the
     * range (on persistent memory) or the pages (msync). The range is durable only after the next
     * {@link #drain()}; a medium whose flush is synchronous may make it durable at once.
     *
     * @throws StoreIOException if the operating system reports that it could not
     *     write the range back (see {@link #flushFailed})
     */
    void flush(long offset, long length);

    /**
     * The exception for a flush the operating system refused: an msync that failed (an I/O error
     * writing pages back, or a range that is not mapped). The range may not be durable, so the
     * caller must not report it as persisted; the message says where.
     */
    static StoreIOException flushFailed(Path container, long offset, long length,
                                                     RuntimeException cause) {
        return new StoreIOException(container + ": cannot make container bytes [" + offset + ", "
                + (offset + length) + ") durable: " + cause.getMessage(), cause);
    }

    /**
     * The persistence fence: returns once every range flushed before the call is durable. Stores
     * made after it cannot become durable before those ranges (the journal's ordering rests on it).
     */
    void drain();

    /**
     * The widest gap between two ranges that is cheaper to flush along with them than to skip
     * with a second {@link #flush} call ({@link FlushPlan} merges across it). The default, one
     * page, suits msync, whose unit is the page.
     */
    default long flushMergeGap() {
        return 4096;
    }

    /** Makes {@code [offset, offset + length)} durable: {@link #flush} then {@link #drain}. */
    default void persist(long offset, long length) {
        flush(offset, length);
        drain();
    }

    /**
     * Makes sure storage backs {@code [offset, offset + length)}, so that later loads and stores
     * there cannot fault for lack of space. The range's contents are unspecified afterwards. It
     * touches no page and maps none into this process: the storage is the file system's (on
     * tmpfs, {@code fallocate} puts the pages in the file), so a later first touch only maps a
     * page that exists and cannot raise SIGBUS. Mapping the pages ahead is {@link #prefault}; on
     * tmpfs {@code SEEK_DATA} counts a page fallocate backed as a hole until it is written or
     * prefaulted, so a caller that must leave no such hole (an open backing what is in use)
     * prefaults too.
     *
     * @throws org.daxstore.StoreFullException when the file system has no room for it
     */
    void preallocate(long offset, long length);

    /**
     * Maps the pages of {@code [offset, offset + length)}, which {@link #preallocate} has backed,
     * into this process now, in as few calls as the platform allows, for a range that is about to
     * be touched (zeroed, written): on tmpfs a first touch costs a page fault each. An
     * optimisation only: it changes no byte, throws nothing, and does nothing where it cannot.
     * The default does nothing.
     */
    default void prefault(long offset, long length) {
    }

    /**
     * Returns the storage of {@code [offset, offset + length)} to the file system, where the
     * platform allows; otherwise does nothing. The range must be preallocated again before use.
     *
     * @return true if the storage was returned, so that the range reads as zeros once it is
     *     preallocated again; false if nothing was done
     */
    boolean punch(long offset, long length);

    /** Bytes of storage the file system holds for the container now (st_blocks), or -1 if unknown. */
    long allocatedBytes();

    /** One line naming the medium, its persistence method and why it was chosen. */
    String description();

    /** What {@link #persist} does here, for the typed medium of the store's info. */
    Persistence persistence();

    @Override
    void close();
}
