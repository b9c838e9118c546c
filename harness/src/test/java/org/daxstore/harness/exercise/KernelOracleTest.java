package org.daxstore.harness.exercise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kernel oracle's mapping of the store's operations onto kernel calls, where the two differ:
 * empty ranges (EINVAL for fallocate), zero-range on tmpfs (EOPNOTSUPP), sizes after allocate and
 * punch, mapped accesses after the file shrinks (SIGBUS past the end), names.
 */
class KernelOracleTest {
    private static final Path SHM = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm")
            : Path.of(System.getProperty("java.io.tmpdir"));

    private Path parent;
    private KernelOracle oracle;
    private OracleFile file;

    @BeforeEach
    void open() throws Exception {
        parent = Files.createTempDirectory(SHM, "kernel-oracle-test-");
        oracle = KernelOracle.open(parent);
        oracle.create("f");
        file = oracle.file("f");
        file.write(0, filled(10_000, (byte) 7), 10_000);
    }

    @AfterEach
    void close() throws Exception {
        oracle.close();
        Files.delete(parent);
    }

    @Test
    void emptyRangesChangeNothingWhereTheKernelWouldRefuseThem() {
        for (long offset : new long[] {0, 5_000, 10_000, 50_000}) {
            file.punch(offset, 0);
            file.allocate(offset, 0);
            file.zeroRange(offset, 0);
        }
        assertEquals(10_000, file.size());
        assertArrayEquals(filled(10_000, (byte) 7), contents());
    }

    @Test
    void zeroRangeZerosAndGrowsTheSizeAsTheStoreDoes() {
        file.zeroRange(5_000, 10_000);
        assertEquals(15_000, file.size());
        byte[] expected = new byte[15_000];
        Arrays.fill(expected, 0, 5_000, (byte) 7);
        assertArrayEquals(expected, contents());
    }

    @Test
    void allocateGrowsTheSizeAndKeepsTheBytesAndPunchKeepsTheSize() {
        file.allocate(8_000, 12_000);
        assertEquals(20_000, file.size());
        file.punch(9_000, 100_000);
        assertEquals(20_000, file.size(), "a punch past the end does not change the size");
        byte[] expected = new byte[20_000];
        Arrays.fill(expected, 0, 9_000, (byte) 7);
        assertArrayEquals(expected, contents());
    }

    @Test
    void mappedAccessesFollowTheSizeAndNeverReachPastIt() {
        file.mappedWrite(9_000, filled(1_000, (byte) 1), 1_000);
        file.truncate(100);
        file.mappedWrite(0, filled(100, (byte) 2), 100);
        file.truncate(20_000);
        file.mappedWrite(15_000, filled(5_000, (byte) 3), 5_000);
        file.persist(0, 1 << 20);
        byte[] expected = new byte[20_000];
        Arrays.fill(expected, 0, 100, (byte) 2);
        Arrays.fill(expected, 15_000, 20_000, (byte) 3);
        assertArrayEquals(expected, contents(), "the bytes past 100 read as zeros after the regrowth");
        byte[] mapped = new byte[20_000];
        file.mappedRead(0, mapped, 20_000);
        assertArrayEquals(expected, mapped);
        assertThrows(IllegalStateException.class, () -> file.mappedRead(19_999, new byte[2], 2),
                "refused rather than touching the mapping past the end (SIGBUS)");
    }

    @Test
    void theNamesAreTheDirectorysAndCloseRemovesIt() throws Exception {
        oracle.create("g");
        oracle.rename("f", "h");
        assertEquals(List.of("g", "h"), oracle.names());
        assertEquals(10_000, oracle.file("h").size());
        oracle.delete("g");
        assertEquals(List.of("h"), oracle.names());
        oracle.close();
        try (Stream<Path> left = Files.list(parent)) {
            assertEquals(List.of(), left.toList());
        }
    }

    private byte[] contents() {
        byte[] bytes = new byte[(int) file.size()];
        assertEquals(bytes.length, file.read(0, bytes, bytes.length));
        assertEquals(-1, file.read(bytes.length, new byte[1], 1), "at the end of the file: -1");
        return bytes;
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
