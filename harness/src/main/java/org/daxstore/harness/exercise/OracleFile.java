package org.daxstore.harness.exercise;

/**
 * One file of an {@link Oracle}: the operations fsx gives the store's file, with the answers
 * the store's should give. Offsets and lengths are those the store accepted.
 */
interface OracleFile {
    long size();

    /**
     * Reads like {@link org.daxstore.DaxFile#read(long, byte[], int, int)}: up to {@code length}
     * bytes at {@code position} into {@code dst[0..]}, returning the count (0 for an empty read),
     * or -1 at or past the end.
     */
    int read(long position, byte[] dst, int length);

    /** Reads {@code [position, position + length)}, inside the file, through a mapping. */
    void mappedRead(long position, byte[] dst, int length);

    /** Writes {@code src[0, length)} at {@code position}, growing the file to cover it; an empty write changes nothing. */
    void write(long position, byte[] src, int length);

    /** Writes {@code src[0, length)} at {@code position}, inside the file, through a mapping. */
    void mappedWrite(long position, byte[] src, int length);

    void truncate(long size);

    /** Zeros in the range, clipped to the size; the size does not change. An empty range changes nothing. */
    void punch(long offset, long length);

    /** Backs the range with storage, growing the size to cover it; the bytes do not change. An empty range changes nothing. */
    void allocate(long offset, long length);

    /** Zeros in the range, growing the size to cover it. An empty range changes nothing. */
    void zeroRange(long offset, long length);

    /** Makes {@code [offset, offset + length)} of a mapping durable; nothing visible changes. */
    void persist(long offset, long length);

    /** Makes the whole file durable; nothing visible changes. */
    void force();
}
