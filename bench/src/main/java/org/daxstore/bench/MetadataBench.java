package org.daxstore.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

import org.daxstore.DaxFile;
import org.daxstore.DaxStore;
import org.daxstore.StoreOptions;
import org.daxstore.nativebridge.LibC;
import org.daxstore.nativebridge.NativeFile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Metadata operations of a store against the kernel doing the same to a plain file in the same
 * directory (tmpfs by default), in the same run (issue 14, item 3). Each {@code dax...} method has
 * a {@code kernel...} twin:
 * <ul>
 *   <li>{@link #daxAllocate}: {@code DaxFile.allocate(0, size)} of an empty file, against
 *       {@code fallocate(fd, 0, 0, size)} (mode 0, as {@code fallocate -l}) of an empty file;</li>
 *   <li>{@link #daxTruncateGrow}: {@code truncate(size)} of an empty file (a hole), against
 *       {@code ftruncate} ({@code RandomAccessFile.setLength});</li>
 *   <li>{@link #daxTruncateShrink}: {@code truncate(0)} of a file whose {@code size} bytes were
 *       allocated before the call, against {@code ftruncate(0)} of a file fallocated as much;</li>
 *   <li>{@link #daxPunchHole}: {@code punchHole(0, size)} of such a file, against
 *       {@code fallocate(PUNCH_HOLE | KEEP_SIZE)};</li>
 *   <li>{@link #daxZeroRange}: {@code zeroRange(0, size)} of such a file, against a punch of
 *       the range followed by a {@code fallocate} mode 0 of it: tmpfs has no
 *       {@code FALLOC_FL_ZERO_RANGE}, and that pair is what gives the range zeroed storage;</li>
 *   <li>{@link #daxCreateDelete}: create, close and delete of an empty file, against
 *       {@code open(O_CREAT | O_EXCL)}, {@code close} and {@code unlink} through
 *       {@code FileChannel.open} and {@code Files.delete};</li>
 *   <li>{@link #daxRename}: two renames (there and back), against two {@code rename(2)}
 *       ({@code Files.move} with {@code ATOMIC_MOVE}, which calls nothing else);</li>
 *   <li>{@link #daxForce}: {@code force()} of a file of {@value #FORCED_BYTES} written bytes,
 *       against {@code fsync} ({@code FileChannel.force(true)}) of a plain file as large.</li>
 * </ul>
 * The sized operations run at {@link SizedFiles#fileSize} (1 GiB by default); the state each needs
 * (an empty file, or one allocated whole) is made before every call and taken away after it,
 * outside the measurement ({@code Level.Invocation}: each call takes milliseconds or more). The
 * store's container holds twice {@code fileSize}, so that the file and its block map fit with room
 * to spare; both containers need the space free in the bench directory, checked before anything
 * is written.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MetadataBench {
    static final int FORCED_BYTES = 1 << 20;

    /** A store with one file and a plain file beside it, for the operations on {@link #fileSize} bytes. */
    @State(Scope.Benchmark)
    public static class SizedFiles {
        /** The length the sized operations work on: a number with a k, m or g suffix (powers of 1024). */
        @Param({"1g"})
        String fileSize;

        long bytes;
        Path container;
        DaxStore store;
        DaxFile file;
        Path plainPath;
        RandomAccessFile plain;
        NativeFile plainNative;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            bytes = OpenBench.parseSize(fileSize);
            container = BenchFiles.newContainer("metadata-");
            plainPath = BenchFiles.newContainer("metadata-kernel-");
            long capacity = Math.max(64L << 20, 2 * bytes);
            BenchFiles.requireSpace(container, capacity + bytes, "MetadataBench (a container of " + capacity
                    + " bytes and a plain file of " + bytes + ", -p fileSize)");
            store = DaxStore.open(container, StoreOptions.capacity(capacity));
            file = store.create("sized");
            Files.createFile(plainPath);
            plain = new RandomAccessFile(plainPath.toFile(), "rw");
            plainNative = new NativeFile(plainPath);
        }

        /** Empties both files, outside the measurement. */
        void empty() throws IOException {
            file.truncate(0);
            plain.setLength(0);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            file.close();
            store.close();
            plainNative.close();
            plain.close();
            Files.deleteIfExists(container);
            Files.deleteIfExists(plainPath);
        }
    }

    /** What a call found, prepared before it; both files are emptied after it, outside the measurement. */
    abstract static class Prepared {
        SizedFiles files;

        @TearDown(Level.Invocation)
        public void emptyAfter() throws IOException {
            files.empty();
        }
    }

    /** Both files empty when a call starts. */
    @State(Scope.Thread)
    public static class EmptyBefore extends Prepared {
        @Setup(Level.Invocation)
        public void empty(SizedFiles sized) throws IOException {
            files = sized;
            sized.empty();
        }
    }

    /** Both files {@code fileSize} bytes, every byte with storage, when a call starts. */
    @State(Scope.Thread)
    public static class AllocatedBefore extends Prepared {
        @Setup(Level.Invocation)
        public void allocate(SizedFiles sized) throws IOException {
            files = sized;
            sized.empty();
            sized.file.allocate(0, sized.bytes);
            sized.plainNative.fallocate(0, 0, sized.bytes);
        }
    }

    /** A small store and a directory of plain files, for the operations on names and for force. */
    @State(Scope.Benchmark)
    public static class Names {
        Path container;
        DaxStore store;
        DaxFile forced;
        Path dir;
        Path plainForced;
        FileChannel plainForcedChannel;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            container = BenchFiles.newContainer("metadata-names-");
            store = DaxStore.open(container, StoreOptions.capacity(64L << 20));
            store.create("a").close();
            forced = store.create("forced");
            forced.write(0, new byte[FORCED_BYTES]);
            Path parent = container.getParent();
            dir = Files.createTempDirectory(parent, "metadata-names-kernel-");
            Files.createFile(dir.resolve("a"));
            plainForced = dir.resolve("forced");
            plainForcedChannel = FileChannel.open(plainForced, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            plainForcedChannel.write(java.nio.ByteBuffer.allocate(FORCED_BYTES), 0);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            forced.close();
            store.close();
            Files.deleteIfExists(container);
            plainForcedChannel.close();
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    @Benchmark
    public void daxAllocate(SizedFiles files, EmptyBefore empty) {
        files.file.allocate(0, files.bytes);
    }

    @Benchmark
    public void kernelAllocate(SizedFiles files, EmptyBefore empty) {
        files.plainNative.fallocate(0, 0, files.bytes);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void daxTruncateGrow(SizedFiles files, EmptyBefore empty) {
        files.file.truncate(files.bytes);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void kernelTruncateGrow(SizedFiles files, EmptyBefore empty) throws IOException {
        files.plain.setLength(files.bytes);
    }

    @Benchmark
    public void daxTruncateShrink(SizedFiles files, AllocatedBefore allocated) {
        files.file.truncate(0);
    }

    @Benchmark
    public void kernelTruncateShrink(SizedFiles files, AllocatedBefore allocated) throws IOException {
        files.plain.setLength(0);
    }

    @Benchmark
    public void daxPunchHole(SizedFiles files, AllocatedBefore allocated) {
        files.file.punchHole(0, files.bytes);
    }

    @Benchmark
    public void kernelPunchHole(SizedFiles files, AllocatedBefore allocated) {
        files.plainNative.fallocate(LibC.FALLOC_FL_PUNCH_HOLE | LibC.FALLOC_FL_KEEP_SIZE, 0, files.bytes);
    }

    @Benchmark
    public void daxZeroRange(SizedFiles files, AllocatedBefore allocated) {
        files.file.zeroRange(0, files.bytes);
    }

    @Benchmark
    public void kernelZeroRange(SizedFiles files, AllocatedBefore allocated) {
        files.plainNative.fallocate(LibC.FALLOC_FL_PUNCH_HOLE | LibC.FALLOC_FL_KEEP_SIZE, 0, files.bytes);
        files.plainNative.fallocate(0, 0, files.bytes);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void daxCreateDelete(Names names) {
        names.store.create("created").close();
        names.store.delete("created");
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void kernelCreateDelete(Names names) throws IOException {
        Path created = names.dir.resolve("created");
        FileChannel.open(created, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        Files.delete(created);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(2)
    public void daxRename(Names names) {
        names.store.rename("a", "b");
        names.store.rename("b", "a");
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(2)
    public void kernelRename(Names names) throws IOException {
        Files.move(names.dir.resolve("a"), names.dir.resolve("b"), StandardCopyOption.ATOMIC_MOVE);
        Files.move(names.dir.resolve("b"), names.dir.resolve("a"), StandardCopyOption.ATOMIC_MOVE);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void daxForce(Names names) {
        names.forced.force();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void kernelForce(Names names) throws IOException {
        names.plainForcedChannel.force(true);
    }
}
