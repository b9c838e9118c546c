package org.daxstore.exercise;

import java.util.List;

/**
 * What an fsx run checks the store against: something that applies the same operations to its
 * own copy of each file and says what the store should answer. {@link ModelOracle} is an
 * in-memory model; {@link KernelOracle} is a plain file per name, on the same file system,
 * changed by the kernel's own calls. The run only gives an oracle operations the store accepted,
 * and only mapped accesses inside the file (see {@link Fsx} for the cases the store refuses).
 */
interface Oracle extends AutoCloseable {
    /** "model" or "kernel", for messages: "the kernel says ...". */
    String name();

    /** The names of the files, sorted. */
    List<String> names();

    long size(String name);

    /**
     * Reads like {@link org.daxstore.DaxFile#read(long, byte[], int, int)}: up to {@code length}
     * bytes at {@code position} into {@code dst[0..]}, returning the count, or -1 at or past the end.
     */
    int read(String name, long position, byte[] dst, int length);

    /** Reads {@code [position, position + length)}, inside the file, through a mapping. */
    void mappedRead(String name, long position, byte[] dst, int length);

    void create(String name);

    void delete(String name);

    /** Renames {@code from} to {@code to}, a name not in use. */
    void rename(String from, String to);

    void write(String name, long position, byte[] src, int length);

    /** Writes {@code src[0, length)} at {@code position}, inside the file, through a mapping. */
    void mappedWrite(String name, long position, byte[] src, int length);

    void truncate(String name, long size);

    /** Zeros in the range, clipped to the size; the size does not change. */
    void punch(String name, long offset, long length);

    /** Backs the range with storage, growing the size to cover it; the contents do not change. */
    void allocate(String name, long offset, long length);

    /** Zeros in the range, growing the size to cover it. */
    void zeroRange(String name, long offset, long length);

    /** Makes {@code [offset, offset + length)} of a mapping durable; the contents do not change. */
    void persist(String name, long offset, long length);

    /** Makes the whole file durable; the contents do not change. */
    void force(String name);

    @Override
    void close();
}
