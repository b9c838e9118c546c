package org.daxstore.harness.exercise;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.daxstore.nativebridge.LibC;
import org.daxstore.nativebridge.NativeCallException;
import org.daxstore.nativebridge.NativeFile;

/**
 * The kernel as fsx's oracle: every file of the store has a plain file of the same name in a
 * temporary directory beside the container (so on the same file system), and every operation
 * the store is given goes to that file as the kernel call it stands for. The kernel's semantics
 * were not written by daxstore's authors, so a misreading the store and {@link ModelOracle}
 * share shows up here. The mapping, and where the two legitimately differ:
 *
 * <table>
 * <caption>store operation, kernel call, differences</caption>
 * <tr><th>store</th><th>kernel</th><th>where they differ; what fsx does</th></tr>
 * <tr><td>create, delete</td><td>{@code open(O_CREAT|O_EXCL)}, {@code unlink}</td><td>-</td></tr>
 * <tr><td>rename to a free name, or renameReplacing</td><td>{@code rename(2)}</td><td>onto a name in
 *     use {@code rename} refuses and {@code rename(2)} replaces: fsx expects the refusal and calls no
 *     oracle; {@code renameReplacing} replaces, as {@code rename(2)} does</td></tr>
 * <tr><td>write, read</td><td>{@code pwrite}, {@code pread}</td><td>at or past the end both
 *     answer -1 (end of file); {@code pread} may return short counts, so it is repeated</td></tr>
 * <tr><td>truncate</td><td>{@code ftruncate}</td><td>-</td></tr>
 * <tr><td>punchHole</td><td>{@code fallocate(PUNCH_HOLE|KEEP_SIZE)}</td><td>neither changes the
 *     size; an empty range is a no-op for the store and EINVAL for the kernel: not called</td></tr>
 * <tr><td>allocate</td><td>{@code fallocate} mode 0</td><td>both grow the size (no
 *     {@code KEEP_SIZE}); an empty range: not called (EINVAL)</td></tr>
 * <tr><td>zeroRange</td><td>{@code fallocate(ZERO_RANGE)}</td><td>tmpfs refuses
 *     {@code ZERO_RANGE} (EOPNOTSUPP, probed once at open): a punch then mode 0 instead, same
 *     contents and size; an empty range: not called</td></tr>
 * <tr><td>mapped write, mapped read (bulk, primitive, access scope; old or fresh view)</td>
 *     <td>a {@link java.nio.MappedByteBuffer} over {@code [0, size)}</td><td>past the end the
 *     store throws {@link IndexOutOfBoundsException} and changes nothing, where the kernel raises
 *     SIGBUS: fsx expects the exception and calls no oracle</td></tr>
 * <tr><td>persist (a view's range)</td><td>{@code msync} of the mapping
 *     ({@code MappedByteBuffer.force(index, length)})</td><td>the store takes any range of the
 *     view, past the end too (holes have nothing to persist); the mapping cannot reach past the
 *     end, so the range is clipped to the size</td></tr>
 * <tr><td>force</td><td>{@code fsync}</td><td>-</td></tr>
 * <tr><td>close and reopen the store</td><td>nothing</td><td>-</td></tr>
 * </table>
 *
 * <p>Compared: the names (the directory's listing), the sizes ({@code fstat}), the count and
 * bytes of every read. Not compared: allocated space. The store counts its block-map nodes in a
 * file's allocated bytes; its 2 MiB blocks are 512 of tmpfs's pages; tmpfs allocates a page on a
 * load through a mapping, even in a hole; and a punch reaching the end of the file frees the
 * store's partial last block, whose bytes past the end need no storage, while tmpfs keeps it.
 *
 * <p>Needs the native bridge ({@code fallocate}) and a file system that punches holes.
 */
final class KernelOracle implements Oracle {
    private final Path directory;
    private final boolean zeroRangeSupported;
    private final Map<String, KernelFile> files = new HashMap<>();

    private KernelOracle(Path directory, boolean zeroRangeSupported) {
        this.directory = directory;
        this.zeroRangeSupported = zeroRangeSupported;
    }

    /**
     * Makes a fresh directory in {@code parent} for the plain files, and asks its file system
     * which {@code fallocate} modes it has.
     *
     * @throws IllegalArgumentException if the native bridge is unavailable, the directory cannot
     *                                  be made or its file system does not punch holes
     */
    static KernelOracle open(Path parent) {
        if (!LibC.isAvailable()) {
            throw new IllegalArgumentException("the kernel oracle needs the native bridge for fallocate, which is"
                    + " unavailable (" + LibC.unavailableReason() + "): check against the model only");
        }
        Path directory;
        try {
            directory = Files.createTempDirectory(parent, "fsx-kernel-");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the kernel oracle's directory in " + parent + ": " + e, e);
        }
        try {
            return new KernelOracle(directory, probeZeroRange(directory));
        } catch (RuntimeException e) {
            deleteTree(directory);
            throw e;
        }
    }

    /** Whether {@code ZERO_RANGE} works here; refuses a file system that cannot punch holes. */
    private static boolean probeZeroRange(Path directory) {
        Path probe = directory.resolve(".probe");
        try {
            Files.write(probe, new byte[8192]);
            try (NativeFile file = new NativeFile(probe)) {
                try {
                    file.punchHole(0, 4096);
                } catch (NativeCallException e) {
                    throw new IllegalArgumentException("the kernel oracle needs hole punching in " + directory
                            + ": " + e.getMessage(), e);
                }
                try {
                    file.fallocate(LibC.FALLOC_FL_ZERO_RANGE, 0, 4096);
                    return true;
                } catch (NativeCallException e) {
                    if (e.isNotSupported()) {
                        return false;
                    }
                    throw e;
                }
            } finally {
                Files.delete(probe);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot probe " + directory + ": " + e, e);
        }
    }

    @Override
    public String name() {
        return "kernel";
    }

    /** The directory's own listing, not this class's map: the kernel says which files exist. */
    @Override
    public List<String> names() {
        List<String> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            entries.forEach(entry -> names.add(entry.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.sort(null);
        return names;
    }

    @Override
    public OracleFile file(String name) {
        KernelFile file = files.get(name);
        if (file == null) {
            throw new IllegalStateException("the kernel oracle has no file '" + name + "' in " + directory);
        }
        return file;
    }

    @Override
    public void create(String name) {
        Path path = directory.resolve(name);
        try {
            Files.createFile(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.put(name, new KernelFile(path, zeroRangeSupported));
    }

    @Override
    public void delete(String name) {
        files.remove(name).close();
        try {
            Files.delete(directory.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code rename(2)}, which replaces a file named {@code to}; the file is opened again at its new name so that messages name it. */
    @Override
    public void rename(String from, String to) {
        files.remove(from).close();
        KernelFile replaced = files.remove(to);
        if (replaced != null) {
            replaced.close();
        }
        try {
            Files.move(directory.resolve(from), directory.resolve(to), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.put(to, new KernelFile(directory.resolve(to), zeroRangeSupported));
    }

    /** Closes every file and deletes the directory. */
    @Override
    public void close() {
        for (KernelFile file : files.values()) {
            file.close();
        }
        files.clear();
        deleteTree(directory);
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> entries = Files.walk(directory)) {
            entries.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is not worth failing the run for
        }
    }
}
