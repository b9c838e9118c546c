package org.daxstore.exercise;

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

    @BeforeEach
    void open() throws Exception {
        parent = Files.createTempDirectory(SHM, "kernel-oracle-test-");
        oracle = KernelOracle.open(parent);
        oracle.create("f");
        oracle.write("f", 0, filled(10_000, (byte) 7), 10_000);
    }

    @AfterEach
    void close() throws Exception {
        oracle.close();
        Files.delete(parent);
    }

    @Test
    void emptyRangesChangeNothingWhereTheKernelWouldRefuseThem() {
        for (long offset : new long[] {0, 5_000, 10_000, 50_000}) {
            oracle.punch("f", offset, 0);
            oracle.allocate("f", offset, 0);
            oracle.zeroRange("f", offset, 0);
        }
        assertEquals(10_000, oracle.size("f"));
        assertArrayEquals(filled(10_000, (byte) 7), contents());
    }

    @Test
    void zeroRangeZerosAndGrowsTheSizeAsTheStoreDoes() {
        oracle.zeroRange("f", 5_000, 10_000);
        assertEquals(15_000, oracle.size("f"));
        byte[] expected = new byte[15_000];
        Arrays.fill(expected, 0, 5_000, (byte) 7);
        assertArrayEquals(expected, contents());
    }

    @Test
    void allocateGrowsTheSizeAndKeepsTheBytesAndPunchKeepsTheSize() {
        oracle.allocate("f", 8_000, 12_000);
        assertEquals(20_000, oracle.size("f"));
        oracle.punch("f", 9_000, 100_000);
        assertEquals(20_000, oracle.size("f"), "a punch past the end does not change the size");
        byte[] expected = new byte[20_000];
        Arrays.fill(expected, 0, 9_000, (byte) 7);
        assertArrayEquals(expected, contents());
    }

    @Test
    void mappedAccessesFollowTheSizeAndNeverReachPastIt() {
        oracle.mappedWrite("f", 9_000, filled(1_000, (byte) 1), 1_000);
        oracle.truncate("f", 100);
        oracle.mappedWrite("f", 0, filled(100, (byte) 2), 100);
        oracle.truncate("f", 20_000);
        oracle.mappedWrite("f", 15_000, filled(5_000, (byte) 3), 5_000);
        oracle.persist("f", 0, 1 << 20);
        byte[] expected = new byte[20_000];
        Arrays.fill(expected, 0, 100, (byte) 2);
        Arrays.fill(expected, 15_000, 20_000, (byte) 3);
        assertArrayEquals(expected, contents(), "the bytes past 100 read as zeros after the regrowth");
        byte[] mapped = new byte[20_000];
        oracle.mappedRead("f", 0, mapped, 20_000);
        assertArrayEquals(expected, mapped);
        assertThrows(IllegalStateException.class, () -> oracle.mappedRead("f", 19_999, new byte[2], 2),
                "refused rather than touching the mapping past the end (SIGBUS)");
    }

    @Test
    void theNamesAreTheDirectorysAndCloseRemovesIt() throws Exception {
        oracle.create("g");
        oracle.rename("f", "h");
        assertEquals(List.of("g", "h"), oracle.names());
        assertEquals(10_000, oracle.size("h"));
        oracle.delete("g");
        assertEquals(List.of("h"), oracle.names());
        oracle.close();
        try (Stream<Path> left = Files.list(parent)) {
            assertEquals(List.of(), left.toList());
        }
    }

    private byte[] contents() {
        byte[] bytes = new byte[(int) oracle.size("f")];
        assertEquals(bytes.length, oracle.read("f", 0, bytes, bytes.length));
        assertEquals(-1, oracle.read("f", bytes.length, new byte[1], 1), "at the end of the file: -1");
        return bytes;
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
