package org.daxstore.bench;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.daxstore.DaxFile;
import org.daxstore.DaxMapping;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import net.openhft.chronicle.bytes.MappedBytes;

/**
 * Random reads and writes of {@code size} bytes over 64 MiB, through what a user would pick
 * instead: a view (bulk copy), daxstore's positional I/O, {@link FileChannel} positional I/O on
 * a tmpfs file, Chronicle's {@link MappedBytes} over a tmpfs file (the anchor the design names
 * for mapped I/O from Java) and a plain {@link MappedByteBuffer} of a tmpfs file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// Chronicle's MappedFile maps through FileChannelImpl's private map0 and unmaps through
// jdk.internal.ref, so MappedBytes fails on JDK 17+ without these. Only this benchmark's forks
// get them: daxstore itself never asks Chronicle to map or clean, and its users need no flag.
// (BenchMain sets jvmArgsAppend only, so these prepended ones survive.)
@Fork(value = 1, jvmArgsPrepend = {
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED"})
public class IoCompareBench {
    private static final long SPAN = 64L << 20;
    private static final int OFFSETS = 1 << 14;

    @Param({"64", "4096"})
    int size;

    private ViewedFile viewed;
    private Path plainFile;
    private DaxFile file;
    private DaxMapping view;
    private RandomAccessFile plain;
    private FileChannel channel;
    private MappedByteBuffer mapped;
    private Path chronicleFile;
    private MappedBytes chronicle;
    private byte[] buffer;
    private ByteBuffer channelBuffer;
    private final long[] offsets = new long[OFFSETS];
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        viewed = ViewedFile.create("io-", SPAN);
        file = viewed.file();
        view = viewed.view();
        plainFile = BenchFiles.newContainer("io-plain-");
        plain = new RandomAccessFile(plainFile.toFile(), "rw");
        plain.setLength(SPAN);
        channel = plain.getChannel();
        mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, SPAN);
        chronicleFile = BenchFiles.newContainer("io-chronicle-");
        chronicle = MappedBytes.singleMappedBytes(chronicleFile.toFile(), SPAN);
        buffer = new byte[size];
        channelBuffer = ByteBuffer.allocateDirect(size);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < OFFSETS; i++) {
            offsets[i] = random.nextLong(SPAN / size) * size;
        }
        byte[] page = new byte[4096];
        for (long o = 0; o < SPAN; o += page.length) {
            view.put(o, page, 0, page.length);
            mapped.put((int) o, page);
            chronicle.write(o, page, 0, page.length);
        }
        // Absolute writes leave the write position alone, and MappedBytes reads only below it.
        chronicle.writePosition(SPAN);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        viewed.close();
        plain.close();
        chronicle.releaseLast();
        Files.deleteIfExists(chronicleFile);
        Files.deleteIfExists(plainFile);
    }

    private long nextOffset() {
        return offsets[next++ & (OFFSETS - 1)];
    }

    @Benchmark
    public byte[] viewRead() {
        view.get(nextOffset(), buffer, 0, size);
        return buffer;
    }

    @Benchmark
    public void viewWrite() {
        view.put(nextOffset(), buffer, 0, size);
    }

    @Benchmark
    public byte[] positionalRead() {
        file.read(nextOffset(), buffer, 0, size);
        return buffer;
    }

    @Benchmark
    public void positionalWrite() {
        file.write(nextOffset(), buffer, 0, size);
    }

    @Benchmark
    public ByteBuffer fileChannelRead() throws Exception {
        channelBuffer.clear();
        channel.read(channelBuffer, nextOffset());
        return channelBuffer;
    }

    @Benchmark
    public int fileChannelWrite() throws Exception {
        channelBuffer.clear();
        return channel.write(channelBuffer, nextOffset());
    }

    @Benchmark
    public byte[] mappedBytesRead() {
        chronicle.read(nextOffset(), buffer, 0, size);
        return buffer;
    }

    @Benchmark
    public void mappedBytesWrite() {
        chronicle.write(nextOffset(), buffer, 0, size);
    }

    @Benchmark
    public byte[] mappedBufferRead() {
        mapped.get((int) nextOffset(), buffer, 0, size);
        return buffer;
    }

    @Benchmark
    public void mappedBufferWrite() {
        mapped.put((int) nextOffset(), buffer, 0, size);
    }
}
