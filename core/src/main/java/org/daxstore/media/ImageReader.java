package org.daxstore.media;

/**
 * Read access to a container image by container offset: the little the format's rules need.
 * The open store reads its mapped {@link Medium} through it ({@link #of}); the offline fsck reads
 * a file mapped read-only, or that file with a pending journal record laid over it, so one set of
 * rules runs on all three.
 *
 * <p>Callers bounds-check offsets against the layout before reading; implementations may assume
 * {@code 0 <= offset} and {@code offset + length <= size()}.
 */
public interface ImageReader {

    /** The bytes that can be read: the layout's container size or less. */
    long size();

    /** The little-endian 64-bit word at {@code offset}. */
    long getLong(long offset);

    /** Copies {@code length} bytes from {@code offset} into {@code dst[at..]}. */
    void read(long offset, byte[] dst, int at, int length);

    /** Reads an open store's medium directly. */
    static ImageReader of(Medium medium) {
        return new ImageReader() {
            @Override
            public long size() {
                return medium.size();
            }

            @Override
            public long getLong(long offset) {
                return Memory.getLong(medium.address(offset));
            }

            @Override
            public void read(long offset, byte[] dst, int at, int length) {
                Memory.copyToHeap(medium.address(offset), dst, at, length);
            }
        };
    }
}
