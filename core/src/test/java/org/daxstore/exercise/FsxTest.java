package org.daxstore.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;

import org.daxstore.StoreOptions;
import org.junit.jupiter.api.Test;

/**
 * The exerciser in the default test run: 100,000 operations over 4 KiB blocks, and a shorter
 * run over 2 MiB blocks. The seeds are fixed so that a failure here replays with
 * {@code scripts/fsx.sh --seed ...}; the standalone script takes random seeds.
 */
class FsxTest {
    private static final Path DIR = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm")
            : Path.of(System.getProperty("java.io.tmpdir"));

    /** 100,000 in the default run; the runs on the other media (core/pom.xml) take fewer. */
    private static final int OPERATIONS = Integer.getInteger("daxstore.fsx.ops", 100_000);

    @Test
    void hundredThousandOperationsAgreeWithTheModel() {
        Fsx.Result result = Fsx.run(Fsx.Options.defaults(DIR, 20261126L, OPERATIONS), done -> { });
        assertNull(result.failureReport(), result.failureReport());
        assertEquals(OPERATIONS, result.operations());
        assertEquals(0, result.mismatches());
    }

    @Test
    void hugeBlocksAgreeWithTheModel() {
        Fsx.Options options = Fsx.Options.defaults(DIR, 7L, 5_000)
                .withBlockSize(StoreOptions.HUGE_BLOCK_SIZE).withCapacity(256L << 20).withMaxFileSize(6L << 20);
        Fsx.Result result = Fsx.run(options, done -> { });
        assertNull(result.failureReport(), result.failureReport());
        assertEquals(0, result.mismatches());
    }
}
