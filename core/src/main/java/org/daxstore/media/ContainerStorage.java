package org.daxstore.media;

import java.io.IOException;
import java.util.function.LongUnaryOperator;

import org.daxstore.StoreFullException;
import org.daxstore.StoreIOException;
import org.daxstore.nativebridge.LibC;
import org.daxstore.nativebridge.NativeCallException;
import org.daxstore.nativebridge.NativeFile;

/**
 * The storage side of a medium, whatever maps it: backing ranges of the container file before
 * use, returning freed ranges, and counting what the file system holds. Every medium that maps
 * a container file shares it.
 *
 * <p>With the native bridge: {@code posix_fallocate} (ENOSPC becomes {@link StoreFullException}
 * here, at allocation time, instead of SIGBUS at the first store), {@code MADV_POPULATE_WRITE}
 * to map backed pages in one call where the caller is about to touch them ({@link #prefault}, a
 * separate step: backing alone touches nothing, so an allocation that reserves a range, like
 * {@code fallocate}, does not pay a page-table entry for every page of it), and
 * {@code fallocate(PUNCH_HOLE)}. Without it,
 * preallocation writes zeros to the file (which reports a full file system as an
 * {@link IOException}, never as SIGBUS) and punching does nothing, so the store stays correct
 * but does not return freed storage.
 */
final class ContainerStorage {
    private static final int ZERO_WRITE_SIZE = 1 << 20;
    /** madvise works on one mapping at a time: 1 GiB pieces never cross a chunk of {@link MappedMedium}. */
    private static final long PREFAULT_PIECE = 1L << MappedMedium.CHUNK_SHIFT;

    private final ContainerFile container;
    private final LongUnaryOperator addresses;
    private volatile boolean punchSupported;
    private volatile boolean prefaultSupported;

    /** Storage of {@code container}, whose offsets the medium maps at {@code addresses}. */
    ContainerStorage(ContainerFile container, LongUnaryOperator addresses) {
        this.container = container;
        this.addresses = addresses;
        this.punchSupported = container.nativeFile() != null;
        this.prefaultSupported = punchSupported;
    }

    /** True if the container lives on tmpfs, where nothing survives a power loss and msync is pointless. */
    boolean isTmpfs() {
        if (!LibC.isAvailable()) {
            return false;
        }
        try {
            return LibC.statfs(container.path().toString()).type() == LibC.TMPFS_MAGIC;
        } catch (NativeCallException e) {
            return false;
        }
    }

    void preallocate(long offset, long length) {
        if (container.isDevice()) {
            return; // device DAX is always backed, and has no fallocate
        }
        NativeFile nativeFile = container.nativeFile();
        if (nativeFile != null) {
            try {
                nativeFile.posixFallocate(offset, length);
            } catch (NativeCallException e) {
                if (e.errno() == LibC.ENOSPC) {
                    throw new StoreFullException(container.path() + ": the file system has no room to back "
                            + length + " bytes at container offset " + offset, e);
                }
                throw new StoreIOException(container.path() + ": cannot back " + length + " bytes at container offset "
                        + offset + ": " + e.getMessage(), e);
            }
        } else {
            writeZeros(offset, length);
        }
    }

    private void writeZeros(long offset, long length) {
        byte[] zeros = new byte[(int) Math.min(length, ZERO_WRITE_SIZE)];
        try {
            for (long done = 0; done < length; ) {
                int count = (int) Math.min(zeros.length, length - done);
                container.file().write(offset + done, zeros, 0, count);
                done += count;
            }
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("No space left")) {
                throw new StoreFullException(container.path() + ": the file system has no room to back "
                        + length + " bytes at container offset " + offset, e);
            }
            throw new StoreIOException(container.path() + ": cannot preallocate " + length
                    + " bytes at container offset " + offset + ": " + e.getMessage(), e);
        }
    }

    /**
     * Maps freshly backed pages into this process now, in one system call, instead of one page
     * fault each at first touch: on tmpfs in this VM a first touch costs about 12 us a page.
     * An optimisation only: any failure turns it off. Only for ranges {@link #preallocate} has
     * backed: on a hole, populating would allocate the pages itself.
     */
    void prefault(long offset, long length) {
        if (!prefaultSupported || container.isDevice()) {
            return;
        }
        try {
            for (long end = offset + length; offset < end; ) {
                long piece = Math.min(end - offset, PREFAULT_PIECE - (offset % PREFAULT_PIECE));
                LibC.madvise(addresses.applyAsLong(offset), piece, LibC.MADV_POPULATE_WRITE);
                offset += piece;
            }
        } catch (NativeCallException e) {
            prefaultSupported = false;
        }
    }

    boolean punch(long offset, long length) {
        if (container.isDevice()) {
            return false; // nothing to return to: the freed block is zeroed when it is used again
        }
        if (!punchSupported) {
            return false;
        }
        try {
            container.nativeFile().punchHole(offset, length);
            return true;
        } catch (NativeCallException e) {
            if (e.errno() != LibC.EOPNOTSUPP) {
                throw new StoreIOException(container.path() + ": cannot punch " + length + " bytes at container offset "
                        + offset + ": " + e.getMessage(), e);
            }
            punchSupported = false;
            return false;
        }
    }

    long allocatedBytes() {
        NativeFile nativeFile = container.nativeFile();
        return nativeFile == null ? -1 : nativeFile.allocatedBytes();
    }

    /** Why freed storage is or is not returned, for a medium's description. */
    String describe() {
        return container.nativeFile() == null
                ? "; native bridge unavailable (" + LibC.unavailableReason() + "), freed storage is kept"
                : "";
    }
}
