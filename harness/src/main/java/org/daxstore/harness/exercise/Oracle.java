package org.daxstore.harness.exercise;

import java.util.List;

/**
 * What an fsx run checks the store against: something that applies the same operations to its
 * own copy of each file and says what the store should answer. {@link ModelOracle} is an
 * in-memory model; {@link KernelOracle} is a plain file per name, on the same file system,
 * changed by the kernel's own calls. This interface is the namespace; {@link OracleFile} is one
 * file's contents. The run only gives an oracle operations the store accepted, and only mapped
 * accesses inside the file (see {@link Fsx} for the cases the store must refuse).
 */
interface Oracle extends AutoCloseable {
    /** "model" or "kernel", for messages: "the kernel says ...". */
    String name();

    /** The names of the files, sorted. */
    List<String> names();

    /** The file called {@code name}, which exists. */
    OracleFile file(String name);

    void create(String name);

    void delete(String name);

    /** Renames {@code from} to {@code to}, replacing the file named {@code to} if there is one (as {@code rename(2)}). */
    void rename(String from, String to);

    @Override
    void close();
}
