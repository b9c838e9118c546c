package org.daxstore.harness.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.daxstore.StoreOptions;
import org.junit.jupiter.api.Test;

/**
 * The exerciser in the default test run: 100,000 operations checked against the model, 30,000
 * against the model and the kernel (a plain file per name, see {@link KernelOracle}), both over
 * 4 KiB blocks, and 2,000 over 2 MiB blocks against both. The runs on the other media
 * (core/pom.xml) take fewer. The seeds are fixed so that a failure here replays with
 * {@code scripts/fsx.sh --seed ...}; the standalone script takes random seeds.
 */
class FsxTest {
    private static final Path DIR = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm")
            : Path.of(System.getProperty("java.io.tmpdir"));

    /** 100,000 in the default run; the runs on the other media (core/pom.xml) take fewer. */
    private static final int OPERATIONS = Integer.getInteger("daxstore.fsx.ops", 100_000);
    /** 30,000 in the default run, as above. */
    private static final int KERNEL_OPERATIONS = Integer.getInteger("daxstore.fsx.kernel.ops", 30_000);

    private static final Pattern MISMATCH_AT = Pattern.compile("fsx: mismatch at operation (\\d+) \\(seed 5\\)");

    @Test
    void hundredThousandOperationsAgreeWithTheModel() {
        assertAgrees(Fsx.Options.defaults(DIR, 20261126L, OPERATIONS).withOracles(Fsx.Oracles.MODEL));
    }

    @Test
    void theStoreAgreesWithTheKernelAndTheModel() {
        assertAgrees(Fsx.Options.defaults(DIR, 20261127L, KERNEL_OPERATIONS).withOracles(Fsx.Oracles.BOTH));
    }

    @Test
    void hugeBlocksAgreeWithTheKernelAndTheModel() {
        assertAgrees(Fsx.Options.defaults(DIR, 7L, 2_000).withOracles(Fsx.Oracles.BOTH)
                .withBlockSize(StoreOptions.HUGE_BLOCK_SIZE).withCapacity(256L << 20).withMaxFileSize(6L << 20));
    }

    /**
     * The comparisons with the kernel can fail: a kernel oracle whose zero-range zeros nothing
     * stops the run, and the report names the kernel, the seed and the operation, lists the
     * last operations and gives the command that replays it, which then stops at the same
     * operation (and one operation fewer passes).
     */
    @Test
    void aDisagreementWithTheKernelIsReportedWithTheCommandThatReplaysIt() {
        Fsx.Options options = Fsx.Options.defaults(DIR, 5L, 20_000).withOracles(Fsx.Oracles.KERNEL);
        Fsx.Result result = Fsx.run(options, done -> { }, zeroRangeZerosNothing("kernel"));
        String report = result.failureReport();
        assertNotNull(report, "a kernel that does not zero went unseen");
        assertEquals(1, result.mismatches());
        Matcher at = MISMATCH_AT.matcher(report);
        assertTrue(at.find() && report.contains("the kernel says"), report);
        long operation = Long.parseLong(at.group(1));
        assertEquals(operation, result.operations(), report);
        assertTrue(report.contains("replay: scripts/fsx.sh --seed 5 --ops " + (operation + 1) + " --files 6 --capacity "
                + (32L << 20) + " --block-size 4096 --max-file-size " + (256 << 10) + " --oracle kernel --dir " + DIR
                + "\n"), report);
        assertTrue(report.contains("last operations:\n") && report.contains(" zeroRange "), report);

        Fsx.Result replayed = Fsx.run(options.withOperations(operation + 1), done -> { }, zeroRangeZerosNothing("kernel"));
        assertEquals(report, replayed.failureReport(), "the replay stops where the run did, with the same report");
        Fsx.Result shorter = Fsx.run(options.withOperations(operation), done -> { }, zeroRangeZerosNothing("kernel"));
        assertNull(shorter.failureReport(), shorter.failureReport());
    }

    /**
     * The operations depend on the seed alone, not on the oracles: the same break in the kernel
     * oracle checked alone, in the model checked alone, and in the kernel checked beside the
     * model, stops each run at the same operation, after the same operations.
     */
    @Test
    void theSameSeedRunsTheSameOperationsWhicheverOraclesCheck() {
        Fsx.Options options = Fsx.Options.defaults(DIR, 5L, 20_000);
        String kernel = Fsx.run(options.withOracles(Fsx.Oracles.KERNEL), done -> { }, zeroRangeZerosNothing("kernel"))
                .failureReport();
        String model = Fsx.run(options.withOracles(Fsx.Oracles.MODEL), done -> { }, zeroRangeZerosNothing("model"))
                .failureReport();
        String both = Fsx.run(options.withOracles(Fsx.Oracles.BOTH), done -> { }, zeroRangeZerosNothing("kernel"))
                .failureReport();
        assertNotNull(kernel);
        assertEquals(kernel.replace("the kernel says", "the model says").replace("--oracle kernel", "--oracle model"),
                model);
        assertEquals(kernel.replace("--oracle kernel", "--oracle both"), both);
    }

    /** A run leaves nothing behind in its directory: neither the container nor the kernel oracle's files. */
    @Test
    void aRunLeavesNothingBehind() throws Exception {
        Path dir = Files.createTempDirectory(DIR, "fsx-test-");
        try {
            assertAgrees(Fsx.Options.defaults(dir, 3L, 300).withOracles(Fsx.Oracles.BOTH));
            assertNotNull(Fsx.run(Fsx.Options.defaults(dir, 5L, 20_000), done -> { },
                    zeroRangeZerosNothing("kernel")).failureReport());
            try (Stream<Path> left = Files.list(dir)) {
                assertEquals(List.of(), left.toList());
            }
        } finally {
            try (Stream<Path> left = Files.walk(dir)) {
                left.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void assertAgrees(Fsx.Options options) {
        Fsx.Result result = Fsx.run(options, done -> { });
        assertNull(result.failureReport(), result.failureReport());
        assertEquals(options.operations(), result.operations());
        assertEquals(0, result.mismatches());
    }

    /** Breaks the oracle called {@code name}: its zero-range only allocates, as if the kernel had forgotten to zero. */
    private static UnaryOperator<Oracle> zeroRangeZerosNothing(String name) {
        return oracle -> !oracle.name().equals(name) ? oracle : intercept(Oracle.class, oracle, "file", args -> {
            OracleFile file = oracle.file((String) args[0]);
            return intercept(OracleFile.class, file, "zeroRange", range -> {
                file.allocate((long) range[0], (long) range[1]);
                return null;
            });
        });
    }

    /** {@code target}, except that calls of the method called {@code method} go to {@code replacement}. */
    private static <T> T intercept(Class<T> type, T target, String method, Function<Object[], Object> replacement) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, called, args) -> {
            if (called.getName().equals(method)) {
                return replacement.apply(args);
            }
            try {
                return called.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
